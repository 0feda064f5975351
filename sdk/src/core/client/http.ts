import axios, { type AxiosInstance, type AxiosResponse } from "axios";
import { statusSaid, type TursoError } from "../errors";
import { attemptFailure, isRetryable, statusFailure, type Attempt, type FailureFacts } from "./failures";
import { Limiter } from "./limiter";
import {
  apiErrorMessage,
  parseGroupBody,
  parseGroupsBody,
  parseLocationsBody,
  type AnswerContext,
  type Group,
  type Location,
} from "./parse";
import { ProxyFailure, type Route } from "./proxy";
import { parseRetryAfter, retryDelay, type RetryPolicy } from "./retry";
import {
  describeRef,
  describeScope,
  groupUrl,
  groupsUrl,
  locationsUrl,
  showUrl,
  type GroupRef,
  type ScopeRef,
  type Target,
} from "./url";
import { validateName } from "./validate";
import { sleepFor, whenAborted } from "./wait";

/** Where log lines go; the provider sends debug lines to Pulumi's debug log. */
export interface ClientLogger {
  debug(message: string): void;
  info(message: string): void;
}

/** Everything the client needs; {@link resolveSettings} produces the non-test fields. */
export interface ClientOptions {
  readonly baseUrl: string;
  readonly token: string;
  /** Where the token came from, for messages (`config turso:apiToken`, `TURSO_API_TOKEN`). */
  readonly tokenSource: string;
  /** How to give this lookup a new token, for a 401 (the settings' words: `tokenFix`). */
  readonly tokenFix: string;
  /** Where the base URL came from, for messages (`stack config "turso:apiBaseUrl"`, …). */
  readonly baseUrlSource: string;
  readonly timeoutMs: number;
  /** One deadline for the whole lookup: every attempt and every wait between attempts. */
  readonly totalTimeoutMs: number;
  readonly retry: RetryPolicy;
  readonly maxConcurrency: number;
  readonly maxResponseBytes: number;
  /** How requests reach the API: directly, or through a proxy's tunnel (`resolveRoute`, from the settings). */
  readonly route: Route;
  /**
   * The other tokens this process knows (`turso:apiToken`, every `tokenFrom` token): an answer
   * must carry none of them either, and messages show none of them.
   */
  readonly otherTokens?: () => readonly string[];
  /** Aborted when the engine cancels the operation (Ctrl-C): no further attempt or wait. */
  readonly signal?: AbortSignal;
  /**
   * The namespace of the config keys that messages advise (`turso:totalTimeoutMs`): `turso-group`
   * for the provider plugin.
   * @default "turso"
   */
  readonly configNamespace?: string;
  readonly logger?: ClientLogger;
  /** Test seams: the wait between retries, the jitter source and the clock. */
  readonly sleep?: ((ms: number) => Promise<void>) | undefined;
  readonly random?: () => number;
  readonly now?: () => number;
}

/**
 * The Turso Platform API client behind `getGroup` and `getGroups`: one GET of the retrieve-group
 * or list-groups endpoint with a timeout, bounded concurrency, retries on 408/429/5xx and network errors honouring
 * `Retry-After`, no redirects, and typed errors that never carry the token.
 */
export class TursoClient {
  private readonly http: AxiosInstance;
  private readonly limiter: Limiter;
  private readonly route: Route;

  constructor(private readonly options: ClientOptions) {
    this.limiter = new Limiter(options.maxConcurrency);
    this.route = options.route;
    this.http = axios.create({
      // Redirects are not followed: the token must not leave for another host.
      maxRedirects: 0,
      // Never axios's own proxy handling: it would send a loopback request, token included, in
      // clear text to HTTP_PROXY. An https base URL may go through an HTTPS_PROXY tunnel instead.
      proxy: false,
      responseType: "text",
      transformResponse: [(data: unknown) => data],
      validateStatus: () => true,
      maxContentLength: options.maxResponseBytes,
      headers: {
        Accept: "application/json",
        Authorization: `Bearer ${options.token}`,
        "User-Agent": "pulumi-turso-group",
      },
    });
  }

  /**
   * Retrieves one group. Names are validated before any request is made; an answer about another
   * group than the one asked for is refused.
   */
  async getGroup(ref: GroupRef): Promise<Group> {
    const checked: GroupRef = { ...checkScope(ref), group: validateName("group", ref.group) };
    const url = groupUrl(this.options.baseUrl, checked);
    return this.limiter.run(() =>
      this.fetchWithRetries(checked, url, (status, text, details, secrets) =>
        parseGroupBody(status, text, details, secrets, checked.group),
      ),
    );
  }

  /**
   * Lists every location the API offers (`GET /v1/locations`), sorted by code, with the same
   * retries, deadline and errors as {@link getGroup}.
   */
  async listLocations(): Promise<Location[]> {
    const url = locationsUrl(this.options.baseUrl);
    return this.limiter.run(() => this.fetchWithRetries({ locations: true }, url, parseLocationsBody));
  }

  /** Every secret this client must never store or show: its token first, then the others known. */
  private secrets(): string[] {
    return [this.options.token, ...(this.options.otherTokens?.() ?? [])].filter((s) => s !== "");
  }

  /**
   * Lists every group of an organization, or of the personal account without one: one GET of the
   * list-groups endpoint, with the same retries, deadline and errors as {@link getGroup}.
   */
  async listGroups(scope: ScopeRef): Promise<Group[]> {
    const checked = checkScope(scope);
    const url = groupsUrl(this.options.baseUrl, checked);
    return this.limiter.run(() => this.fetchWithRetries(checked, url, parseGroupsBody));
  }

  /** A setting's config key in this client's namespace, for messages: `turso:maxRetries`. */
  private key(name: string): string {
    return `${this.options.configNamespace ?? "turso"}:${name}`;
  }

  private async fetchWithRetries<T>(
    ref: Target,
    url: string,
    parse: (status: number, text: string, details: AnswerContext, secrets: string[]) => T,
  ): Promise<T> {
    const { retry, logger } = this.options;
    const now = this.options.now ?? Date.now;
    const started = now();
    const deadline = started + this.options.totalTimeoutMs;
    const attempts = retry.retries + 1;
    for (let attempt = 1; ; attempt++) {
      const t0 = now();
      // Cancelled before this attempt (during a wait, or before the first): it is not made.
      if (this.options.signal?.aborted) throw this.failure(ref, url, { kind: "cancelled" }, attempt - 1, t0 - started);
      const result = await this.attempt(url, Math.max(1, Math.min(this.options.timeoutMs, deadline - t0)));
      const status = result.kind === "response" ? String(result.status) : result.kind;
      logger?.debug(`GET ${url} -> ${status} (attempt ${attempt}/${attempts}, ${now() - t0} ms)`);

      if (result.kind === "response" && result.response.status >= 200 && result.response.status < 300) {
        // What the parser notes is said once per answer, however many groups it concerns.
        const noted = new Set<string>();
        const note = (message: string): void => {
          if (!noted.has(message)) logger?.debug(message);
          noted.add(message);
        };
        const context = { method: "GET", url, note, baseUrlSource: this.options.baseUrlSource };
        return parse(result.response.status, result.response.data, context, this.secrets());
      }
      if (!isRetryable(result) || attempt >= attempts) {
        throw this.failure(ref, url, result, attempt, now() - started);
      }
      const retryAfter = result.kind === "response" ? header(result.response, "retry-after") : undefined;
      const at = now();
      const wait = retryDelay(attempt, parseRetryAfter(retryAfter, at), retry, this.options.random);
      // The whole lookup has one deadline: a wait that would pass it ends the lookup now.
      if (at + wait >= deadline) throw this.failure(ref, url, result, attempt, at - started, true);
      logger?.info(
        `Turso API: GET ${url} -> ${status}; retrying in ${wait} ms (attempt ${attempt + 1} of ${attempts})`,
      );
      // A cancellation ends the wait at once; the loop then stops before the next attempt.
      const { sleep, signal } = this.options;
      if (sleep === undefined) await sleepFor(wait, signal);
      else {
        const cancel = whenAborted(signal);
        await Promise.race([sleep(wait), cancel.aborted]);
        cancel.stop();
      }
    }
  }

  private async attempt(url: string, timeoutMs: number): Promise<Attempt<AxiosResponse<string>>> {
    // One deadline per attempt: connect, headers and body (a stalled body included).
    const controller = new AbortController();
    const tunnel = this.route.tunnel?.();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    const { signal } = this.options;
    const cancel = (): void => controller.abort();
    signal?.addEventListener("abort", cancel, { once: true });
    try {
      const response = await this.http.get<string>(url, {
        signal: controller.signal,
        ...(tunnel ? { httpsAgent: tunnel } : {}),
      });
      return { kind: "response", response, status: response.status };
    } catch (err: unknown) {
      if (signal?.aborted) return { kind: "cancelled" };
      if (controller.signal.aborted) {
        const proxy = tunnel?.unanswered(timeoutMs);
        return proxy ? { kind: "network", code: "ETIMEDOUT", proxy } : { kind: "timeout" };
      }
      const code = axios.isAxiosError(err) ? (err.code ?? "ERR_NETWORK") : "ERR_UNKNOWN";
      if (axios.isAxiosError(err) && /maxContentLength/.test(err.message)) return { kind: "too-large" };
      // Never keep the axios error: its config holds the Authorization header.
      const proxy = axios.isAxiosError(err) && err.cause instanceof ProxyFailure ? err.cause : undefined;
      return { kind: "network", code, ...(proxy ? { proxy } : {}) };
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener("abort", cancel);
    }
  }

  /** The error of the lookup's last attempt, from the catalogue (`failures.ts`). */
  private failure(
    ref: Target,
    url: string,
    result: Attempt<AxiosResponse<string>>,
    attempts: number,
    elapsedMs: number,
    outOfTime = false,
  ): TursoError {
    const facts: FailureFacts = {
      ref,
      url,
      what: describeRef(ref),
      where: describeScope(ref),
      tried:
        `${attempts} attempt${attempts === 1 ? "" : "s"} over ${(elapsedMs / 1000).toFixed(1)} s` +
        (outOfTime ? `, stopped by ${this.key("totalTimeoutMs")}=${this.options.totalTimeoutMs}` : ""),
      tokenSource: this.options.tokenSource,
      tokenFix: this.options.tokenFix,
      baseUrlSource: this.options.baseUrlSource,
      timeoutMs: this.options.timeoutMs,
      maxResponseBytes: this.options.maxResponseBytes,
      key: (name) => this.key(name),
    };
    if (result.kind !== "response") return attemptFailure(facts, result, attempts);
    const { response, status } = result;
    const apiMessage = apiErrorMessage(typeof response.data === "string" ? response.data : "", this.secrets());
    const location = showUrl(header(response, "location") ?? "(no Location)", this.secrets());
    return statusFailure({ ...facts, status, apiMessage, said: statusSaid(status, apiMessage), location }, attempts);
  }
}

/** A scope with its organization validated, named after where it came from. */
function checkScope<T extends ScopeRef>(scope: T): T {
  if (scope.organization === undefined) return scope;
  return { ...scope, organization: validateName(scope.organizationSource ?? "organization", scope.organization) };
}

function header(response: AxiosResponse<string>, name: string): string | undefined {
  const value: unknown = response.headers[name];
  return typeof value === "string" ? value : undefined;
}
