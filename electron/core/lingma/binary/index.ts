/**
 * Finding and bootstrapping the proprietary Lingma binary: resolve an installed copy, download
 * and install one from the VS Code Marketplace, and check for a newer version.
 */
export { resolveLingmaBinary, desktopAppCandidates } from './resolve';
export type {
  LingmaBinaryFound,
  LingmaBinaryMissing,
  LingmaBinarySource,
  ResolveOptions,
  ResolveResult,
} from './resolve';
export { bootstrapLingmaBinary, DEFAULT_MIN_SIZES } from './bootstrap';
export type { BootstrapOptions, BootstrapResult } from './bootstrap';
export type { BootstrapPhase, BootstrapProgress } from './progress';
export {
  checkForUpdate,
  fetchLatestVersion,
  vsixUrl,
  LINGMA_EXTENSION,
  MARKETPLACE_API_URL,
  PINNED_LINGMA_VERSION,
} from './marketplace';
export type { UpdateCheckOptions, UpdateCheckResult, VsixSource } from './marketplace';
export { LingmaBinaryError } from './errors';
export type { LingmaBinaryErrorCode } from './errors';
export { APP_BINARY_DIR, compareVersions, executableNames, lingmaPlatformDir } from './platform';
export type { ExecutableNames, LingmaExecutable } from './platform';
