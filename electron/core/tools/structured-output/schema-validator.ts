/**
 * JSON Schema validation of structured answers, with Ajv (a maintained, spec-complete validator:
 * drafts 07, 2019-09 and 2020-12, `$ref`/`$defs`, `anyOf`, `enum`, `const`, formats through
 * ajv-formats, and error objects with exact instance paths the corrective retry can quote). A
 * hand-written subset would accept answers the client's own validator then rejects.
 *
 * Schemas arrive per request, so compiled validators are cached by their JSON text (bounded LRU)
 * and evicted ones are removed from Ajv's own cache too — otherwise every request would leak one.
 */
import Ajv, { type AnySchemaObject, type ErrorObject, type ValidateFunction } from 'ajv';
import Ajv2019 from 'ajv/dist/2019';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

/** Outcome of checking one value. `errors` are short human-readable lines (for the retry). */
export type SchemaCheck = { ok: true } | { ok: false; errors: string[] };

/** A compiled schema. */
export interface CompiledSchema {
  check(value: unknown): SchemaCheck;
}

/** Thrown for a schema the validator cannot compile (the client gets a 400 with the message). */
export class SchemaCompileError extends Error {
  override name = 'SchemaCompileError';
}

const MAX_CACHED = 64;
const MAX_ERRORS = 8;

type Dialect = 'draft-07' | '2019-09' | '2020-12';

function makeAjv(dialect: Dialect): Ajv {
  // strict:false: client schemas carry annotations Ajv does not know (OpenAI's `strict`, titles,
  // vendor keywords); they must not make a valid schema fail to compile.
  const options = { strict: false, allErrors: true, allowUnionTypes: true, validateFormats: true };
  const ajv =
    dialect === '2020-12'
      ? new Ajv2020(options)
      : dialect === '2019-09'
        ? new Ajv2019(options)
        : new Ajv(options);
  addFormats(ajv);
  return ajv;
}

/** The dialect a schema declares; undeclared schemas are read as 2020-12 (what OpenAI documents). */
function dialectOf(schema: Record<string, unknown>): Dialect {
  const declared = typeof schema.$schema === 'string' ? schema.$schema : '';
  if (/draft-0[4-7]/.test(declared)) return 'draft-07';
  if (declared.includes('2019-09')) return '2019-09';
  return '2020-12';
}

/** One Ajv error as a line: where, and what is wrong. */
export function describeError(e: ErrorObject): string {
  const at = e.instancePath === '' ? 'the top-level value' : `\`${e.instancePath}\``;
  let what = e.message ?? 'is invalid';
  if (e.keyword === 'additionalProperties') {
    const extra = (e.params as { additionalProperty?: unknown }).additionalProperty;
    what = `must not have the property "${String(extra)}"`;
  } else if (e.keyword === 'enum') {
    const allowed = (e.params as { allowedValues?: unknown }).allowedValues;
    what = `must be one of ${JSON.stringify(allowed)}`;
  }
  return `${at} ${what}`;
}

/** Compiles and caches client schemas. One instance serves the whole process. */
export class SchemaValidator {
  private readonly ajv = new Map<Dialect, Ajv>();
  private readonly cache = new Map<
    string,
    { ajv: Ajv; schema: AnySchemaObject; fn: ValidateFunction }
  >();

  /** @throws SchemaCompileError when the schema is not usable. */
  compile(schema: Record<string, unknown>): CompiledSchema {
    const key = JSON.stringify(schema);
    let entry = this.cache.get(key);
    if (entry) {
      // Refresh its place in the LRU order.
      this.cache.delete(key);
    } else {
      entry = this.build(schema);
    }
    this.cache.set(key, entry);
    this.evict();
    const fn = entry.fn;
    return {
      check: (value) => {
        if (fn(value)) return { ok: true };
        const errors = (fn.errors ?? []).slice(0, MAX_ERRORS).map(describeError);
        return { ok: false, errors: errors.length > 0 ? errors : ['does not match the schema'] };
      },
    };
  }

  private build(schema: Record<string, unknown>) {
    const dialect = dialectOf(schema);
    let ajv = this.ajv.get(dialect);
    if (!ajv) {
      ajv = makeAjv(dialect);
      this.ajv.set(dialect, ajv);
    }
    // `$id` would register the schema globally (two requests with one id would clash) and
    // `$schema` was only needed to pick the dialect; `#/…` references work without either.
    const { $id: _id, $schema: _schema, ...rest } = schema;
    const copy = structuredClone(rest) as AnySchemaObject;
    try {
      return { ajv, schema: copy, fn: ajv.compile(copy) };
    } catch (err) {
      throw new SchemaCompileError(err instanceof Error ? err.message : String(err));
    }
  }

  private evict(): void {
    while (this.cache.size > MAX_CACHED) {
      const oldest = this.cache.keys().next().value as string;
      const entry = this.cache.get(oldest);
      this.cache.delete(oldest);
      entry?.ajv.removeSchema(entry.schema);
    }
  }
}

/** The process-wide validator. */
export const schemaValidator = new SchemaValidator();
