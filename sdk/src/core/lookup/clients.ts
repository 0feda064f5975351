/**
 * The API clients of one process and what they share, for both fronts (the dynamic provider and
 * the plugin): one client per token source, made on first use from the settings; every token they
 * were made with (no answer may carry one, no message may show one); one request per key however
 * many lookups ask at once; and one cancellation that stops them all. The three reads (a group, a
 * scope's groups, the locations) are made here, so that both fronts share their requests' keys.
 */
import { TursoClient, type ClientLogger } from "../client/http";
import type { Group, Location } from "../client/parse";
import { describeRef, type GroupRef, type ScopeRef } from "../client/url";
import { statusSaid, TursoAuthError } from "../errors";
import { findToken, resolveSettings, type ConfigLookup, type Environment, type TokenSource } from "../settings";

export class LookupClients {
  private config: ConfigLookup = () => undefined;
  /** One client per token source (the default one under ""). */
  private readonly clients = new Map<string, TursoClient>();
  /** The tokens of the clients made so far. */
  private readonly tokens = new Set<string>();
  private readonly requests = new Map<string, Promise<unknown>>();
  private readonly cancelled = new AbortController();
  /** Where each client's token came from, for messages. */
  private readonly sources = new Map<string, string>();
  /** The first rejection (401) of each client's token, and what that lookup asked for. */
  private readonly rejected = new Map<string, { readonly err: TursoAuthError; readonly what: string }>();

  /**
   * @param env - the process's environment, for the `TURSO_*` fallbacks
   * @param namespace - the config namespace of the settings (`turso`, or the plugin's `turso-group`)
   * @param logger - where the clients' request and retry lines go
   * @param hide - what a lookup's description becomes before it is kept for a later lookup's
   * message: the names of secret lookups hidden, so that no later message carries them
   */
  constructor(
    private readonly env: Environment,
    private readonly namespace?: string,
    private readonly logger?: ClientLogger,
    private readonly hide: (text: string) => string = (text) => text,
  ) {}

  /** New settings: clients and answers made with the old ones are not reused. */
  configure(config: ConfigLookup): void {
    this.config = config;
    this.clients.clear();
    this.tokens.clear();
    this.requests.clear();
    this.sources.clear();
    this.rejected.clear();
  }

  /** Stops every request in flight and every later one: the engine cancelled the operation. */
  cancel(): void {
    this.cancelled.abort();
  }

  /** The client of a token source and its key (`""` for the default one), made on first use. */
  private client(tokenFrom: TokenSource | undefined): [string, TursoClient] {
    const account = tokenFrom === undefined ? "" : JSON.stringify([tokenFrom.config ?? null, tokenFrom.env ?? null]);
    let client = this.clients.get(account);
    if (client === undefined) {
      const settings = resolveSettings(this.config, this.env, tokenFrom, this.namespace);
      this.tokens.add(settings.token);
      this.sources.set(account, settings.tokenSource);
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
  private once<T>(key: readonly unknown[], request: () => Promise<T>): Promise<T> {
    const id = JSON.stringify(key);
    let pending = this.requests.get(id) as Promise<T> | undefined;
    if (pending === undefined) {
      pending = request();
      this.requests.set(id, pending);
      pending.catch(() => this.requests.delete(id));
    }
    return pending;
  }

  /** The group `ref` names: one GET per group and token however many lookups ask. */
  group(ref: GroupRef, tokenFrom: TokenSource | undefined): Promise<Group> {
    const [account, client] = this.client(tokenFrom);
    return this.once(["group", account, ref.organization ?? null, ref.group], () =>
      this.unlessRejected(
        account,
        () => describeRef(ref),
        () => client.getGroup(ref),
      ),
    );
  }

  /** Every group of `scope`: one GET per scope and token however many lookups ask. */
  list(scope: ScopeRef, tokenFrom: TokenSource | undefined): Promise<Group[]> {
    const [account, client] = this.client(tokenFrom);
    return this.once(["list", account, scope.organization ?? null], () =>
      this.unlessRejected(
        account,
        () => describeRef(scope),
        () => client.listGroups(scope),
      ),
    );
  }

  /** The locations the API offers: one GET per token however many lookups ask. */
  locations(tokenFrom: TokenSource | undefined): Promise<Location[]> {
    const [account, client] = this.client(tokenFrom);
    return this.once(["locations", account], () =>
      this.unlessRejected(
        account,
        () => describeRef({ locations: true }),
        () => client.listLocations(),
      ),
    );
  }

  /**
   * `request`, unless the API has rejected this client's token already. The first lookup that meets
   * the rejection reports it in full (with how to replace the token); every other lookup with that
   * token fails with one line that names it (`what()`, called only once the request has checked
   * its arguments): those in flight at the same time have made their request, later ones make
   * none. So a bad token shared by many lookups is explained once.
   */
  private async unlessRejected<T>(account: string, what: () => string, request: () => Promise<T>): Promise<T> {
    const earlier = this.rejected.get(account);
    if (earlier !== undefined) throw this.sameRejection(account, earlier, 0);
    try {
      return await request();
    } catch (err) {
      if (!(err instanceof TursoAuthError)) throw err;
      const first = this.rejected.get(account);
      if (first === undefined) {
        this.rejected.set(account, { err, what: this.hide(what()) });
        throw err;
      }
      throw this.sameRejection(account, first, err.attempts);
    }
  }

  private sameRejection(
    account: string,
    first: { readonly err: TursoAuthError; readonly what: string },
    attempts: number,
  ): TursoAuthError {
    const { err, what } = first;
    const said = statusSaid(err.status ?? 401, err.apiMessage);
    return new TursoAuthError(
      `The Turso API rejected the API token from ${this.sources.get(account) ?? "the settings"} (${said}): ` +
        `the error of the lookup of ${what} says how to replace it.`,
      {
        ...(err.status === undefined ? {} : { status: err.status }),
        ...(err.apiMessage === undefined ? {} : { apiMessage: err.apiMessage }),
        attempts,
      },
    );
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
