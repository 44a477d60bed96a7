import { describe, expect, it } from 'vitest';
import { flagNumber, parseArgs } from './args';

describe('parseArgs', () => {
  it('splits positionals and flags in every form', () => {
    const a = parseArgs([
      'accounts',
      'remove',
      'work',
      '--delete-data',
      '--data-dir',
      '/d',
      '--port=9000',
    ]);
    expect(a.positionals).toEqual(['accounts', 'remove', 'work']);
    expect(a.flags).toEqual({ 'delete-data': true, 'data-dir': '/d', port: '9000' });
    expect(flagNumber(a, 'port')).toBe(9000);
  });

  it('rejects a non-numeric number flag', () => {
    expect(() => flagNumber(parseArgs(['--port', 'abc']), 'port')).toThrow(/number/);
  });
});
