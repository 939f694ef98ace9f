// A recording stand-in for the `electron` module, so the built main bundle can be loaded under
// plain Node: it records what the shell registers, in order, and writes it to WIRING_RECORD.
// This is a wiring check, not an Electron test.
import { EventEmitter } from 'node:events';
import { writeFileSync } from 'node:fs';

const record = {
  events: [],
  handles: [],
  windows: [],
  protocolClients: [],
  singleInstanceLock: false,
  errorBoxes: [],
};
const log = (entry) => record.events.push(entry);
let readyResolve;
const ready = new Promise((resolve) => {
  readyResolve = resolve;
});

class App extends EventEmitter {
  on(event, listener) {
    log(`app.on:${event}`);
    return super.on(event, listener);
  }
  requestSingleInstanceLock() {
    record.singleInstanceLock = true;
    log('app.requestSingleInstanceLock');
    return true;
  }
  setAsDefaultProtocolClient(protocol) {
    record.protocolClients.push(protocol);
    log(`app.setAsDefaultProtocolClient:${protocol}`);
    return true;
  }
  whenReady() {
    log('app.whenReady');
    return ready;
  }
  getName() {
    return 'gatehouse';
  }
  getVersion() {
    return '0.0.0-wiring';
  }
  quit() {
    log('app.quit');
    // Without a window nothing else would end the run: flush the record on quit too.
    flush();
  }
}

function flush() {
  setTimeout(() => {
    writeFileSync(process.env.WIRING_RECORD, JSON.stringify(record, null, 2));
    process.exit(0);
  }, 300);
}

export const app = new App();

export const ipcMain = {
  handle(channel) {
    record.handles.push(channel);
  },
};

export const shell = { openExternal: async () => {} };

export const dialog = {
  showErrorBox(title, content) {
    record.errorBoxes.push({ title, content });
    log('dialog.showErrorBox');
  },
};

function webContents() {
  const contents = new EventEmitter();
  const listen = contents.on.bind(contents);
  contents.on = (event, listener) => {
    log(`webContents.on:${event}`);
    return listen(event, listener);
  };
  contents.setWindowOpenHandler = () => log('webContents.setWindowOpenHandler');
  contents.session = { setPermissionRequestHandler: () => log('session.setPermissionRequestHandler') };
  contents.mainFrame = {};
  contents.getURL = () => '';
  contents.send = () => {};
  return contents;
}

export class BrowserWindow extends EventEmitter {
  constructor(options) {
    super();
    record.windows.push({ webPreferences: options.webPreferences });
    log('new BrowserWindow');
    this.webContents = webContents();
  }
  loadURL(url) {
    record.windows.at(-1).url = url;
    log('window.loadURL');
    flush();
    return Promise.resolve();
  }
  show() {}
  isMinimized() {
    return false;
  }
  restore() {}
  focus() {}
}

export const contextBridge = {};
export const ipcRenderer = {};

export default { app, ipcMain, shell, dialog, BrowserWindow, contextBridge, ipcRenderer };

// The real app becomes ready after the main module has run its top level.
setTimeout(() => {
  log('ready');
  readyResolve();
}, 50);
