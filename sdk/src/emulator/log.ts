/**
 * The emulator's request log, bounded in entries and in bytes, so that a long-running emulator
 * does not grow without bound: 20 000 requests with 15 000-character paths no longer hold
 * hundreds of megabytes.
 */

/** One API request as the emulator saw it. The Authorization header is never recorded. */
export interface LoggedRequest {
  /** The HTTP method. */
  readonly method: string;
  /** The raw request path, without the query. */
  readonly path: string;
  /** 0 when the connection was dropped or stalled without a complete answer. */
  readonly status: number;
  /** Time from arrival to the end of the answer. */
  readonly durationMs: number;
}

/** The default of `maxLoggedRequests` and `--log-limit`. */
export const DEFAULT_LOG_LIMIT = 10_000;

/** The default of `maxLoggedBytes` and `--log-bytes`: 8 MiB of entries (as JSON). */
export const DEFAULT_LOG_BYTES = 8 * 1024 * 1024;

/** An entry's size: the bytes of its JSON, as `GET /__emulator/requests` sends it. */
const sizeOf = (entry: LoggedRequest): number => Buffer.byteLength(JSON.stringify(entry));

/**
 * Keeps the latest requests, at most `limit` of them and `maxBytes` bytes in all; older ones are
 * dropped (and counted) as new ones come. Adding is O(1) amortized: dropped entries are cut off
 * the front in one slice once they are half the array.
 */
export class RequestLog {
  private entries: { entry: LoggedRequest; size: number }[] = [];
  private start = 0;
  private size = 0;
  private total = 0;

  constructor(
    private readonly limit: number,
    private readonly maxBytes: number = DEFAULT_LOG_BYTES,
  ) {}

  add(entry: LoggedRequest): void {
    this.total++;
    const size = sizeOf(entry);
    this.entries.push({ entry, size });
    this.size += size;
    while (this.start < this.entries.length && (this.kept() > this.limit || this.size > this.maxBytes)) {
      this.size -= (this.entries[this.start] as { size: number }).size;
      this.start++;
    }
    if (this.start > 1024 && this.start * 2 > this.entries.length) {
      this.entries = this.entries.slice(this.start);
      this.start = 0;
    }
  }

  private kept(): number {
    return this.entries.length - this.start;
  }

  list(): LoggedRequest[] {
    return this.entries.slice(this.start).map(({ entry }) => ({ ...entry }));
  }

  /** How many requests are kept (and their bytes), and how many were dropped, since the last clear. */
  counts(): { requests: number; dropped: number; bytes: number } {
    return { requests: this.kept(), dropped: this.total - this.kept(), bytes: this.size };
  }

  clear(): void {
    this.entries = [];
    this.start = 0;
    this.size = 0;
    this.total = 0;
  }
}
