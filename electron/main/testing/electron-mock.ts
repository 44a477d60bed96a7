/**
 * A hand-written stand-in for the `electron` module (vitest aliases `electron` to this file), so
 * the main-process adapters run in plain Node. Each fake records what it was asked to do.
 */
import { EventEmitter } from 'node:events';

type Handler = (...args: unknown[]) => unknown;

export const ipcMain = new (class extends EventEmitter {
  handlers = new Map<string, Handler>();
  handle(channel: string, handler: Handler): void {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, handler);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
})();

export interface FakeImage {
  path: string;
  template: boolean;
  setTemplateImage(v: boolean): void;
}

export const nativeImage = {
  createEmpty: (): FakeImage => nativeImage.createFromPath(''),
  createFromPath: (path: string): FakeImage => ({
    path,
    template: false,
    setTemplateImage(v: boolean) {
      this.template = v;
    },
  }),
};

export const nativeTheme = Object.assign(new EventEmitter(), { shouldUseDarkColors: false });

export interface FakeMenuItem {
  label?: string;
  role?: string;
  type?: string;
  enabled?: boolean;
  checked?: boolean;
  click?: () => void;
  submenu?: FakeMenuItem[];
}

export const Menu = {
  application: null as { items: FakeMenuItem[] } | null,
  buildFromTemplate: (template: FakeMenuItem[]) => ({ items: template }),
  setApplicationMenu: (menu: { items: FakeMenuItem[] } | null) => void (Menu.application = menu),
};

export class Tray extends EventEmitter {
  static last: Tray | undefined;
  image: FakeImage | undefined;
  tooltip = '';
  menu: { items: FakeMenuItem[] } | null = null;
  destroyed = false;
  constructor(image: FakeImage) {
    super();
    this.image = image;
    Tray.last = this;
  }
  setImage(image: FakeImage): void {
    this.image = image;
  }
  setToolTip(t: string): void {
    this.tooltip = t;
  }
  setContextMenu(menu: { items: FakeMenuItem[] } | null): void {
    this.menu = menu;
  }
  destroy(): void {
    this.destroyed = true;
  }
}

export const safeStorage = {
  available: true,
  backend: 'gnome_libsecret',
  isEncryptionAvailable: () => safeStorage.available,
  getSelectedStorageBackend: () => safeStorage.backend,
  encryptString: (s: string) => Buffer.from(`enc:${s}`),
  decryptString: (b: Buffer) => b.toString().replace(/^enc:/, ''),
};

export const shell = {
  opened: [] as string[],
  openExternal: async (url: string) => void shell.opened.push(url),
};

let nextContentsId = 1;

export class FakeWebContents extends EventEmitter {
  readonly id = nextContentsId++;
  openHandler: ((d: { url: string }) => { action: string }) | undefined;
  constructor(readonly session: FakeSession) {
    super();
  }
  setWindowOpenHandler(h: (d: { url: string }) => { action: string }): void {
    this.openHandler = h;
  }
  send(): void {}
}

type PermissionRequestHandler = (
  wc: unknown,
  permission: string,
  callback: (granted: boolean) => void,
  details?: unknown,
) => void;

/** A session that records the security handlers set on it. */
export class FakeSession extends EventEmitter {
  permissionRequestHandler: PermissionRequestHandler | null = null;
  permissionCheckHandler: ((...args: unknown[]) => boolean) | null = null;
  devicePermissionHandler: ((...args: unknown[]) => boolean) | null = null;
  constructor(readonly partition: string) {
    super();
  }
  setPermissionRequestHandler(h: PermissionRequestHandler | null): void {
    this.permissionRequestHandler = h;
  }
  setPermissionCheckHandler(h: ((...args: unknown[]) => boolean) | null): void {
    this.permissionCheckHandler = h;
  }
  setDevicePermissionHandler(h: ((...args: unknown[]) => boolean) | null): void {
    this.devicePermissionHandler = h;
  }
}

export const app = Object.assign(new EventEmitter(), {
  userData: '/tmp',
  isPackaged: false,
  quitCalls: 0,
  exitCodes: [] as number[],
  getVersion: () => '0.0.0-test',
  getName: () => 'Lingma Gateway',
  getAppPath: () => process.cwd(),
  getPath: (_name: string) => app.userData,
  loginItem: { openAtLogin: false },
  setLoginItemSettings: (o: { openAtLogin: boolean }) =>
    void (app.loginItem = { openAtLogin: o.openAtLogin }),
  getLoginItemSettings: () => ({ ...app.loginItem }),
  preferredLanguages: ['en-US'],
  getPreferredSystemLanguages: () => [...app.preferredLanguages],
  quit: () => void app.quitCalls++,
  exit: (code = 0) => void app.exitCodes.push(code),
});

export const session = {
  defaultSession: new FakeSession(''),
  partitions: new Map<string, FakeSession>(),
  /** Like Electron: a new session announces itself with app's 'session-created'. */
  fromPartition(partition: string): FakeSession {
    let s = session.partitions.get(partition);
    if (!s) {
      s = new FakeSession(partition);
      session.partitions.set(partition, s);
      app.emit('session-created', s);
    }
    return s;
  },
};

export class BrowserWindow extends EventEmitter {
  static instances: BrowserWindow[] = [];
  webContents: FakeWebContents;
  loaded: string | undefined;
  destroyed = false;
  constructor(readonly options: Record<string, unknown>) {
    super();
    const prefs = (options.webPreferences ?? {}) as { session?: FakeSession };
    this.webContents = new FakeWebContents(prefs.session ?? session.defaultSession);
    BrowserWindow.instances.push(this);
    // Electron announces every new web contents app-wide before the constructor returns.
    app.emit('web-contents-created', {}, this.webContents);
  }
  async loadURL(url: string): Promise<void> {
    this.loaded = url;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  close(): void {
    this.destroyed = true;
    this.emit('closed');
  }
  show(): void {}
  hide(): void {}
  focus(): void {}
}

export const clipboard = { text: '', writeText: (t: string) => void (clipboard.text = t) };
export const dialog = {
  shown: [] as Array<Record<string, unknown>>,
  response: 1,
  /** Like Electron: (options) or (parent window, options). */
  showMessageBox: async (...args: unknown[]) => {
    dialog.shown.push(args.at(-1) as Record<string, unknown>);
    return { response: dialog.response, checkboxChecked: false };
  },
};
export const Notification = { isSupported: () => false };
export const contextBridge = { exposeInMainWorld: () => undefined };
export const ipcRenderer = new EventEmitter();

/** Some packages (electron-store) use the default import. */
export default {
  app,
  ipcMain,
  ipcRenderer,
  shell,
  safeStorage,
  session,
  clipboard,
  dialog,
  Notification,
  BrowserWindow,
  Tray,
  Menu,
  nativeImage,
  nativeTheme,
  contextBridge,
};
