/** The emulator's request log, capped so a long-running emulator does not grow without bound. */

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

/** Keeps the last `limit` requests; older ones are dropped (and counted). */
export class RequestLog {
  private entries: LoggedRequest[] = [];
  private total = 0;

  constructor(private readonly limit: number) {}

  add(entry: LoggedRequest): void {
    this.total++;
    if (this.limit === 0) return;
    this.entries.push(entry);
    // Trim in batches, so adding stays O(1) amortized.
    if (this.entries.length >= 2 * this.limit) this.entries = this.entries.slice(-this.limit);
  }

  list(): LoggedRequest[] {
    return this.entries.slice(-this.limit).map((r) => ({ ...r }));
  }

  /** How many requests were logged since the last clear, and how many of them were dropped. */
  counts(): { requests: number; dropped: number } {
    const kept = Math.min(this.entries.length, this.limit);
    return { requests: kept, dropped: this.total - kept };
  }

  clear(): void {
    this.entries = [];
    this.total = 0;
  }
}
