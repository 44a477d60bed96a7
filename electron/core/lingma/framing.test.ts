import { describe, expect, it } from 'vitest';
import { encodeFrame, FrameDecoder } from './framing';

const messages = [
  { jsonrpc: '2.0', id: 1, method: 'chat/answer', params: { text: 'héllo 世界 🚀' } },
  { jsonrpc: '2.0', id: 2, result: null },
  { jsonrpc: '2.0', method: 'chat/think', params: { text: 'ß'.repeat(40) } },
];
const wire = Buffer.from(messages.map((m) => encodeFrame(m)).join(''), 'utf8');

function decodeAll(chunks: Buffer[], errors: string[] = []): unknown[] {
  const d = new FrameDecoder({ onError: (m) => errors.push(m) });
  return chunks.flatMap((c) => d.push(c)).map((b) => JSON.parse(b));
}

describe('framing', () => {
  it('counts UTF-8 bytes, not characters', () => {
    const frame = encodeFrame({ t: '世界🚀' });
    const body = JSON.stringify({ t: '世界🚀' });
    expect(frame).toBe(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    expect(Buffer.byteLength(body)).toBeGreaterThan(body.length);
  });

  it('decodes several frames from one message', () => {
    expect(decodeAll([wire])).toEqual(messages);
  });

  it('decodes a multi-frame buffer split at every byte boundary (also inside multibyte chars)', () => {
    for (let i = 1; i < wire.length; i++) {
      const errors: string[] = [];
      const got = decodeAll([wire.subarray(0, i), wire.subarray(i)], errors);
      expect(got, `split at ${i}`).toEqual(messages);
      expect(errors, `split at ${i}`).toEqual([]);
    }
  });

  it('decodes a byte-by-byte stream', () => {
    const chunks = [...wire].map((b) => Buffer.from([b]));
    expect(decodeAll(chunks)).toEqual(messages);
  });

  it('accepts other headers in any order and case', () => {
    const body = '{"a":"ü"}';
    const raw = `content-type: application/vscode-jsonrpc; charset=utf-8\r\nCONTENT-LENGTH: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
    expect(decodeAll([Buffer.from(raw)])).toEqual([{ a: 'ü' }]);
  });

  it('drops garbage, logs it and resyncs on the next header', () => {
    const errors: string[] = [];
    const chunks = [
      Buffer.from('{"bare":"json without header"}'),
      Buffer.from('xx' + encodeFrame(messages[0]) + 'Content-Length: abc\r\n\r\n'),
      Buffer.from('!!junk!!' + encodeFrame(messages[1])),
    ];
    expect(decodeAll(chunks, errors)).toEqual([messages[0], messages[1]]);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((e) => e.startsWith('framing:'))).toBe(true);
  });

  it('keeps a header split right after garbage', () => {
    const frame = encodeFrame(messages[2]);
    const got = decodeAll([Buffer.from('%%%%' + frame.slice(0, 4)), Buffer.from(frame.slice(4))]);
    expect(got).toEqual([messages[2]]);
  });

  it('refuses frames over the size cap and recovers', () => {
    const errors: string[] = [];
    const d = new FrameDecoder({ maxFrameBytes: 64, onError: (m) => errors.push(m) });
    const big = encodeFrame({ pad: 'x'.repeat(200) });
    const small = encodeFrame({ ok: true });
    const got = d.push(big + small).map((b) => JSON.parse(b));
    expect(got).toEqual([{ ok: true }]);
    expect(errors.some((e) => e.includes('too large'))).toBe(true);
    expect(d.pendingBytes).toBe(0);
  });

  it('never buffers endless headerless input', () => {
    const d = new FrameDecoder({ onError: () => undefined });
    d.push('a'.repeat(20_000));
    expect(d.pendingBytes).toBeLessThan(16);
  });
});
