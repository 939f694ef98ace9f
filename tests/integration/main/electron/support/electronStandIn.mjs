// A recording stand-in for the `electron` module, so the built main bundle can be loaded under
// plain Node: it records what the shell registers, in order, and writes it to WIRING_RECORD.
// This is a wiring check, not an Electron test.
import { fork } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { existsSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';

const record = {
  events: [],
  handles: [],
  windows: [],
  protocolClients: [],
  singleInstanceLock: false,
  errorBoxes: [],
  privilegedSchemes: [],
  protocolHandlers: [],
  /** What the registered scheme handler answered for a few requests (status and first bytes). */
  protocolProbes: {},
};
// URLs the stand-in asks the registered handler for, as the renderer (or an attacker in it) would.
const PROBES = ['/index.html', '/', '/%2e%2e/main/index.js', '/..%2f..%2fpackage.json', '/missing.js'];
const log = (entry) => record.events.push(entry);
let readyResolve;
const ready = new Promise((resolve) => {
  readyResolve = resolve;
});

class App extends EventEmitter {
  isPackaged = process.env.WIRING_PACKAGED === '1';

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

export const protocol = {
  registerSchemesAsPrivileged(schemes) {
    record.privilegedSchemes.push(...schemes);
    log('protocol.registerSchemesAsPrivileged');
  },
  handle(scheme, handler) {
    record.protocolHandlers.push(scheme);
    log(`protocol.handle:${scheme}`);
    for (const path of PROBES) {
      Promise.resolve(handler(new Request(`${scheme}://renderer${path}`))).then(async (response) => {
        const text = await response.text();
        record.protocolProbes[path] = {
          status: response.status,
          contentType: response.headers.get('content-type'),
          start: text.slice(0, 15),
        };
      });
    }
  },
};

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
  contents.session = {
    setPermissionRequestHandler: () => log('session.setPermissionRequestHandler'),
    setPermissionCheckHandler: (handler) => {
      log('session.setPermissionCheckHandler');
      record.permissionCheckAnswers = ['media', 'notifications', 'clipboard-read'].map((permission) =>
        handler(contents, permission, 'gatehouse-app://renderer', {}),
      );
    },
  };
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
    // The user quits at once: record whether the shell holds the quit for the core, then quits.
    setTimeout(() => {
      app.emit('before-quit', { preventDefault: () => log('before-quit:preventDefault') });
    }, 50);
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

class PowerMonitor extends EventEmitter {
  on(event, listener) {
    log(`powerMonitor.on:${event}`);
    return super.on(event, listener);
  }
}

export const powerMonitor = new PowerMonitor();

// Electron's utility process played by Node's fork of the same file (the worker answers either way).
export const utilityProcess = {
  fork(modulePath, args = [], options = {}) {
    log(
      `utilityProcess.fork:${basename(modulePath)}:${existsSync(modulePath) ? 'exists' : 'missing'}:${options.serviceName}`,
    );
    const child = fork(modulePath, args, { execArgv: [], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    const emitter = new EventEmitter();
    child.on('message', (message) => emitter.emit('message', message));
    child.on('exit', (code) => emitter.emit('exit', code));
    return Object.assign(emitter, {
      postMessage: (message) => child.send(message),
      kill: () => {
        log('utilityProcess.kill');
        return child.kill();
      },
    });
  },
};

export const contextBridge = {};
export const ipcRenderer = {};

export default {
  app,
  ipcMain,
  shell,
  dialog,
  protocol,
  powerMonitor,
  utilityProcess,
  BrowserWindow,
  contextBridge,
  ipcRenderer,
};

// The real app becomes ready after the main module has run its top level.
setTimeout(() => {
  log('ready');
  readyResolve();
}, 50);
