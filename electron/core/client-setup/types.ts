/**
 * One-click client setup: what every supported tool provides (how to spot it, where its config
 * lives, how to tell whether it already points at the gateway, how to write it).
 */
import type { ClientId } from '../../shared/dto';

/** Facts about this computer, injectable so tests run against a temp HOME. */
export interface ClientContext {
  home: string;
  env: Record<string, string | undefined>;
  platform: NodeJS.Platform;
}

/** What one-click setup writes into a tool's config. */
export interface SetupValues {
  /** The gateway's origin, e.g. `http://127.0.0.1:8765` (no `/v1`). */
  origin: string;
  /** The API key this tool gets. */
  key: string;
  /** The model the tool starts with. */
  model: string;
  /** Every model the gateway offers (tools with a model picker list them all). */
  models: string[];
}

export interface WriteResult {
  text: string;
  /** Machine-readable notes for the UI (e.g. `comments-lost`). */
  notes: string[];
}

/** A file exists but is not valid in its format: setup refuses to overwrite it. */
export class ConfigFormatError extends Error {
  readonly code = 'config_unreadable';
  constructor(
    readonly file: string,
    readonly detail: string,
  ) {
    super(`${file} cannot be read (${detail}). Fix it or move it away, then try again.`);
    this.name = 'ConfigFormatError';
  }
}

export interface ClientSpec {
  id: ClientId;
  /** Evidence the tool is installed (a path or "<program> on PATH"), or undefined. */
  detect(ctx: ClientContext): Promise<string | undefined>;
  /** The file setup writes; absent for tools set up by hand. */
  configPath?(ctx: ClientContext): Promise<string>;
  /** Whether the config (already read) points at `origin`. Throws ConfigFormatError. */
  configured?(text: string, origin: string, file: string): 'ours' | 'other' | 'none';
  /** The new file content from the current one (undefined: no file yet). */
  write?(text: string | undefined, values: SetupValues, file: string): WriteResult;
}
