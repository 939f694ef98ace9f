import { startShell } from './electron/shell';

// Everything Electron-specific lives in electron/; everything that decides anything lives in core/.
startShell();
