/**
 * Where the real client binaries live inside node_modules. Both CLIs ship native binaries in
 * per-platform optional dependencies; npm here skips install scripts, so Claude Code's own
 * postinstall (which copies its binary over `bin/claude.exe`) may not have run: the platform
 * package is read directly. A missing binary is an error with the fix in it, never a skip.
 */
import { existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/** `linux-x64`, `linux-x64-musl`, `darwin-arm64`, `win32-x64`, … */
function platformKey(): string {
  const base = `${process.platform}-${process.arch}`;
  if (process.platform !== 'linux') return base;
  const report = process.report?.getReport() as { header?: { glibcVersionRuntime?: string } };
  return report?.header?.glibcVersionRuntime === undefined ? `${base}-musl` : base;
}

function packageDir(name: string): string | undefined {
  try {
    return dirname(require.resolve(`${name}/package.json`));
  } catch {
    return undefined;
  }
}

function versionOf(name: string): string {
  const dir = packageDir(name);
  if (!dir) return '(not installed)';
  return (require(join(dir, 'package.json')) as { version: string }).version;
}

/** A real executable, not the few-hundred-byte placeholder the wrapper package ships. */
function isBinary(path: string): boolean {
  return existsSync(path) && statSync(path).size > 1_000_000;
}

/** The Claude Code native binary, and its version. @throws Error with the fix when missing. */
export function claudeCodeBinary(): { path: string; version: string } {
  const version = versionOf('@anthropic-ai/claude-code');
  const exe = process.platform === 'win32' ? 'claude.exe' : 'claude';
  const platformPkg = `@anthropic-ai/claude-code-${platformKey()}`;
  const candidates = [
    ...(packageDir(platformPkg) ? [join(packageDir(platformPkg) as string, exe)] : []),
    ...(packageDir('@anthropic-ai/claude-code')
      ? [join(packageDir('@anthropic-ai/claude-code') as string, 'bin', 'claude.exe')]
      : []),
  ];
  const path = candidates.find(isBinary);
  if (!path)
    throw new Error(
      `Claude Code ${version} has no native binary for ${platformKey()}: expected ${platformPkg} ` +
        '(an optional dependency of @anthropic-ai/claude-code). Run `npm ci` without ' +
        '--omit=optional on a supported platform. These tests are part of `npm test` and are not skipped.',
    );
  return { path, version };
}

/** Codex CLI's launcher (run with node) and its version. @throws Error with the fix when missing. */
export function codexLauncher(): { path: string; version: string } {
  const version = versionOf('@openai/codex');
  const dir = packageDir('@openai/codex');
  const platformPkg = `@openai/codex-${process.platform}-${process.arch}`;
  if (!dir || !packageDir(platformPkg))
    throw new Error(
      `Codex CLI ${version} is not installed for ${process.platform}-${process.arch}: expected ` +
        `@openai/codex and ${platformPkg}. Run \`npm ci\` without --omit=optional. These tests ` +
        'are part of `npm test` and are not skipped.',
    );
  return { path: join(dir, 'bin', 'codex.js'), version };
}
