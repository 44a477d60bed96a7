/**
 * Looking around the user's machine for installed tools: config directories, programs on PATH,
 * editor extensions. Every path comes from the injected context, never from the real HOME.
 */
import { constants } from 'node:fs';
import { access, readdir, stat } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import type { ClientContext } from './types';

export async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/** `~/x` for messages: shorter and does not show the user name. */
export function tildify(path: string, ctx: ClientContext): string {
  return path.startsWith(`${ctx.home}/`) ? `~${path.slice(ctx.home.length)}` : path;
}

/** A directory named by an environment variable (absolute only), else the default under HOME. */
export function envDir(ctx: ClientContext, name: string, ...fallback: string[]): string {
  const v = ctx.env[name]?.trim();
  return v && (v.startsWith('/') || /^[A-Za-z]:[\\/]/.test(v)) ? v : join(ctx.home, ...fallback);
}

/** `$XDG_CONFIG_HOME` or `~/.config` (what Linux and macOS CLI tools such as opencode use). */
export function xdgConfig(ctx: ClientContext): string {
  return envDir(ctx, 'XDG_CONFIG_HOME', '.config');
}

/** "<name> on PATH" when an executable of that name is on PATH. */
export async function onPath(ctx: ClientContext, name: string): Promise<string | undefined> {
  const dirs = (ctx.env.PATH ?? ctx.env.Path ?? '').split(delimiter).filter(Boolean);
  const exts =
    ctx.platform === 'win32'
      ? (ctx.env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';').map((e) => e.toLowerCase())
      : [''];
  for (const dir of dirs) {
    for (const ext of exts) {
      const ok = await access(join(dir, name + ext), constants.X_OK).then(
        () => true,
        () => false,
      );
      if (ok) return `${name} on PATH`;
    }
  }
  return undefined;
}

/** Extension folders of VS Code and its forks, where editor extensions unpack. */
export function editorExtensionDirs(ctx: ClientContext): string[] {
  return [
    '.vscode',
    '.vscode-insiders',
    '.vscode-oss',
    '.cursor',
    '.windsurf',
    '.trae',
    '.lingma',
  ].map((d) => join(ctx.home, d, 'extensions'));
}

/** The first installed editor extension whose folder starts with `<publisher>.<name>-`. */
export async function editorExtension(ctx: ClientContext, id: string): Promise<string | undefined> {
  const prefix = `${id.toLowerCase()}-`;
  for (const dir of editorExtensionDirs(ctx)) {
    const names = await readdir(dir).catch(() => [] as string[]);
    const hit = names.find((n) => n.toLowerCase().startsWith(prefix));
    if (hit) return tildify(join(dir, hit), ctx);
  }
  return undefined;
}

/** The first piece of evidence found, in the order given. */
export async function firstEvidence(
  ctx: ClientContext,
  checks: Array<string | (() => Promise<string | undefined>)>,
): Promise<string | undefined> {
  for (const check of checks) {
    if (typeof check === 'string') {
      if (await exists(check)) return tildify(check, ctx);
    } else {
      const found = await check();
      if (found) return found;
    }
  }
  return undefined;
}
