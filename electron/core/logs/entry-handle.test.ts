import { afterEach, describe, expect, it } from 'vitest';
import { createLogService, type LogService } from './index';
import { REDACTED, SecretRegistry } from './redact';
import { tempDir } from './test-support';
import type { LogPush } from './types';

// What the request log does off the request's hot path: the request body is redacted when the
// entry finishes or is first read, and one tick's updates reach the live bus as one.

let s: LogService | undefined;
let cleanup: () => void = () => undefined;
afterEach(async () => {
  await s?.stop();
  cleanup();
});

async function open(secrets: SecretRegistry) {
  const t = tempDir('handle');
  cleanup = t.cleanup;
  s = createLogService({ dir: t.dir, secrets, bus: { intervalMs: 1 } });
  await s.start();
  return s;
}

const body = (key: string) => ({ model: 'm', messages: [{ role: 'user', content: `key ${key}` }] });

describe('entry handle', () => {
  it('keeps the request body raw until it is read, then shows it redacted', async () => {
    const secrets = new SecretRegistry();
    secrets.register('sk-live-123456');
    const store = await open(secrets);
    const h = store.begin({
      id: 'req_1',
      protocol: 'openai',
      endpoint: 'POST /v1/chat/completions',
      requestBody: body('sk-live-123456'),
    });
    const live = await store.get('req_1');
    expect(live?.inProgress).toBe(true);
    expect(JSON.stringify(live?.requestBody)).toContain(`key ${REDACTED}`);
    expect(JSON.stringify(live)).not.toContain('sk-live-123456');
    h.finish({ status: 200 });
    expect(JSON.stringify(await store.get('req_1'))).not.toContain('sk-live-123456');
  });

  it('shapes a body nobody read when the entry finishes', async () => {
    const secrets = new SecretRegistry();
    secrets.register('sk-live-abcdef');
    const store = await open(secrets);
    const h = store.begin({ id: 'req_2', protocol: 'openai', endpoint: 'POST /x' });
    h.update({ requestBody: body('sk-live-abcdef') });
    h.finish({ status: 200 });
    const done = await store.get('req_2');
    expect(done?.requestBody).toEqual(body(REDACTED));
  });

  it("publishes one tick's updates as one change", async () => {
    const store = await open(new SecretRegistry());
    const pushes: LogPush[] = [];
    store.subscribe((p) => pushes.push(p));
    const h = store.begin({ id: 'req_3', protocol: 'openai', endpoint: 'POST /x' });
    const seq = store.seq;
    h.update({ accountId: 'a1' });
    h.update({ instanceId: 'a1#1' });
    h.update({ queueWaitMs: 3 });
    expect(store.seq).toBe(seq);
    await Promise.resolve();
    expect(store.seq).toBe(seq + 1);
    expect(store.query().entries[0]).toMatchObject({ account: 'a1' });
    h.finish({ status: 200 });
  });
});
