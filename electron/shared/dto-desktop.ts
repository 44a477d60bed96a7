/**
 * DTOs of the desktop setup (issue 15): one-click client setup and launch at login. Re-exported
 * by dto.ts; kept apart so the shared DTO file stays small and other work on it does not collide.
 */

/** Tools the gateway can set up (or, for Cline, guide through). */
export type ClientId = 'claude-code' | 'codex' | 'qwen-code' | 'opencode' | 'continue' | 'cline';

/** A place the key would travel beyond this computer, found before writing. */
export interface SyncRiskDto {
  /** `git`: inside a git work tree; `cloud`: a cloud-synced folder; `link`: a symlink elsewhere. */
  kind: 'git' | 'cloud' | 'link';
  /** The repository, synced folder or link target. */
  where: string;
}

export interface ClientBackupDto {
  id: string;
  time: number;
  /** The file did not exist before: restoring removes it. */
  createdFile: boolean;
}

export interface ClientInfoDto {
  id: ClientId;
  /** Something on this computer says the tool is installed (its config dir, program or extension). */
  installed: boolean;
  /** What showed it, e.g. `~/.codex` or `codex on PATH`. */
  evidence?: string;
  /** The file one-click setup writes; absent for tools set up by hand (Cline). */
  configPath?: string;
  writable: boolean;
  /** `ours`: already points at this gateway; `other`: set up for something else; `none`. */
  configured: 'ours' | 'other' | 'none';
  /** The file exists but cannot be read as its format (setup refuses to overwrite it). */
  problem?: string;
  syncRisk?: SyncRiskDto;
  /** Newest first. */
  backups: ClientBackupDto[];
}

export interface ClientApplyRequestDto {
  id: ClientId;
  model?: string;
  /** The user has read the sync warning and wants the key written anyway. */
  acceptSyncRisk?: boolean;
}

export interface ClientApplyResultDto {
  path: string;
  backup?: ClientBackupDto;
  /** Name of the API key the tool now uses (one per tool, so it can be revoked alone). */
  keyName: string;
  /** Machine-readable notes for the UI (e.g. `comments-lost`, `removed-api-key`). */
  notes: string[];
}

export interface ClientRestoreRequestDto {
  id: ClientId;
  /** Restore even though the file changed after setup wrote it. */
  force?: boolean;
}

export interface ClientRestoreResultDto {
  path: string;
  /** The file did not exist before setup: it was removed. */
  removed: boolean;
}

/** Launch at login as the OS has it (not as a setting remembers it). */
export interface LaunchAtLoginDto {
  enabled: boolean;
  supported: boolean;
  /** `xdg`: an autostart entry (Linux); `login-item`: macOS/Windows login items. */
  method: 'xdg' | 'login-item' | 'none';
  /** Where the entry lives (Linux). */
  location?: string;
  /** The entry starts another copy of the app (e.g. an older AppImage): enabling fixes it. */
  stale?: boolean;
}
