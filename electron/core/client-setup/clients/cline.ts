/**
 * Cline keeps its provider settings and API key inside the editor's extension storage and secret
 * store, not in a file the gateway could edit safely (and VS Code's settings.json, which Settings
 * Sync uploads, is not where Cline reads them). Setup is guided: detect it, show the values.
 */
import { join } from 'node:path';
import { editorExtension, firstEvidence } from '../context';
import type { ClientSpec } from '../types';

export const cline: ClientSpec = {
  id: 'cline',
  detect: (ctx) =>
    firstEvidence(ctx, [
      () => editorExtension(ctx, 'saoudrizwan.claude-dev'),
      join(ctx.home, '.cline'),
    ]),
};
