/**
 * Structured JSON logging for the core. One line per record. Every record passes through a
 * redactor before it is written, so a secret handed to a logger by mistake never reaches disk.
 */

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  /** A logger that adds `fields` to every record (e.g. `{ component: 'pool' }`). */
  child(fields: LogFields): Logger;
}

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface JsonLoggerOptions {
  level?: LogLevel;
  /** Receives one finished JSON line (no trailing newline). */
  write?: (line: string) => void;
  /** Applied to the serialised line; see core/logs/redact.ts. */
  redact?: (line: string) => string;
  now?: () => number;
}

export function createJsonLogger(options: JsonLoggerOptions = {}, base: LogFields = {}): Logger {
  const min = ORDER[options.level ?? 'info'];
  const write = options.write ?? ((line: string) => process.stderr.write(line + '\n'));
  const redact = options.redact ?? ((line: string) => line);
  const now = options.now ?? Date.now;

  const emit = (level: LogLevel, msg: string, fields?: LogFields): void => {
    if (ORDER[level] < min) return;
    const record = { time: new Date(now()).toISOString(), level, msg, ...base, ...fields };
    let line: string;
    try {
      line = JSON.stringify(record, errorReplacer);
    } catch {
      line = JSON.stringify({ time: record.time, level, msg, note: 'unserialisable fields' });
    }
    write(redact(line));
  };

  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
    child: (fields) => createJsonLogger(options, { ...base, ...fields }),
  };
}

function errorReplacer(_key: string, value: unknown): unknown {
  if (value instanceof Error) return { name: value.name, message: value.message };
  if (typeof value === 'bigint') return value.toString();
  return value;
}

/** A logger that drops everything (tests, benchmarks). */
export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  child: () => silentLogger,
};
