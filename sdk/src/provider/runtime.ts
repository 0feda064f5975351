/**
 * The provider's implementation, loaded in the dynamic-provider process by the serialized provider
 * (`require("pulumi-turso-group/internal/provider")`). Internal: not part of the public API.
 *
 * One runtime per provider process, and so per `pulumi preview`, `up` or `refresh`: the settings
 * and the token are read here, at run time, and concurrent reads of one group share one request.
 */
import type * as dynamic from "@pulumi/pulumi/dynamic";
import { TursoClient, type ClientLogger } from "../client/http";
import type { Group } from "../client/parse";
import type { GroupRef, ScopeRef } from "../client/url";
import { engineAddress, engineLogger } from "./engineLog";
import { TursoInputError, TursoNotFoundError } from "../errors";
import { checkPlacement, type PlacementExpectation } from "../placement";
import { asReadFailure, droppedByRefresh } from "./failure";
import { onEngineCancel } from "./cancel";
import { HiddenNames } from "./hidden";
import { readList, recordedGroup, type ListOutputs, type ListProps } from "./readList";
import { findToken, resolveSettings, type ConfigLookup, type Environment, type TokenSource } from "../settings";

/** The properties a group lookup records in state (never the token). Contract: see provider.ts. */
export interface GroupProps {
  readonly organization?: string | null;
  readonly group: string;
  readonly expect?: PlacementExpectation | null;
  /** A missing group is an absent result (`found: false`) instead of a failure. */
  readonly ifExists?: boolean | null;
  /**
   * Where the organization's name came from when it was not an argument, for messages:
   * `stack config "turso:organization"` or `environment variable TURSO_ORGANIZATION`.
   */
  readonly organizationSource?: string | null;
  /** The program refused this lookup after the call (an input that was an Output): the reason. */
  readonly refuse?: string | null;
  /** Where the token is when not in `turso:apiToken` / `TURSO_API_TOKEN`: names only, never the token. */
  readonly tokenFrom?: TokenSource | null;
  /** The inputs were secrets: no message or log line of the read names the organization or group. */
  readonly secret?: boolean | null;
}

/**
 * What a read returns: the group, in the shape of `GetGroupResult`, plus the props it was read
 * with. Absent optional fields are `null`, not missing: during a preview the SDK treats a missing
 * output as unknown, which would make the whole result unknown. An `ifExists` lookup of a missing
 * group has `found: false` and every group field `null`.
 */
export interface GroupOutputs {
  readonly group: string;
  readonly organization: string | null;
  readonly name: string | null;
  readonly locations: string[] | null;
  readonly primary: string | null;
  readonly uuid: string | null;
  readonly version: string | null;
  readonly deleteProtection: boolean | null;
  readonly archived: boolean | null;
  readonly found: boolean;
  readonly expect: PlacementExpectation | null;
  readonly ifExists: boolean | null;
  readonly organizationSource: string | null;
  readonly tokenFrom: TokenSource | null;
  /** Recorded only for a secret lookup, so that a refresh hides its names too. */
  readonly secret?: true;
}

/** The provider process's log: the client's lines, and warnings (a lookup dropped by refresh). */
export interface ProviderLogger extends ClientLogger {
  warn(message: string): void;
}

export class ProviderRuntime {
  private config: ConfigLookup = () => undefined;
  /** One client per token source (the default one under ""). */
  private readonly clients = new Map<string, TursoClient>();
  private readonly lookups = new Map<string, Promise<Group>>();
  private readonly lists = new Map<string, Promise<Group[]>>();
  /** The tokens of the clients made so far. */
  private readonly tokens = new Set<string>();
  /** The names of the secret lookups read so far, which no message or log line shows. */
  private readonly hidden = new HiddenNames();
  /** The process's log, with the names of secret lookups hidden. */
  private readonly log: ProviderLogger | undefined;
  /** Aborted when the engine cancels the operation (Ctrl-C): every lookup in flight stops. */
  private readonly cancelled = new AbortController();

  constructor(
    private readonly env: Environment = process.env,
    logger?: ProviderLogger,
  ) {
    const hide = (m: string): string => this.hidden.hide(m);
    this.log = logger && {
      debug: (m) => logger.debug(hide(m)),
      info: (m) => logger.info(hide(m)),
      warn: (m) => logger.warn(hide(m)),
    };
  }

  /** Stops every lookup in flight and every later one: the engine cancelled the operation. */
  cancel(): void {
    this.cancelled.abort();
  }

  /** Receives the stack configuration (secrets decrypted) from the engine. */
  configure(req: dynamic.ConfigureRequest): Promise<void> {
    this.config = (key) => req.config.get(key);
    // New settings: answers read with the old ones are not reused.
    this.clients.clear();
    this.tokens.clear();
    this.lookups.clear();
    this.lists.clear();
    return Promise.resolve();
  }

  /**
   * Retrieves the group named by `props`; concurrent and repeated reads of one group share one GET.
   *
   * A read for the program (its props are the lookup's inputs) enforces `expect` and fails on a
   * missing group unless `ifExists`. A refresh (its props are the last recorded outputs, which
   * hold `found`) records what is there now: a group that no longer exists is dropped from state
   * with a warning, and `expect` is left to the program, which states the current one.
   *
   * Props of `kind: "list"` (a `getGroups` lookup) read every group of the scope instead, in one GET
   * per scope and token, under the same rules.
   */
  async read(id: string, props: GroupProps): Promise<dynamic.ReadResult<GroupOutputs>>;
  async read(id: string, props: ListProps): Promise<dynamic.ReadResult<ListOutputs>>;
  async read(
    id: string,
    props: GroupProps | ListProps | undefined,
  ): Promise<dynamic.ReadResult<GroupOutputs | ListOutputs>>;
  async read(
    id: string,
    props: GroupProps | ListProps | undefined,
  ): Promise<dynamic.ReadResult<GroupOutputs | ListOutputs>> {
    if (props?.secret === true) this.hidden.add(props.organization, "group" in props ? props.group : undefined);
    try {
      if (props === undefined) throw new Error(`Turso group lookup ${id} has no properties to read with.`);
      if (typeof props.refuse === "string") {
        throw new TursoInputError("kind" in props ? "getGroups" : "getGroup", "refused by the program", props.refuse);
      }
      if ("kind" in props && props.kind === "list") {
        return await readList(id, props, {
          list: (scope, tokenFrom) => this.fetchList(scope, tokenFrom),
          warn: (message) => this.log?.warn(message),
        });
      }
      return await this.readGroup(id, props as GroupProps);
    } catch (err) {
      throw asReadFailure(this.hidden.hideIn(err));
    }
  }

  private async readGroup(id: string, props: GroupProps): Promise<dynamic.ReadResult<GroupOutputs>> {
    // The recorded outputs hold `primary` (every version wrote it); a program's inputs never do.
    const refresh = "primary" in props || "found" in props;
    const ref: GroupRef = {
      organization: props.organization ?? undefined,
      group: props.group,
      organizationSource: props.organizationSource ?? undefined,
    };
    let group: Group | undefined;
    try {
      group = await this.fetch(ref, props.tokenFrom ?? undefined);
    } catch (err) {
      if (!(err instanceof TursoNotFoundError)) throw err;
      if (props.ifExists === true && err.missing === "group") group = undefined;
      else if (refresh) {
        return droppedByRefresh<GroupOutputs>(id, err, (message) => this.log?.warn(message));
      } else throw err;
    }
    if (group !== undefined && !refresh) checkPlacement(ref, group, props.expect ?? undefined);
    return { id, props: recorded(props, group) };
  }

  /** One GET per group and token per process, shared by concurrent and repeated reads. */
  private fetch(ref: GroupRef, tokenFrom: TokenSource | undefined): Promise<Group> {
    const [account, client] = this.client(tokenFrom);
    return once(this.lookups, JSON.stringify([account, ref.organization ?? null, ref.group]), () =>
      client.getGroup(ref),
    );
  }

  /** One GET per scope and token per process, shared by concurrent and repeated list reads. */
  private fetchList(scope: ScopeRef, tokenFrom: TokenSource | undefined): Promise<Group[]> {
    const [account, client] = this.client(tokenFrom);
    return once(this.lists, JSON.stringify([account, scope.organization ?? null]), () => client.listGroups(scope));
  }

  /**
   * Every token this process knows, which no answer may carry and no message may show: the
   * default one (`turso:apiToken` / `TURSO_API_TOKEN`) and each `tokenFrom` token used so far.
   */
  private knownTokens(): string[] {
    const fallback = findToken(this.config, this.env)?.token;
    return [...this.tokens, ...(fallback === undefined ? [] : [fallback])];
  }

  /** The client of a token source (the default one under ""), made on first use. */
  private client(tokenFrom: TokenSource | undefined): [string, TursoClient] {
    const account = tokenFrom === undefined ? "" : JSON.stringify([tokenFrom.config ?? null, tokenFrom.env ?? null]);
    let client = this.clients.get(account);
    if (client === undefined) {
      const settings = resolveSettings(this.config, this.env, tokenFrom);
      this.tokens.add(settings.token);
      client = new TursoClient({
        ...settings,
        otherTokens: () => this.knownTokens(),
        signal: this.cancelled.signal,
        ...(this.log ? { logger: this.log } : {}),
      });
      this.clients.set(account, client);
    }
    return [account, client];
  }
}

/** The request under `key`, made once; a failed one is not kept: a later read (a refresh) asks again. */
function once<T>(cache: Map<string, Promise<T>>, key: string, request: () => Promise<T>): Promise<T> {
  let pending = cache.get(key);
  if (pending === undefined) {
    pending = request();
    cache.set(key, pending);
    pending.catch(() => cache.delete(key));
  }
  return pending;
}

/** The group fields of an absent `ifExists` group. */
const ABSENT = {
  name: null,
  locations: null,
  primary: null,
  uuid: null,
  version: null,
  deleteProtection: null,
  archived: null,
} as const;

/** The outputs a read records: the group (or its absence) and the props it was read with. */
function recorded(props: GroupProps, group: Group | undefined): GroupOutputs {
  return {
    group: props.group,
    organization: props.organization ?? null,
    ...(group === undefined ? ABSENT : recordedGroup(group)),
    found: group !== undefined,
    expect: props.expect ?? null,
    ifExists: props.ifExists ?? null,
    organizationSource: props.organizationSource ?? null,
    tokenFrom: props.tokenFrom ?? null,
    ...(props.secret === true ? { secret: true } : {}),
  };
}

let shared: ProviderRuntime | undefined;

/** The runtime of this provider process; it stops its lookups when the engine sends `Cancel`. */
export function runtime(): ProviderRuntime {
  if (shared === undefined) {
    const made = (shared = new ProviderRuntime(process.env, processLogger()));
    onEngineCancel(() => made.cancel());
  }
  return shared;
}

/**
 * The provider process's log. Each request (method, token-free URL, status, attempt, duration)
 * goes to the engine at debug level (`pulumi preview --debug`), retries at info level; without an
 * engine connection, to stderr, requests only when `TURSO_LOG=debug`.
 */
function processLogger(): ProviderLogger {
  const engine = engineLogger(engineAddress(process.argv.slice(2)));
  const debugToStderr = process.env["TURSO_LOG"] === "debug";
  return {
    debug: (message) => {
      engine?.debug(message);
      if (debugToStderr) process.stderr.write(`[turso] ${message}\n`);
    },
    info: (message) => (engine ? engine.info(message) : process.stderr.write(`[turso] ${message}\n`)),
    warn: (message) => (engine ? engine.warn(message) : process.stderr.write(`[turso] warning: ${message}\n`)),
  };
}
