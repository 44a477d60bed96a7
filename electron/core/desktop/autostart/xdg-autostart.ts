/**
 * Launch at login on Linux: an XDG autostart entry (freedesktop.org "Desktop Application
 * Autostart Specification"), i.e. `$XDG_CONFIG_HOME/autostart/<name>.desktop`. Electron has no
 * login-item API on Linux, so the app writes the entry itself. The state shown to the user is
 * read back from the file every time: an entry removed or turned off in the desktop's own
 * settings (`Hidden=true`, `X-GNOME-Autostart-enabled=false`) shows as off.
 */
import { mkdir, readFile, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { LaunchAtLoginDto } from '../../../shared/dto';
import { writeFileAtomic } from '../../util/atomic-file';

export interface XdgAutostartOptions {
  env: Record<string, string | undefined>;
  home: string;
  /** The command line that starts this app (an AppImage runs from `$APPIMAGE`, not its mount). */
  exec: string[];
  /** Shown by session managers. */
  name: string;
  /** File name of the entry. */
  fileName: string;
  icon?: string;
}

/** `$XDG_CONFIG_HOME/autostart` (absolute values only, per the spec), else `~/.config/autostart`. */
export function autostartDir(env: Record<string, string | undefined>, home: string): string {
  const config = env.XDG_CONFIG_HOME;
  return join(config && config.startsWith('/') ? config : join(home, '.config'), 'autostart');
}

export function autostartFile(o: XdgAutostartOptions): string {
  return join(autostartDir(o.env, o.home), o.fileName);
}

/**
 * Quotes one argument for an Exec line: reserved characters need double quotes, and inside them
 * `"`, `` ` ``, `$` and `\` are escaped; a literal `%` is always `%%` (field codes).
 */
export function quoteExecArg(arg: string): string {
  const percent = arg.replace(/%/g, '%%');
  if (!/[\s"'\\><~|&;$*?#()`]/.test(percent) && percent !== '') return percent;
  return `"${percent.replace(/(["`$\\])/g, '\\$1')}"`;
}

/** Splits an Exec line back into arguments (the inverse of {@link quoteExecArg}). */
export function parseExec(line: string): string[] {
  const args: string[] = [];
  let current = '';
  let quoted = false;
  let has = false;
  for (let i = 0; i < line.length; i++) {
    const c = line.charAt(i);
    if (quoted && c === '\\' && i + 1 < line.length) {
      current += line.charAt(++i);
    } else if (c === '"') {
      quoted = !quoted;
      has = true;
    } else if (!quoted && /\s/.test(c)) {
      if (has || current) args.push(current);
      current = '';
      has = false;
    } else {
      current += c;
      has = true;
    }
  }
  if (has || current) args.push(current);
  return args.map((a) => a.replace(/%%/g, '%'));
}

export function desktopEntry(o: XdgAutostartOptions): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Version=1.0',
    `Name=${o.name}`,
    'Comment=Starts the Lingma Gateway tray app when you log in',
    `Exec=${o.exec.map(quoteExecArg).join(' ')}`,
    ...(o.icon ? [`Icon=${o.icon}`] : []),
    'Terminal=false',
    'StartupNotify=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

/** The `[Desktop Entry]` group's keys (other groups, e.g. actions, are ignored). */
function entryKeys(text: string): Map<string, string> {
  const keys = new Map<string, string>();
  let inEntry = false;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line.startsWith('[')) {
      inEntry = line === '[Desktop Entry]';
      continue;
    }
    const eq = line.indexOf('=');
    if (!inEntry || line.startsWith('#') || eq < 0) continue;
    keys.set(line.slice(0, eq).trim(), line.slice(eq + 1).trim());
  }
  return keys;
}

export async function readXdgAutostart(o: XdgAutostartOptions): Promise<LaunchAtLoginDto> {
  const location = autostartFile(o);
  const base: LaunchAtLoginDto = { enabled: false, supported: true, method: 'xdg', location };
  const text = await readFile(location, 'utf8').catch(() => undefined);
  if (text === undefined) return base;
  const keys = entryKeys(text);
  const off =
    keys.get('Hidden')?.toLowerCase() === 'true' ||
    keys.get('X-GNOME-Autostart-enabled')?.toLowerCase() === 'false';
  if (off) return base;
  const exec = parseExec(keys.get('Exec') ?? '');
  const stale = exec[0] !== o.exec[0];
  return { ...base, enabled: true, ...(stale ? { stale: true } : {}) };
}

/** Writes (or removes) the entry, then reports the state as read back from disk. */
export async function setXdgAutostart(
  o: XdgAutostartOptions,
  enabled: boolean,
): Promise<LaunchAtLoginDto> {
  const location = autostartFile(o);
  if (enabled) {
    await mkdir(dirname(location), { recursive: true, mode: 0o755 });
    // Session managers only need to read it; 0644 is what desktop files normally have.
    await writeFileAtomic(location, desktopEntry(o), { mode: 0o644, dirMode: 0o755 });
  } else {
    await rm(location, { force: true });
  }
  return readXdgAutostart(o);
}
