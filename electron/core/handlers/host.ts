/**
 * What a host lends the contract handlers: the Electron shell all of it, the browser-test bridge a
 * scripted fake, the headless CLI a file to save into, `/internal` nothing. A handler that needs
 * a part the host lacks answers `unsupported` instead of pretending.
 */
import type { LaunchAtLoginDto } from '../../shared/dto';
import type { ClientSetup } from '../client-setup/client-setup';
import type { LoginPage, LoginWindowHandle } from '../services/login-flow';
import type { UpdateControl } from '../update/update-service';

/** A login page to show in a window, with its title in the user's language. */
export interface LoginWindowRequest extends LoginPage {
  title?: string;
}

export interface HostPorts {
  /**
   * Shows a login page: a window of its own on the desktop (its handle says when the user closed
   * it), the printed URL in the CLI, the URL handed back by `/internal`.
   */
  openLoginWindow?(request: LoginWindowRequest): LoginWindowHandle | void;
  writeClipboard?(text: string): void;
  openExternal?(url: string): Promise<void>;
  /** Saves data the user asked for; resolves to where it went, or undefined when cancelled. */
  saveFile?(defaultName: string, data: Buffer): Promise<string | undefined>;
  /** Asks for a file; resolves to its bytes, or undefined when cancelled. */
  openFile?(filters: Array<{ name: string; extensions: string[] }>): Promise<Buffer | undefined>;
  /**
   * Launch at login as the OS has it: an XDG autostart entry on Linux (desktop/autostart/), login
   * items on macOS and Windows. `set` answers with the state read back, not the state asked for.
   */
  launchAtLogin?: {
    get(): Promise<LaunchAtLoginDto>;
    set(enabled: boolean): Promise<LaunchAtLoginDto>;
  };
  /** The OS's preferred languages, most preferred first (BCP 47 tags). */
  systemLocales?(): string[];
  appVersion?(): string;
  /** One-click setup of the user's tools. */
  clients?: ClientSetup;
  /** The app's self-update (the desktop app only). */
  updates?: UpdateControl;
}

/** The host cannot do this (e.g. a file dialog from the headless CLI). */
export function unsupported(what: string): Error {
  return Object.assign(new Error(`${what} is not available here.`), { code: 'unsupported' });
}
