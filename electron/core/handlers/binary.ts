/** `binary:*`: getting Lingma (found, downloaded with progress, cancelled, updated). */
import type { InvokeHandlers } from '../../shared/contract';
import type { CoreServices } from '../services/core-services';

export function binaryHandlers(
  s: CoreServices,
): Pick<
  InvokeHandlers,
  'binary:status' | 'binary:check-update' | 'binary:download' | 'binary:cancel'
> {
  return {
    'binary:status': async () => s.binary.status(),
    'binary:check-update': () => s.binary.checkUpdate(),
    'binary:download': () => s.binary.download(),
    'binary:cancel': async () => s.binary.cancel(),
  };
}
