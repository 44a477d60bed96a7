import { describe, expect, it } from 'vitest';
import { createMemorySettingsRepo } from '../config/settings-repo';
import { SettingsService } from './settings-service';

describe('SettingsService', () => {
  it('applies environment overrides without ever saving them', async () => {
    const repo = createMemorySettingsRepo({ schemaVersion: 1, server: { port: 9000 } });
    const svc = await SettingsService.open(repo, (s) => ({
      ...s,
      server: { ...s.server, port: 7777 },
    }));
    expect(svc.get().server.port).toBe(7777);
    const seen: number[] = [];
    svc.onChange((s) => seen.push(s.routing.maxInFlight));
    const r = await svc.update({ routing: { maxInFlight: 9 } });
    expect(r.settings.routing.maxInFlight).toBe(9);
    expect(seen).toEqual([9]);
    expect((await repo.load()).server.port).toBe(9000);
    expect((await repo.load()).routing.maxInFlight).toBe(9);
  });

  it('reports listener changes and keeps good values on a bad patch', async () => {
    const svc = await SettingsService.open(createMemorySettingsRepo());
    const r = await svc.update({ server: { port: 9100 }, routing: { maxInFlight: 'lots' } });
    expect(r.restartNeeded).toBe(true);
    expect(r.warnings.join(' ')).toMatch(/maxInFlight/);
    expect(svc.get().routing.maxInFlight).toBe(4);
  });
});
