#!/usr/bin/env node
// The headless gateway's command. Uses the built CLI when present (npm run build), else runs the
// TypeScript source through tsx.
import { existsSync } from 'node:fs';

const built = new URL('../dist/cli/lingma-gateway.mjs', import.meta.url);
if (existsSync(built)) {
  await import(built.href);
} else {
  await import('tsx/esm');
  await import(new URL('../electron/core/cli/main.ts', import.meta.url).href);
}
