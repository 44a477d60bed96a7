import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { applyCsp, type RendererTarget } from '../scripts/renderer-csp';

const here = fileURLToPath(new URL('.', import.meta.url));

/** The CSP for what is being built: the app, the browser-test build, or the dev server. */
function csp(target: RendererTarget): Plugin {
  return { name: 'lgw-csp', transformIndexHtml: (html) => applyCsp(html, target) };
}

// Relative base: the packaged app loads the renderer from file://.
// `--mode browser-test` (scripts/browser) builds the app as shipped plus the bridge's allowance.
export default defineConfig(({ command, mode }) => ({
  root: here,
  base: './',
  plugins: [
    react(),
    csp(
      command === 'serve' ? 'dev-server' : mode === 'browser-test' ? 'browser-test' : 'production',
    ),
  ],
  build: {
    outDir: fileURLToPath(new URL('../dist/renderer', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
  },
}));
