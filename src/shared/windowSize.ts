/** The app window's first and smallest size, in CSS pixels: the Electron window and the Chromium fallback's. */
export const WINDOW_SIZE = { width: 480, height: 760, minWidth: 380, minHeight: 560 } as const;
