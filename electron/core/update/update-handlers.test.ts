import { describe, expect, it } from 'vitest';
import type { UpdateStatusDto } from '../../shared/update-dto';
import { validateRequest } from '../../shared/validate';
import { updateHandlers } from './update-handlers';
import type { UpdateControl } from './update-service';

const status = (phase: UpdateStatusDto['phase']): UpdateStatusDto => ({
  phase,
  currentVersion: '1.0.0',
  automatic: true,
  feed: 'GitHub releases',
});

describe('update IPC handlers', () => {
  it('serve the update service', async () => {
    const calls: string[] = [];
    const control: UpdateControl = {
      status: () => status('idle'),
      checkNow: async () => (calls.push('check'), status('checking')),
      requestRestart: () => (calls.push('restart'), status('downloaded')),
      onChange: () => () => undefined,
    };
    const h = updateHandlers(control, () => '1.0.0');
    expect((await h['update:status']()).phase).toBe('idle');
    expect((await h['update:check']()).phase).toBe('checking');
    expect((await h['update:restart']()).phase).toBe('downloaded');
    expect(calls).toEqual(['check', 'restart']);
  });

  it('answer "unsupported" where the app runs without an updater', async () => {
    const h = updateHandlers(undefined, () => '2.0.0');
    expect(await h['update:check']()).toMatchObject({
      phase: 'unsupported',
      currentVersion: '2.0.0',
    });
  });

  it('take no payload', () => {
    expect(validateRequest('update:check', undefined)).toBeUndefined();
    expect(() => validateRequest('update:restart', { force: true })).toThrow(/no payload/);
  });
});
