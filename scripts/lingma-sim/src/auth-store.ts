import { rmSync } from 'node:fs';
import {
  configPath,
  encryptBlob,
  encryptUser,
  quotaPath,
  ensureMachineId,
  readCachedUser,
  userPath,
  writeFileAtomic,
  type CachedUser,
} from './cache-files.js';
import type { SimLog } from './sim-log.js';

/**
 * Login state of this process. Loaded from the cache files at start, so a restart or a copy of
 * the whole workDir stays logged in, exactly what a session bundle relies on.
 */
export class AuthStore {
  readonly machineId: string;
  private user: CachedUser | undefined;

  constructor(
    private readonly workDir: string,
    private readonly log: SimLog,
  ) {
    this.machineId = ensureMachineId(workDir);
    const read = readCachedUser(workDir);
    if (read.state === 'ok') {
      this.user = read.user;
      log.info(`Loaded cached user info: ${read.user.name} (${read.user.uid})`);
    } else if (read.state === 'undecryptable') {
      log.warn(`Unable to decrypt user info. Using machineKey: ${read.machineId.slice(0, 16)}`);
    } else {
      log.info('No cached user info, please login.');
    }
  }

  get current(): CachedUser | undefined {
    return this.user;
  }

  /**
   * Writes the login the way the binary leaves it: `cache/user` plus the other state a session
   * bundle carries (§6.3, §6.4: PRED bundles `cache/{id,user,quota,config.json}`).
   */
  login(user: CachedUser): void {
    const quota = { isQuotaExceeded: false, uid: user.uid, updatedAt: Date.now() };
    writeFileAtomic(quotaPath(this.workDir), encryptBlob(quota, this.machineId));
    writeFileAtomic(
      configPath(this.workDir),
      JSON.stringify({ regionEnv: 'cn', dataPolicy: 'AGREE', uid: user.uid }),
    );
    writeFileAtomic(userPath(this.workDir), encryptUser(user, this.machineId));
    this.user = user;
    this.log.info(`login success, user: ${user.name} (${user.uid})`);
  }

  logout(): void {
    rmSync(userPath(this.workDir), { force: true });
    this.user = undefined;
    this.log.info('logout, cached user info removed');
  }

  /** The `auth/status` result; status 1 = logged out, 2 = logged in (AuthStateEnum). */
  statusResult(): Record<string, unknown> {
    const u = this.user;
    return {
      status: u ? 2 : 1,
      name: u?.name ?? '',
      id: u?.uid ?? '',
      accountId: u?.aid ?? '',
      token: u?.security_oauth_token ?? '',
      refreshToken: u?.refresh_token ?? '',
      expireTime: u ? Number(u.expire_time) : 0,
      userType: u?.user_type ?? '',
      whitelist: u ? 3 : 0,
      quota: u ? 1 : 0,
      cloudType: u ? 'cloud' : '',
      orgId: u?.organization_id ?? '',
      orgName: '',
      email: u ? `${u.name}@example.invalid` : '',
      avatarUrl: '',
      isSubAccount: false,
      privacyPolicyAgreed: u !== undefined,
      isPrivacyPolicyModifiable: false,
    };
  }
}
