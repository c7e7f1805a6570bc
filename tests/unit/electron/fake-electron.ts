import { EventEmitter } from 'node:events';
import { runCoreHost } from '../../../electron/core/host/core-host';
import type { PortLike } from '../../../electron/preload/port-api';
import { FakePortMain, FakeUtility, fakeChannelMain } from './electron-fakes';

/**
 * The `electron` module as electron/main/index.ts uses it, in small in-memory pieces, so the
 * shell's composition root runs in Node: the core host it forks is the real one (in this
 * process), the windows are records of what was asked of them.
 */
export function createFakeElectron() {
  const calls: string[] = [];
  const app = Object.assign(new EventEmitter(), {
    isPackaged: false,
    lockGranted: true,
    ready: undefined as undefined | (() => void),
    quitCalls: 0,
    requestSingleInstanceLock: () => app.lockGranted,
    enableSandbox: () => void calls.push(`sandbox${app.ready ? '' : ' (before ready)'}`),
    quit: () => {
      app.quitCalls++;
      calls.push('app.quit');
      const event = { defaultPrevented: false, preventDefault: () => void (event.defaultPrevented = true) };
      app.emit('will-quit', event);
    },
    exit: (code: number) => void calls.push(`app.exit ${code}`),
    relaunch: () => void calls.push('app.relaunch'),
    whenReady: () => new Promise<void>((resolve) => (app.ready = resolve)),
    getPath: () => '/nonexistent/userData',
    getAppPath: () => '/nonexistent/app',
    setAsDefaultProtocolClient: (scheme: string) => (calls.push(`protocol client ${scheme}`), true),
    setBadgeCount: (n: number) => (calls.push(`badge ${n}`), true),
    setLoginItemSettings: (s: { openAtLogin: boolean }) => void calls.push(`login ${s.openAtLogin}`),
  });

  const ipcMain = new EventEmitter();
  const windows: FakeBrowserWindow[] = [];
  class FakeBrowserWindow extends EventEmitter {
    static getAllWindows = () => windows.filter((w) => !w.destroyed);
    destroyed = false;
    loaded: string | undefined;
    focusCalls = 0;
    readonly mainFrame = {
      url: '',
      postMessage: (channel: string, _message: unknown, transfer: FakePortMain[] = []) => {
        const ports = transfer.map((p) => p.node as unknown as PortLike);
        setImmediate(() => this.rendererListeners.get(channel)?.({ ports }));
      },
    };
    readonly webContents = Object.assign(new EventEmitter(), { mainFrame: this.mainFrame, reload: () => void calls.push('reload') });
    private readonly rendererListeners = new Map<string, (event: { ports: readonly PortLike[] }) => void>();
    constructor(readonly options: Record<string, any>) {
      super();
      windows.push(this);
    }
    loadURL(url: string) {
      this.loaded = url;
      this.mainFrame.url = url;
      return Promise.resolve();
    }
    /** The preload's ipcRenderer in this window. */
    get ipcRenderer() {
      return {
        send: (channel: string) => setImmediate(() => ipcMain.emit(channel, { senderFrame: this.mainFrame, sender: this.webContents })),
        once: (channel: string, listener: (event: { ports: readonly PortLike[] }) => void) => void this.rendererListeners.set(channel, listener),
      };
    }
    close() {
      this.destroyed = true;
      this.emit('close');
      this.emit('closed');
    }
    maximize = () => void calls.push('maximize');
    show = () => undefined;
    isMinimized = () => false;
    isMaximized = () => false;
    isFullScreen = () => false;
    restore = () => undefined;
    focus = () => void this.focusCalls++;
    setTitle = (t: string) => void calls.push(`title ${t}`);
    getNormalBounds = () => ({ x: 10, y: 20, width: 900, height: 700 });
  }

  const menus: { template: any[] }[] = [];
  const forks: { entry: string; child: FakeUtility }[] = [];
  const electron = {
    app,
    ipcMain,
    BrowserWindow: FakeBrowserWindow,
    dialog: {
      showErrorBox: (title: string, message: string) => void calls.push(`error box ${title}: ${message}`),
      showMessageBox: async (o: { message: string }) => (calls.push(`message box ${o.message}`), { response: 1, checkboxChecked: false }),
    },
    Menu: {
      buildFromTemplate: (template: any[]) => ({ template }),
      setApplicationMenu: (menu: { template: any[] }) => void menus.push(menu),
    },
    MessageChannelMain: class {
      port1: FakePortMain;
      port2: FakePortMain;
      constructor() {
        ({ port1: this.port1, port2: this.port2 } = fakeChannelMain());
      }
    },
    nativeTheme: { shouldUseDarkColors: false },
    Notification: Object.assign(
      class {
        constructor(readonly options: unknown) {}
        on() {}
        show() {}
      },
      { isSupported: () => false },
    ),
    protocol: {
      registerSchemesAsPrivileged: (schemes: { scheme: string }[]) => void calls.push(`privileged ${schemes.map((s) => s.scheme).join()}${app.ready ? '' : ' (before ready)'}`),
      handle: (scheme: string) => void calls.push(`handle ${scheme}`),
    },
    safeStorage: { isEncryptionAvailable: () => false, encryptString: () => Buffer.alloc(0), decryptString: () => '' },
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
    session: {
      defaultSession: {
        setPermissionRequestHandler: () => void calls.push('permission request handler'),
        setPermissionCheckHandler: () => void calls.push('permission check handler'),
      },
    },
    shell: { openExternal: async (url: string) => void calls.push(`open ${url}`) },
    utilityProcess: {
      fork: (entry: string) => {
        const child = new FakeUtility();
        forks.push({ entry, child });
        if (entry.endsWith('core-host.cjs')) queueMicrotask(() => runCoreHost(child.parentPort, { exit: (code) => child.exit(code) }));
        else setImmediate(() => child.exit(1)); // the community server: not started in this test
        return child;
      },
    },
  };
  return { electron, app, calls, windows, menus, forks };
}
