/**
 * The most recently finished entries, whole, as their JSON lines: `get()` of anything the UI just
 * showed needs no disk read. Bounded by count and by size (bodies can be large).
 */
export class EntryRing {
  private readonly lines = new Map<string, string>();
  private bytes = 0;

  constructor(
    private readonly maxCount: number,
    private readonly maxBytes: number,
  ) {}

  get(id: string): string | undefined {
    return this.lines.get(id);
  }

  add(id: string, line: string): void {
    this.lines.set(id, line);
    this.bytes += line.length;
    for (const [oldId, old] of this.lines) {
      if (this.lines.size <= this.maxCount && this.bytes <= this.maxBytes) break;
      this.lines.delete(oldId);
      this.bytes -= old.length;
    }
  }
}
