/**
 * Tool parameters as short readable lines instead of raw JSON Schema. Agent clients send dozens
 * of tools whose schemas repeat `"type":"object"`, `"properties"`, `"additionalProperties":false`
 * and a `$schema` URL per tool; the model needs the names, types, what is required, the allowed
 * values and the descriptions. Everything else a schema says (bounds, patterns, formats, …) is
 * kept, as compact JSON after the line it belongs to, so nothing the model could need is lost:
 *
 *     - file_path: string, required — The absolute path to the file to read
 *     - mode: "a" | "b" (default: "a")
 *     - edits: array of object, required
 *       - old_string: string, required
 *
 * Only what carries no meaning for a caller is dropped: `$schema`, `title`, `$id`, `$comment`,
 * `additionalProperties: false` (the block's rules already say to give only listed arguments) and
 * the ±MAX_SAFE_INTEGER bounds schema generators put on every integer.
 */

type Schema = Record<string, unknown>;

const isSchema = (v: unknown): v is Schema =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Keywords a line renders itself, or that say nothing to a caller. */
const SHOWN = new Set([
  'type',
  'description',
  'properties',
  'required',
  'items',
  'enum',
  'const',
  'anyOf',
  'oneOf',
  'default',
  '$schema',
  '$id',
  '$comment',
  'title',
]);

const BOUNDS = new Set(['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum']);

const json = (v: unknown): string => JSON.stringify(v);

/** A schema with named properties renders as nested lines; anything else as its type only. */
function hasProperties(s: Schema): s is Schema & { properties: Record<string, unknown> } {
  return isSchema(s.properties) && Object.keys(s.properties).length > 0;
}

/** The short type of a schema: `string`, `"a" | "b"`, `array of integer`, `string | null`, … */
export function typeLabel(s: Schema): string {
  if (Array.isArray(s.enum)) return s.enum.map(json).join(' | ');
  if ('const' in s) return json(s.const);
  const alts = Array.isArray(s.anyOf) ? s.anyOf : Array.isArray(s.oneOf) ? s.oneOf : undefined;
  if (alts && alts.every(isSchema)) return alts.map((a) => typeLabel(a)).join(' | ');
  const type = Array.isArray(s.type)
    ? s.type.join(' | ')
    : typeof s.type === 'string'
      ? s.type
      : '';
  if (type === 'array' && isSchema(s.items)) return `array of ${typeLabel(s.items)}`;
  if (type) return type;
  if (hasProperties(s)) return 'object';
  return 'any';
}

/** What a line does not show by itself, as compact JSON (`{"minimum":1}`), or ''. */
function extras(s: Schema, nestedShown: boolean): string {
  const rest: Schema = {};
  for (const [k, v] of Object.entries(s)) {
    if (SHOWN.has(k)) continue;
    if (k === 'additionalProperties' && v === false) continue;
    // Schema generators (zod) bound every integer by ±MAX_SAFE_INTEGER: no bound at all.
    if (BOUNDS.has(k) && typeof v === 'number' && Math.abs(v) === Number.MAX_SAFE_INTEGER) continue;
    rest[k] = v;
  }
  // Alternatives that are not plain schemas (or object members with their own properties) are
  // shown whole: their label could not say everything.
  const alts = Array.isArray(s.anyOf) ? 'anyOf' : Array.isArray(s.oneOf) ? 'oneOf' : undefined;
  if (alts && (s[alts] as unknown[]).some((a) => !isSchema(a) || hasProperties(a)))
    rest[alts] = s[alts];
  // Array items whose label hides detail (their own keywords) are kept unless rendered below.
  if (isSchema(s.items) && !nestedShown) {
    const inner = extras(s.items, hasProperties(s.items));
    if (inner || hasProperties(s.items)) rest.items = s.items;
  }
  return Object.keys(rest).length > 0 ? ` ${json(rest)}` : '';
}

function indentLines(text: string, pad: string): string {
  return text.replace(/\n/g, `\n${pad}  `);
}

/** The lines of an object schema's properties, `depth` levels deep. */
function propertyLines(s: Schema, depth: number): string[] {
  if (!hasProperties(s)) return [];
  const required = new Set(Array.isArray(s.required) ? s.required.map(String) : []);
  const pad = '  '.repeat(depth);
  const lines: string[] = [];
  for (const [name, raw] of Object.entries(s.properties)) {
    const p: Schema = isSchema(raw) ? raw : {};
    const nested = hasProperties(p)
      ? p
      : isSchema(p.items) && hasProperties(p.items)
        ? p.items
        : undefined;
    let line = `${pad}- ${name}: ${typeLabel(p)}`;
    if (required.has(name)) line += ', required';
    if ('default' in p) line += ` (default: ${json(p.default)})`;
    line += extras(p, nested !== undefined);
    if (nested && nested !== p) line += extras(nested, true);
    const description = typeof p.description === 'string' ? p.description.trim() : '';
    if (description) line += ` — ${indentLines(description, pad)}`;
    lines.push(line, ...(nested ? propertyLines(nested, depth + 1) : []));
  }
  return lines;
}

/**
 * The parameters section of one tool. An object schema with properties becomes lines (plus the
 * top-level keywords the lines do not cover, as JSON); any other schema is given as compact JSON.
 */
export function renderParameters(schema: Record<string, unknown>): string {
  if (!hasProperties(schema)) {
    const empty = typeLabel(schema) === 'object' && extras(schema, false) === '';
    return empty ? 'Parameters: none' : `Parameters (JSON Schema): ${json(schema)}`;
  }
  const top = extras(schema, true);
  const head = top ? `Parameters (also${top}):` : 'Parameters:';
  return [head, ...propertyLines(schema, 0)].join('\n');
}
