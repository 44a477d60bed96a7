import { existsSync } from 'node:fs';

/**
 * Runs once before the test files: bundles the Lingma simulator so that every test that spawns it
 * (exactly as the product spawns the real binary) starts from the same fresh build.
 */
export default async function setup(): Promise<void> {
  const buildFile = new URL('./lingma-sim/build.ts', import.meta.url);
  if (!existsSync(buildFile)) return;
  const { buildSimulator } = (await import(buildFile.href)) as {
    buildSimulator: () => Promise<string>;
  };
  await buildSimulator();
}
