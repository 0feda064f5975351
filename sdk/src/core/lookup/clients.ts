/**
 * The API clients of one process and what they share, for both fronts (the dynamic provider and
 * the plugin): one client per token source, made on first use from the settings; every token they
 * were made with (no answer may carry one, no message may show one); one request per key however
 * many lookups ask at once; and one cancellation that stops them all.
 */
import { TursoClient, type ClientLogger } from "../client/http";
import { findToken, resolveSettings, type ConfigLookup, type Environment, type TokenSource } from "../settings";

export class LookupClients {
  private config: ConfigLookup = () => undefined;
  /** One client per token source (the default one under ""). */
  private readonly clients = new Map<string, TursoClient>();
  /** The tokens of the clients made so far. */
  private readonly tokens = new Set<string>();
  private readonly requests = new Map<string, Promise<unknown>>();
  private readonly cancelled = new AbortController();

  /**
   * @param env - the process's environment, for the `TURSO_*` fallbacks
   * @param namespace - the config namespace of the settings (`turso`, or the plugin's `turso-group`)
   * @param logger - where the clients' request and retry lines go
   */
  constructor(
    private readonly env: Environment,
    private readonly namespace?: string,
    private readonly logger?: ClientLogger,
  ) {}

  /** New settings: clients and answers made with the old ones are not reused. */
  configure(config: ConfigLookup): void {
    this.config = config;
    this.clients.clear();
    this.tokens.clear();
    this.requests.clear();
  }

  /** Stops every request in flight and every later one: the engine cancelled the operation. */
  cancel(): void {
    this.cancelled.abort();
  }

  /** The client of a token source and its key (`""` for the default one), made on first use. */
  client(tokenFrom: TokenSource | undefined): [string, TursoClient] {
    const account = tokenFrom === undefined ? "" : JSON.stringify([tokenFrom.config ?? null, tokenFrom.env ?? null]);
    let client = this.clients.get(account);
    if (client === undefined) {
      const settings = resolveSettings(this.config, this.env, tokenFrom, this.namespace);
      this.tokens.add(settings.token);
      client = new TursoClient({
        ...settings,
        otherTokens: () => this.knownTokens(),
        signal: this.cancelled.signal,
        ...(this.logger ? { logger: this.logger } : {}),
      });
      this.clients.set(account, client);
    }
    return [account, client];
  }

  /**
   * The request under `key`, made once and shared by concurrent and repeated lookups; a failed one
   * is not kept, so that a later lookup (a refresh) asks again.
   */
  once<T>(key: readonly unknown[], request: () => Promise<T>): Promise<T> {
    const id = JSON.stringify(key);
    let pending = this.requests.get(id) as Promise<T> | undefined;
    if (pending === undefined) {
      pending = request();
      this.requests.set(id, pending);
      pending.catch(() => this.requests.delete(id));
    }
    return pending;
  }

  /**
   * Every token this process knows, which no answer may carry and no message may show: the
   * default one (`apiToken` / `TURSO_API_TOKEN`) and each `tokenFrom` token used so far.
   */
  private knownTokens(): string[] {
    const fallback = findToken(this.config, this.env, undefined, this.namespace)?.token;
    return [...this.tokens, ...(fallback === undefined ? [] : [fallback])];
  }
}
