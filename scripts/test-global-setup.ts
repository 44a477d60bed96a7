/**
 * Runs once before the test files: bundles the Lingma simulator so that every test that spawns it
 * (exactly as the product spawns the real binary) starts from the same fresh build.
 */
import { buildSimulator } from './lingma-sim/build';

export default async function setup(): Promise<void> {
  await buildSimulator();
}
