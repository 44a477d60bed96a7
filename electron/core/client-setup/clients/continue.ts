/**
 * Continue: `~/.continue/config.yaml` (`$CONTINUE_GLOBAL_DIR` moves it), edited as a YAML
 * document (the `yaml` package keeps comments and layout); an older `config.json` setup is
 * edited as JSON instead, because creating a config.yaml next to it would hide it.
 */
import { join } from 'node:path';
import { isMap, isSeq, parseDocument, type Document } from 'yaml';
import { editorExtension, envDir, exists, firstEvidence } from '../context';
import { getPath, parseJsonc, setJsonValue, withFinalNewline } from '../json-edit';
import { ConfigFormatError, type ClientSpec, type SetupValues } from '../types';

const dirOf = (ctx: Parameters<NonNullable<ClientSpec['configPath']>>[0]): string =>
  envDir(ctx, 'CONTINUE_GLOBAL_DIR', '.continue');

function yamlDoc(text: string, file: string): Document {
  const doc = parseDocument(text);
  const first = doc.errors[0];
  if (first) {
    const line = first.linePos?.[0]?.line;
    throw new ConfigFormatError(file, `YAML error${line ? ` at line ${line}` : ''}`);
  }
  return doc;
}

const modelsOf = (v: SetupValues): string[] =>
  v.models.includes(v.model)
    ? [v.model, ...v.models.filter((m) => m !== v.model)]
    : [v.model, ...v.models];

function isOurs(item: unknown, v1: string): boolean {
  const apiBase = isMap(item) ? item.get('apiBase') : (item as { apiBase?: unknown })?.apiBase;
  return typeof apiBase === 'string' && apiBase.replace(/\/+$/, '') === v1;
}

function writeYaml(text: string | undefined, v: SetupValues, file: string): string {
  const doc = yamlDoc(text ?? '', file);
  if (!text?.trim()) {
    doc.contents = doc.createNode({ name: 'Local config', version: '1.0.0', schema: 'v1' });
  }
  const v1 = `${v.origin}/v1`;
  let models = doc.get('models');
  if (!isSeq(models)) {
    models = doc.createNode([]);
    doc.set('models', models);
  }
  if (!isSeq(models)) throw new ConfigFormatError(file, '"models" is not a list');
  models.items = models.items.filter((item) => !isOurs(item, v1));
  for (const model of modelsOf(v)) {
    models.items.push(
      doc.createNode({
        name: `Lingma ${model}`,
        provider: 'openai',
        model,
        apiBase: v1,
        apiKey: v.key,
        roles: ['chat', 'edit', 'apply'],
      }),
    );
  }
  return doc.toString();
}

function writeJson(text: string, v: SetupValues, file: string): string {
  const parsed = parseJsonc(text, file);
  const v1 = `${v.origin}/v1`;
  let out = text;
  const list = getPath(parsed, ['models']);
  if (Array.isArray(list)) {
    for (let i = list.length - 1; i >= 0; i--) {
      if (isOurs(list[i], v1)) out = setJsonValue(out, ['models', i], undefined);
    }
  }
  for (const model of modelsOf(v)) {
    out = setJsonValue(out, ['models', -1], {
      title: `Lingma ${model}`,
      provider: 'openai',
      model,
      apiBase: v1,
      apiKey: v.key,
    });
  }
  return withFinalNewline(out);
}

export const continueDev: ClientSpec = {
  id: 'continue',
  detect: (ctx) =>
    firstEvidence(ctx, [dirOf(ctx), () => editorExtension(ctx, 'continue.continue')]),
  async configPath(ctx) {
    const yaml = join(dirOf(ctx), 'config.yaml');
    const json = join(dirOf(ctx), 'config.json');
    return !(await exists(yaml)) && (await exists(json)) ? json : yaml;
  },
  configured(text, origin, file) {
    const v1 = `${origin}/v1`;
    const items: unknown[] = file.endsWith('.json')
      ? ((getPath(parseJsonc(text, file), ['models']) as unknown[] | undefined) ?? [])
      : (() => {
          const models = yamlDoc(text, file).get('models');
          return isSeq(models) ? models.items : [];
        })();
    if (items.some((i) => isOurs(i, v1))) return 'ours';
    return items.length > 0 ? 'other' : 'none';
  },
  write(text, v, file) {
    return {
      text: file.endsWith('.json') ? writeJson(text ?? '', v, file) : writeYaml(text, v, file),
      notes: [],
    };
  },
};
