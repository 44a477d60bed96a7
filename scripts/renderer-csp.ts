/**
 * The renderer's Content-Security-Policy, per build target. The packaged app's policy allows only
 * its own files: no inline scripts or styles, no eval, no remote connections (the renderer talks
 * to main over IPC). Two other targets add exactly what they need on top: the browser tests reach
 * the real core through a WebSocket bridge on 127.0.0.1, and Vite's dev server injects inline
 * scripts/styles and connects for hot reload. renderer/vite.config.ts applies it.
 */
export type RendererTarget = 'production' | 'browser-test' | 'dev-server';

type Policy = Record<string, string[]>;

const PRODUCTION: Policy = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'frame-src': ["'none'"],
  'worker-src': ["'none'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
};

const EXTRA: Record<RendererTarget, Policy> = {
  production: {},
  'browser-test': { 'connect-src': ['ws://127.0.0.1:*'] },
  'dev-server': {
    'script-src': ["'unsafe-inline'"],
    'style-src': ["'unsafe-inline'"],
    'connect-src': ['ws://localhost:*', 'ws://127.0.0.1:*'],
  },
};

export function rendererCsp(target: RendererTarget): string {
  return Object.entries(PRODUCTION)
    .map(([directive, sources]) =>
      [directive, ...sources, ...(EXTRA[target][directive] ?? [])].join(' '),
    )
    .join('; ');
}

const META = /(<meta\s+http-equiv="Content-Security-Policy"\s+content=")([^"]*)(")/;

/**
 * Puts the target's policy into index.html. The file itself carries the production policy, and
 * the build fails if it drifts from this module, so what a reader sees is what ships.
 */
export function applyCsp(html: string, target: RendererTarget): string {
  const m = META.exec(html);
  if (!m) throw new Error('index.html has no Content-Security-Policy meta tag');
  if (m[2] !== rendererCsp('production')) {
    throw new Error(
      `index.html's CSP differs from scripts/renderer-csp.ts; expected:\n${rendererCsp('production')}`,
    );
  }
  return html.replace(META, `$1${rendererCsp(target)}$3`);
}
