import { describe, expect, it } from 'vitest';
import { prepareBody, prepareText, truncateUtf8 } from './body';
import { SecretRegistry } from './redact';

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');
const reg = new SecretRegistry();

describe('truncation', () => {
  it('never splits a character and never exceeds the limit', () => {
    const s = 'a€😀b'.repeat(50);
    for (let max = 0; max < 60; max++) {
      const cut = truncateUtf8(s, max);
      expect(bytes(cut)).toBeLessThanOrEqual(max);
      expect(s.startsWith(cut)).toBe(true);
      expect(cut).not.toContain('\uFFFD');
    }
  });

  it('keeps small bodies as they are, unmarked', () => {
    const body = { model: 'qwen', messages: [{ role: 'user', content: 'hi' }] };
    expect(prepareBody(body, 1024, reg)).toEqual({ value: body });
    expect(prepareBody(undefined, 10, reg)).toEqual({ value: undefined });
  });

  it('shortens long strings first and marks it (mode fields)', () => {
    const body = { model: 'qwen', messages: [{ role: 'user', content: 'x'.repeat(10_000) }] };
    const { value, truncated } = prepareBody(body, 2000, reg);
    const v = value as typeof body;
    expect(v.model).toBe('qwen');
    expect(v.messages[0]?.content).toMatch(/^x+…\[truncated \d+ bytes\]$/);
    expect(truncated).toEqual({
      originalBytes: bytes(JSON.stringify(body)),
      keptBytes: bytes(JSON.stringify(value)),
      mode: 'fields',
    });
    expect(truncated!.keptBytes).toBeLessThanOrEqual(2000);
  });

  it('cuts the JSON text when shortening strings is not enough (mode text)', () => {
    const body = { items: Array.from({ length: 500 }, (_, i) => ({ i })) };
    const { value, truncated } = prepareBody(body, 300, reg);
    expect(typeof value).toBe('string');
    expect(truncated?.mode).toBe('text');
    expect(truncated!.keptBytes).toBeLessThanOrEqual(300);
    const lost = truncated!.originalBytes - truncated!.keptBytes;
    expect(value).toMatch(new RegExp(`…\\[truncated ${lost} bytes\\]$`));
    expect(JSON.stringify(body).startsWith((value as string).split('…')[0]!)).toBe(true);
  });

  it('marks cut texts', () => {
    expect(prepareText('short', 100, reg)).toBe('short');
    expect(prepareText('y'.repeat(50), 10, reg)).toBe('yyyyyyyyyy…[truncated]');
  });
});
