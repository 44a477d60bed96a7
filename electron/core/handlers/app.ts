/**
 * `app:*`, `clipboard:write` and `shell:open-external`: the app itself and the OS around it, as
 * far as the host lends them (handlers/host.ts).
 */
import type { InvokeHandlers } from '../../shared/contract';
import type { LaunchAtLoginDto } from '../../shared/dto';
import type { CoreServices } from '../services/core-services';
import { unsupported, type HostPorts } from './host';

const NO_LAUNCH_AT_LOGIN: LaunchAtLoginDto = { enabled: false, supported: false, method: 'none' };

/**
 * Turns launch at login on or off in the OS and stores what the OS then reports (the OS, not the
 * setting, decides). Without an OS to ask, the setting alone is stored.
 */
export async function applyLaunchAtLogin(
  s: CoreServices,
  host: HostPorts,
  enabled: boolean,
): Promise<LaunchAtLoginDto> {
  const state = host.launchAtLogin
    ? await host.launchAtLogin.set(enabled)
    : { ...NO_LAUNCH_AT_LOGIN, enabled };
  if (s.settings.get().app.launchAtLogin !== state.enabled) {
    await s.settings.update({ app: { launchAtLogin: state.enabled } });
  }
  return state;
}

/** Makes the launch-at-login setting match the OS (the user may have changed it there). */
export async function reconcileLaunchAtLogin(s: CoreServices, host: HostPorts): Promise<void> {
  const state = await host.launchAtLogin?.get();
  if (state?.supported && s.settings.get().app.launchAtLogin !== state.enabled) {
    await s.settings.update({ app: { launchAtLogin: state.enabled } });
  }
}

export function appHandlers(
  s: CoreServices,
  host: HostPorts,
): Pick<
  InvokeHandlers,
  | 'app:info'
  | 'app:launch-at-login'
  | 'app:set-launch-at-login'
  | 'clipboard:write'
  | 'shell:open-external'
> {
  return {
    'app:info': async () => ({
      version: host.appVersion?.() ?? '',
      platform: process.platform,
      locales: host.systemLocales?.() ?? [],
      secretsEncrypted: s.secretsEncrypted,
      dataDir: s.dataDir,
    }),
    'app:launch-at-login': async () => (await host.launchAtLogin?.get()) ?? NO_LAUNCH_AT_LOGIN,
    'app:set-launch-at-login': ({ enabled }) => applyLaunchAtLogin(s, host, enabled),
    'clipboard:write': async ({ text }) => {
      if (!host.writeClipboard) throw unsupported('The clipboard');
      host.writeClipboard(text);
    },
    'shell:open-external': async ({ url }) => {
      if (!host.openExternal) throw unsupported('Opening a browser');
      await host.openExternal(url);
    },
  };
}
