/**
 * `logs:*` and `usage:get`: the request log as the Requests and Usage pages read it. An export is
 * saved where the host puts files (the desktop asks where).
 */
import type { InvokeHandlers } from '../../shared/contract';
import type { LogEntryDto } from '../../shared/dto';
import { toSummary } from '../logs';
import type { CoreServices } from '../services/core-services';
import { unsupported, type HostPorts } from './host';

export function logHandlers(
  s: CoreServices,
  host: HostPorts,
): Pick<InvokeHandlers, 'logs:query' | 'logs:get' | 'logs:export' | 'logs:stats' | 'usage:get'> {
  return {
    'logs:query': async (q) => s.logs.query(q),
    'logs:get': async ({ id }) => {
      const e = await s.logs.get(id);
      // The stored entry with its summary fields on top, as the list shows them.
      return e ? ({ ...e, ...toSummary(e) } as unknown as LogEntryDto) : null;
    },
    'logs:export': async ({ ids }) => {
      if (!host.saveFile) throw unsupported('Saving a file');
      const r = ids ? await s.logs.export(ids) : await s.logs.exportAll();
      const data = Buffer.from(r.json, 'utf8');
      const path = await host.saveFile('lingma-gateway-requests.json', data);
      return { saved: path !== undefined, path, count: r.count };
    },
    // Requests over time for the Usage charts and the dashboard sparkline (issue 16).
    'logs:stats': async (q) => s.logs.statsOverTime(q),
    'usage:get': async ({ days }) => ({ rows: s.logs.usage({ days }) }),
  };
}
