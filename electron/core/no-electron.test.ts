import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const coreDir = new URL('.', import.meta.url).pathname;
const importsElectron =
  /(?:from\s*|import\s*\(\s*|require\s*\(\s*|import\s+)['"]electron(?:\/[^'"]*)?['"]/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : sourceFiles(path);
    return /\.(ts|tsx|js|mjs|cjs)$/.test(name) ? [path] : [];
  });
}

describe('electron/core stays plain Node', () => {
  it('the pattern catches every import form', () => {
    // Built from pieces so this file never matches its own check.
    const mod = 'elec' + 'tron';
    for (const line of [
      `import { app } from '${mod}';`,
      `import "${mod}";`,
      `const e = require('${mod}');`,
      `await import('${mod}/main');`,
    ]) {
      expect(importsElectron.test(line), line).toBe(true);
    }
    expect(importsElectron.test(`import x from '${mod}-store';`)).toBe(false);
  });

  it('no file under electron/core imports electron', () => {
    const files = sourceFiles(coreDir);
    expect(files.length).toBeGreaterThan(1);
    const offenders = files
      .filter((f) =>
        importsElectron.test(readFileSync(f, 'utf8').replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, '')),
      )
      .map((f) => relative(coreDir, f));
    expect(offenders).toEqual([]);
  });
});
