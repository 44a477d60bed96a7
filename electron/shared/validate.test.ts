import { describe, expect, it } from 'vitest';
import { INVOKE_CHANNELS, listenerName, methodName } from './contract';
import { IpcValidationError, validateRequest } from './validate';

describe('IPC boundary validation', () => {
  it('accepts well-formed payloads', () => {
    expect(validateRequest('accounts:add', { name: 'work' })).toEqual({ name: 'work' });
    expect(validateRequest('gateway:start', undefined)).toBeUndefined();
    expect(validateRequest('logs:query', { text: 'x', limit: 50 })).toEqual({
      text: 'x',
      limit: 50,
    });
  });

  it('rejects wrong types, extra fields and dangerous URLs', () => {
    expect(() => validateRequest('accounts:add', { name: 5 })).toThrow(IpcValidationError);
    expect(() => validateRequest('accounts:add', { name: 'a', admin: true })).toThrow(
      /unexpected field/,
    );
    expect(() => validateRequest('accounts:remove', { id: 'a' })).toThrow(/deleteData/);
    expect(() => validateRequest('shell:open-external', { url: 'file:///etc/passwd' })).toThrow(
      /http/,
    );
    expect(() => validateRequest('gateway:start', { x: 1 })).toThrow(/no payload/);
    expect(() =>
      validateRequest('accounts:export-bundle', { id: 'a', passphrase: 'short' }),
    ).toThrow();
  });

  it('checks the request inspector payloads (issue 16)', () => {
    const q = { since: 0, bucketMs: 60_000, split: 'client' as const };
    expect(validateRequest('logs:stats', q)).toEqual(q);
    expect(() => validateRequest('logs:stats', { ...q, split: 'everything' })).toThrow(/split/);
    expect(() => validateRequest('logs:stats', { ...q, bucketMs: 10 })).toThrow(/bucketMs/);
    expect(() => validateRequest('logs:stats', { ...q, maxSeries: 500 })).toThrow(/maxSeries/);
    expect(validateRequest('logs:query', { origin: 'refused', client: 'curl', key: 'ci' })).toEqual(
      { origin: 'refused', client: 'curl', key: 'ci' },
    );
    expect(() => validateRequest('logs:query', { origin: 'all' })).toThrow(/origin/);
  });

  it('has a check and a distinct method name for every channel', () => {
    const names = INVOKE_CHANNELS.map(methodName);
    expect(new Set(names).size).toBe(names.length);
    expect(methodName('accounts:export-bundle')).toBe('accountsExportBundle');
    expect(listenerName('logs:changed')).toBe('onLogsChanged');
    for (const c of INVOKE_CHANNELS) {
      expect(() => validateRequest(c, { definitely: 'not valid' })).toThrow();
    }
  });
});
