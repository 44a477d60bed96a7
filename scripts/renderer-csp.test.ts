import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyCsp, rendererCsp } from './renderer-csp';

const html = readFileSync(new URL('../renderer/index.html', import.meta.url), 'utf8');
const directives = (csp: string): Map<string, string[]> =>
  new Map(
    csp.split(';').map((d) => {
      const [name = '', ...sources] = d.trim().split(/\s+/);
      return [name, sources];
    }),
  );

describe('renderer CSP', () => {
  it('ships only its own files: no inline code, no eval, no sockets', () => {
    const csp = rendererCsp('production');
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|ws:|http:|https:|\*/);
    const d = directives(csp);
    expect(d.get('script-src')).toEqual(["'self'"]);
    expect(d.get('style-src')).toEqual(["'self'"]);
    expect(d.get('object-src')).toEqual(["'none'"]);
    expect(applyCsp(html, 'production')).toBe(html);
  });

  it('gives the browser-test build the bridge socket and nothing else', () => {
    const prod = directives(rendererCsp('production'));
    const test = directives(rendererCsp('browser-test'));
    for (const [name, sources] of test) {
      const extra = sources.filter((s) => !prod.get(name)?.includes(s));
      expect(extra, name).toEqual(name === 'connect-src' ? ['ws://127.0.0.1:*'] : []);
    }
    expect(applyCsp(html, 'browser-test')).toContain("connect-src 'self' ws://127.0.0.1:*");
  });

  it('refuses an index.html whose CSP drifted from the policy', () => {
    const loose = html.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'");
    expect(() => applyCsp(loose, 'production')).toThrow(/differs/);
    expect(() => applyCsp('<html></html>', 'production')).toThrow(/no Content-Security-Policy/);
  });
});
