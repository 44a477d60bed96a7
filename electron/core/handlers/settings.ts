/** `settings:*`: validated, saved, applied (shared/settings/ says how each one applies). */
import type { InvokeHandlers } from '../../shared/contract';
import type { CoreServices } from '../services/core-services';
import { applyLaunchAtLogin } from './app';
import type { HostPorts } from './host';

export function settingsHandlers(
  s: CoreServices,
  host: HostPorts,
): Pick<InvokeHandlers, 'settings:get' | 'settings:update'> {
  return {
    'settings:get': async () => s.settings.get(),
    'settings:update': async (patch) => {
      const wanted = patch.app?.launchAtLogin;
      const result = await s.settings.update(patch);
      if (wanted === undefined || !host.launchAtLogin) return result;
      // The OS, not the setting, decides: store what it actually did.
      await applyLaunchAtLogin(s, host, wanted);
      return { ...result, settings: s.settings.get() };
    },
  };
}
