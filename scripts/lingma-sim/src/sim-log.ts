import { appendFileSync } from 'node:fs';

/**
 * Appends to `<workDir>/logs/lingma.log`. Writes are synchronous on purpose: a line logged before
 * a reply (or before a simulated crash) is on disk by the time the client sees the effect.
 */
export class SimLog {
  constructor(readonly file: string) {}

  info(message: string): void {
    this.write('INFO', message);
  }

  warn(message: string): void {
    this.write('WARN', message);
  }

  error(message: string): void {
    this.write('ERROR', message);
  }

  private write(level: string, message: string): void {
    try {
      appendFileSync(this.file, `${new Date().toISOString()} ${level} ${message}\n`);
    } catch {
      // Logging must never take the simulator down (e.g. the workDir was deleted under us).
    }
  }
}

/** Appends JSON lines; used for sim-requests.jsonl and sim-events.jsonl. */
export class JsonlFile {
  constructor(readonly file: string) {}

  append(record: Record<string, unknown>): void {
    try {
      appendFileSync(
        this.file,
        `${JSON.stringify({ time: new Date().toISOString(), ...record })}\n`,
      );
    } catch {
      // Same reasoning as SimLog: recording is best effort.
    }
  }
}
