import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createJsonLogger } from '../util/logger';
import { prepareBody } from './body';
import {
  createRedactor,
  REDACTED,
  redactJson,
  redactShapes,
  redactText,
  SecretRegistry,
  SHAPE_HINT,
} from './redact';
import {
  apiKey,
  awkwardSecret,
  chars,
  int,
  leaks,
  lingmaToken,
  opaque,
  pick,
  rng,
} from './test-support';

const fresh = () => new SecretRegistry();

describe('redactText', () => {
  const cases: Array<[string, string, string?]> = [
    ['Authorization: Bearer abcdefgh12345', 'abcdefgh12345', 'Authorization: '],
    ['x-api-key: s3cr3tvalue99\nhost: a', 's3cr3tvalue99', 'host: a'],
    ['GET /v1/x?key=s3cr3tvalue99&model=qwen', 's3cr3tvalue99', 'model=qwen'],
    ['{"Refresh_Token":"abc def ghi"}', 'abc def ghi'],
    ['{"password": 123456789}', '123456789'],
    ['token pt-abcdefghijklmnop123 ok', 'abcdefghijklmnop123', ' ok'],
    ['{"data":"' + 'QUJD'.repeat(30) + '"}', 'QUJD'.repeat(30)],
    [JSON.stringify({ arguments: JSON.stringify({ api_key: 'abc"de\\fgh' }) }), 'abc\\\\\\"de'],
    ['Cosy-Key: 0123456789abcdef', '0123456789abcdef'],
  ];
  it.each(cases)('hides the secret in %s', (input, secret, kept) => {
    const out = redactText(input, fresh());
    expect(out).not.toContain(secret);
    expect(out).toContain(REDACTED);
    if (kept) expect(out).toContain(kept);
  });

  it('leaves ordinary text alone', () => {
    const text =
      'max_tokens: 100, a monkey used a tokenizer; pt-BR; {"data":"hi"} concept-drift-detection';
    expect(redactText(text, fresh())).toBe(text);
  });

  it('hides registered secrets in raw, JSON-escaped and URL-encoded form', () => {
    const reg = fresh();
    const secret = 'pa"ss wo&rd/é';
    reg.register(secret);
    reg.register('abc'); // too short to register: would blank ordinary words
    const text = `${secret} ${JSON.stringify(secret)} ?p=${encodeURIComponent(secret)} abc`;
    const out = redactText(text, reg);
    expect(leaks(out, secret)).toBe(false);
    expect(out).toContain(' abc');
  });
});

describe('redactJson', () => {
  it('replaces secret-named fields at any depth, whatever their case', () => {
    const names = [
      'token',
      'refreshToken',
      'refresh_token',
      'security_oauth_token',
      'apiKey',
      'API_KEY',
      'password',
      'Secret',
      'key',
      'cosy_key',
      'Encrypt_User_Info',
      'bundle',
      'Authorization',
      'x-api-key',
    ];
    const doc = { a: [{ b: { c: Object.fromEntries(names.map((n, i) => [n, `v${i}zz`])) } }] };
    const out = JSON.stringify(redactJson(doc, fresh()));
    names.forEach((_n, i) => expect(out).not.toContain(`v${i}zz`));
    expect(out.match(/\[REDACTED\]/g)).toHaveLength(names.length);
  });

  it('drops long base64 in data/bundle fields only, redacts keys and JSON strings', () => {
    const blob = 'iVBORw0KGgo'.repeat(10);
    const args = JSON.stringify({ path: 'a.txt', password: 'hunter2hunter2' });
    const plain = JSON.stringify({ path: 'b.txt' }, null, 2);
    const doc = { data: blob, content: blob, short: { data: 'abc' }, args, plain, token: '' };
    const out = redactJson(doc, fresh()) as Record<string, unknown>;
    expect(out.data).toMatch(/^\[REDACTED\] base64/);
    expect(out.content).toBe(blob);
    expect(out.short).toEqual({ data: 'abc' });
    expect(out.args).not.toContain('hunter2');
    expect(out.plain).toBe(plain); // nothing to hide: formatting kept
    expect(out.token).toBe(''); // empty stays visible (a logged-out account)
    expect(doc.args).toContain('hunter2'); // input untouched
  });

  it('survives cycles and odd values', () => {
    const a: Record<string, unknown> = { n: 1n, f: () => 1, e: new Error('key=abcdef123') };
    a.self = a;
    const out = JSON.stringify(redactJson(a, fresh()));
    expect(out).toContain('[circular]');
    expect(out).not.toContain('abcdef123');
  });

  it('plugs into the JSON logger and sees secrets registered later', () => {
    const reg = fresh();
    const lines: string[] = [];
    const log = createJsonLogger({ write: (l) => lines.push(l), redact: createRedactor(reg) });
    const key = apiKey(rng(1));
    reg.register('admin-token-123456');
    log.info(`auth with ${key}`, { headers: { authorization: 'Basic dXNlcjpwYXNz' } });
    log.warn('oops', { detail: 'token admin-token-123456 rejected' });
    expect(lines).toHaveLength(2);
    expect(lines.join('\n')).not.toMatch(/lgw-[A-Za-z0-9]{8}|dXNlcjpwYXNz|admin-token-123456/);
  });
});

// ---- property-style: many generated secrets in many places, through every path ----

const SECRET_FIELDS = [
  'token',
  'refreshToken',
  'api_key',
  'x-api-key',
  'Authorization',
  'password',
  'cosy_key',
];
const PLAIN_FIELDS = ['messages', 'content', 'input', 'tool_calls', 'meta', 'x', 'headers', 'q'];

type Gen = () => number;

/** Texts that name the value (so even an opaque one must go). */
function namedText(r: Gen, v: string): string {
  return pick(r, [
    `Authorization: Bearer ${v}`,
    `authorization: bearer ${v}`,
    `x-api-key: ${v}`,
    `X-Api-Key:${v}\r\nother: 1`,
    `GET /v1/chat?api_key=${encodeURIComponent(v)}&stream=true`,
    `POST /x?model=a&token=${encodeURIComponent(v)}`,
    `{"apiKey":${JSON.stringify(v)}}`,
    `"refresh_token" : ${JSON.stringify(v)}`,
    `cookie: session=${v}; other=1`,
  ]);
}

/** Texts where only the value's shape or registration can catch it. */
function freeText(r: Gen, v: string): string {
  return pick(r, [`my key is ${v}.`, v, `"${v}"`, `prefix:${v}:suffix`, `[${v}]`, `a ${v}\nb`]);
}

function place(r: Gen, v: string, shaped: boolean, depth: number): unknown {
  if (depth > 0 && r() < 0.6) {
    const inner = place(r, v, shaped, depth - 1);
    return r() < 0.3 ? [chars(r, 'abc ', 5), inner] : { [pick(r, PLAIN_FIELDS)]: inner };
  }
  const roll = r();
  if (roll < 0.25) return { [pick(r, SECRET_FIELDS)]: v };
  if (roll < 0.45) return namedText(r, v);
  if (roll < 0.6) return JSON.stringify({ command: 'ls', [pick(r, SECRET_FIELDS)]: v });
  if (!shaped) return { [pick(r, SECRET_FIELDS)]: v };
  if (roll < 0.7) return { [v]: 1 };
  if (roll < 0.8) return JSON.stringify({ text: freeText(r, v) });
  return freeText(r, v);
}

describe('redaction never leaks a key (generated)', () => {
  it('the leak check itself detects whole and partial keys', () => {
    const k = apiKey(rng(7));
    expect(leaks(`x ${k} y`, k)).toBe(true);
    expect(leaks(`x ${k.slice(0, 12)}`, k)).toBe(true);
    expect(leaks('x lgw-[REDACTED] y', k)).toBe(false);
  });

  it('hides keys, tokens and registered secrets in headers, JSON, queries and nested bodies', () => {
    const r = rng(20240501);
    for (let round = 0; round < 250; round++) {
      const reg = fresh();
      const registered = awkwardSecret(r);
      reg.register(registered);
      const shaped = [apiKey(r), lingmaToken(r, 'pt'), lingmaToken(r, 'rt'), registered];
      const secrets = [...shaped, opaque(r)];
      const doc = {
        model: 'qwen',
        parts: secrets.map((s, i) => place(r, s, i < shaped.length, int(r, 0, 4))),
      };
      const json = JSON.stringify(doc);
      const outputs = {
        json: JSON.stringify(redactJson(doc, reg)),
        text: redactText(json, reg),
        line: createRedactor(reg)(json),
        body: JSON.stringify(prepareBody(doc, int(r, 120, 4000), reg).value),
        headers: secrets.map((s) => redactText(namedText(r, s), reg)).join('\n'),
        free: shaped.map((s) => redactText(freeText(r, s), reg)).join('\n'),
      };
      for (const [path, out] of Object.entries(outputs)) {
        for (const s of secrets) {
          if (leaks(out, s)) throw new Error(`round ${round}: ${path} leaks ${s} in ${out}`);
        }
      }
    }
  });

  it('cuts after redacting: a key straddling the size limit is never half kept', () => {
    const r = rng(99);
    for (let round = 0; round < 300; round++) {
      const reg = fresh();
      const registered = awkwardSecret(r);
      reg.register(registered);
      const s = pick(r, [apiKey(r), lingmaToken(r, 'rt'), registered]);
      const before = 'x'.repeat(int(r, 0, 300));
      const text = `${before}${s}${'y'.repeat(int(r, 0, 50))}`;
      // A limit that falls inside the secret.
      const max = Buffer.byteLength(before) + int(r, 1, Buffer.byteLength(s) - 1);
      const asText = prepareBody(text, max, reg);
      const asJson = prepareBody({ messages: [{ content: text }], pad: 'z'.repeat(max) }, max, reg);
      for (const out of [JSON.stringify(asText.value), JSON.stringify(asJson.value)]) {
        if (leaks(out, s)) throw new Error(`round ${round}: leaks ${s} in ${out}`);
      }
    }
  });
});

describe('the shape prefilter', () => {
  it('skips only text no shape rule can touch', () => {
    const alphabet = fc.constantFrom(
      ...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -_.,/+\\\n\t{}[]中😀'.split(
        '',
      ),
    );
    fc.assert(
      fc.property(fc.string({ unit: alphabet, maxLength: 200 }), (s) => {
        fc.pre(!SHAPE_HINT.test(s));
        expect(redactShapes(s)).toBe(s);
      }),
      { numRuns: 2000 },
    );
  });

  it('still redacts every shape it lets through', () => {
    for (const s of [
      'x lgw-abcdefghijklmnopqrstuvwxyz0123456789AB y',
      'Bearer abcdef123',
      'a=1 token=zz',
    ]) {
      expect(SHAPE_HINT.test(s)).toBe(true);
      expect(redactText(s, new SecretRegistry())).toContain(REDACTED);
    }
  });
});
