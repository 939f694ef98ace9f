import type { IpcRenderer } from 'electron';
export type Probe = IpcRenderer;
