import { SIM_VERSION } from './cli.js';
import { readCachedUser } from './cache-files.js';

/** `Lingma status -o json --workDir DIR`: reads the cache only, starts nothing, writes nothing. */
export function statusCommand(workDir: string, json: boolean): string {
  const read = readCachedUser(workDir);
  const user = read.state === 'ok' ? read.user : undefined;
  const status = {
    logged_in: user !== undefined,
    version: SIM_VERSION,
    username: user?.name ?? '',
    user_type: user?.user_type ?? '',
  };
  if (json) return JSON.stringify(status);
  return Object.entries(status)
    .map(([k, v]) => `${k}: ${String(v)}`)
    .join('\n');
}
