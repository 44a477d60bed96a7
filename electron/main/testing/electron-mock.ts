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
  type?: string;
  enabled?: boolean;
  checked?: boolean;
  click?: () => void;
  submenu?: FakeMenuItem[];
}

export const Menu = {
  buildFromTemplate: (template: FakeMenuItem[]) => ({ items: template }),
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

export class FakeWebContents extends EventEmitter {
  openHandler: ((d: { url: string }) => { action: string }) | undefined;
  setWindowOpenHandler(h: (d: { url: string }) => { action: string }): void {
    this.openHandler = h;
  }
  send(): void {}
}

export class BrowserWindow extends EventEmitter {
  static instances: BrowserWindow[] = [];
  webContents = new FakeWebContents();
  loaded: string | undefined;
  destroyed = false;
  constructor(readonly options: Record<string, unknown>) {
    super();
    BrowserWindow.instances.push(this);
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

export const session = {
  partitions: new Map<
    string,
    { partition: string; setPermissionRequestHandler(h: unknown): void }
  >(),
  fromPartition(partition: string) {
    let s = session.partitions.get(partition);
    if (!s) {
      s = { partition, setPermissionRequestHandler: () => undefined };
      session.partitions.set(partition, s);
    }
    return s;
  },
};

export const clipboard = { text: '', writeText: (t: string) => void (clipboard.text = t) };
export const app = {
  userData: '/tmp',
  getVersion: () => '0.0.0-test',
  getAppPath: () => process.cwd(),
  getPath: (_name: string) => app.userData,
  isPackaged: false,
  loginItem: { openAtLogin: false },
  setLoginItemSettings: (o: { openAtLogin: boolean }) =>
    void (app.loginItem = { openAtLogin: o.openAtLogin }),
  getLoginItemSettings: () => ({ ...app.loginItem }),
  preferredLanguages: ['en-US'],
  getPreferredSystemLanguages: () => [...app.preferredLanguages],
};
export const dialog = {};
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
