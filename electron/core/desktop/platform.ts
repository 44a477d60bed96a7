import type { LaunchAtLoginDto } from '../../shared/dto';

/**
 * What the desktop service needs from the host: Electron in the app (electron/main), a scripted
 * fake in the browser tests. Keeps the service itself plain Node.
 */

export type LoginWindowResult = 'closed-by-user' | 'closed-by-app';

export interface LoginWindowRequest {
  accountId: string;
  accountName: string;
  url: string;
  /** The Lingma child's HTTP port: the callback lands there and must be allowed. */
  callbackPort: number;
  /** The window title, in the user's language. */
  title?: string;
}

export interface LoginWindowHandle {
  /** Resolves when the window is gone (the user closed it, or `close()` was called). */
  closed: Promise<LoginWindowResult>;
  close(): void;
}

export interface DesktopPlatform {
  openLoginWindow(request: LoginWindowRequest): LoginWindowHandle;
  writeClipboard(text: string): void;
  openExternal(url: string): Promise<void>;
  /** Asks where to save; resolves to the chosen path, or undefined when cancelled. */
  saveFile(defaultName: string, data: Buffer): Promise<string | undefined>;
  /** Asks for a file; resolves to its bytes, or undefined when cancelled. */
  openFile(filters: Array<{ name: string; extensions: string[] }>): Promise<Buffer | undefined>;
  notify(title: string, body: string): void;
  /**
   * Launch at login as the OS has it: an XDG autostart entry on Linux (autostart/), login items
   * on macOS and Windows. `set` answers with the state read back, not the state asked for.
   */
  launchAtLogin: {
    get(): Promise<LaunchAtLoginDto>;
    set(enabled: boolean): Promise<LaunchAtLoginDto>;
  };
  /** The OS's preferred languages, most preferred first (BCP 47 tags). */
  systemLocales(): string[];
  appVersion(): string;
}
