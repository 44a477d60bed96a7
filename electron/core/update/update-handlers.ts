/**
 * The update channels of the IPC contract, served by the update service — or, where the app runs
 * without one (the browser-test bridge, the headless CLI), by a fixed "unsupported" answer.
 */
import type { InvokeHandlers } from '../../shared/contract';
import type { UpdateStatusDto } from '../../shared/update-dto';
import type { UpdateControl } from './update-service';

export type UpdateHandlers = Pick<
  InvokeHandlers,
  'update:status' | 'update:check' | 'update:restart'
>;

export function unsupportedUpdateStatus(currentVersion: string): UpdateStatusDto {
  return {
    phase: 'unsupported',
    currentVersion,
    automatic: false,
    feed: '',
    error: 'Updates are handled by the desktop app.',
  };
}

export function updateHandlers(
  control: UpdateControl | undefined,
  currentVersion: () => string,
): UpdateHandlers {
  if (!control) {
    const status = async (): Promise<UpdateStatusDto> => unsupportedUpdateStatus(currentVersion());
    return { 'update:status': status, 'update:check': status, 'update:restart': status };
  }
  return {
    'update:status': async () => control.status(),
    'update:check': () => control.checkNow(),
    'update:restart': async () => control.requestRestart(),
  };
}
