/** `models:list` and `test:run`: Lingma's models, and the dashboard's real test request. */
import type { InvokeHandlers } from '../../shared/contract';
import type { ModelDto } from '../../shared/dto';
import { defaultModel } from '../lingma/default-model';
import type { LingmaModel } from '../lingma/types';
import type { CoreServices } from '../services/core-services';
import { runTestRequest } from '../services/test-request';

const toModelDto = (m: LingmaModel): ModelDto => ({
  id: m.key,
  name: m.displayName || m.key,
  reasoning: m.isReasoning,
  vision: m.isVl,
});

export function modelHandlers(s: CoreServices): Pick<InvokeHandlers, 'models:list' | 'test:run'> {
  return {
    'models:list': async () => (await s.pool.models()).map(toModelDto),
    // Sent through the listening gateway with the first key, exactly like a client's request.
    'test:run': async (req) => {
      const first = s.keys.list()[0];
      const key = first ? await s.keys.reveal(first.id) : undefined;
      const configured = s.settings.get().models.defaultModel;
      const fallback = defaultModel(await s.pool.models(), { configured })?.key ?? '';
      return runTestRequest(s.gateway.status().baseUrl, key, req, fallback);
    },
  };
}
