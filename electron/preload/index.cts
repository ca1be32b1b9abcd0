// Preload of the main window. CommonJS because sandboxed preloads cannot be ES modules, and
// self-contained because a sandboxed preload may require only `electron` and a few built-ins: the
// channel names are restated here, and the imported types make the compiler check them against
// the contract main registers.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- in a .cts file under verbatimModuleSyntax, import-equals is how TypeScript writes a typed require().
import electron = require('electron');
import type {
  BridgeChannels,
  BridgeGlobal,
  HydroDesktopBridge,
} from '../main/bridge-contract.js' with { 'resolution-mode': 'import' };

const CHANNELS: BridgeChannels = {
  appVersion: 'app.version',
  openExternal: 'links.open',
  saveFile: 'dialogs.save',
  openFile: 'dialogs.open',
};

const { ipcRenderer } = electron;

// One named function per call, never ipcRenderer itself (Electron security checklist #20).
const bridge: HydroDesktopBridge = {
  appVersion: () => ipcRenderer.invoke(CHANNELS.appVersion),
  openExternal: (request) => ipcRenderer.invoke(CHANNELS.openExternal, request),
  saveFile: (request) => ipcRenderer.invoke(CHANNELS.saveFile, request),
  openFile: (request) => ipcRenderer.invoke(CHANNELS.openFile, request),
};

const BRIDGE_GLOBAL: BridgeGlobal = 'hydroDesktop';
electron.contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, bridge);
