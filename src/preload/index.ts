import { contextBridge, ipcRenderer } from 'electron';
import { IPC_PREFIX } from '../shared/ipc/envelope';
import { createBridge } from './bridge';

// The only thing the renderer gets from the preload: the contract-shaped bridge, over ipcRenderer.
contextBridge.exposeInMainWorld(
  'gatehouse',
  createBridge({
    invoke: (channel, payload) => ipcRenderer.invoke(IPC_PREFIX + channel, payload),
    subscribe: (event, listener) => {
      const wrapped = (_event: Electron.IpcRendererEvent, payload: unknown) => listener(payload);
      ipcRenderer.on(IPC_PREFIX + event, wrapped);
      return () => {
        ipcRenderer.removeListener(IPC_PREFIX + event, wrapped);
      };
    },
  }),
);
