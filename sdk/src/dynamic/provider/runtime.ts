/**
 * The provider's implementation, loaded in the dynamic-provider process by the provider text
 * (provider.ts: from the folder of the copy that registered the lookup, or as
 * `pulumi-turso-group/internal/provider`, as earlier texts do). Internal: not part of the public API.
 *
 * One runtime per provider process, and so per `pulumi preview`, `up` or `refresh`: the settings
 * and the token are read here, at run time, and concurrent reads of one group share one request.
 */
import type * as dynamic from "@pulumi/pulumi/dynamic";
import type { ClientLogger } from "../../core/client/http";
import { engineAddress, engineLogger } from "../../core/engineLog";
import { TursoInputError } from "../../core/errors";
import { asReadFailure, DroppedByRefresh, quietReadFailures } from "./failure";
import { readGroup, type GroupProps, type GroupSource } from "./readGroup";
import { CONTRACT, isLookupProps, stored, type AnyQuery, type LocationsQuery, type LookupProps } from "./lookup";
import { readFlat, type GroupOutputs } from "./flat";
import { onEngineCancel } from "./cancel";
import { Lookups } from "../../core/lookup/lookups";
import { listGroups, type ListOutputs, type ListProps, type ListSource } from "./readList";
import type { Environment } from "../../core/settings";

export type { GroupProps } from "./readGroup";

/** What a read is given: a contract-2 lookup's props, or an earlier contract's flat props. */
export type ReadProps = LookupProps | GroupProps | ListProps;
/** What a read answers, in the shape of what it was given. */
export type ReadOutputs = LookupProps | GroupOutputs | ListOutputs;

/** The provider contract this runtime speaks: the provider text loads a copy whose `contract` is at least its own. */
export const contract = CONTRACT;

/** A lookup the program refused after the call fails its read with the reason, and makes no request. */
function refuseIfRefused(props: GroupProps | ListProps): void {
  if (typeof props.refuse === "string") {
    throw new TursoInputError("kind" in props ? "getGroups" : "getGroup", "refused by the program", props.refuse);
  }
}

/** The provider process's log: the client's lines, and warnings (a lookup dropped by refresh). */
export interface ProviderLogger extends ClientLogger {
  warn(message: string): void;
}

export class ProviderRuntime {
  /**
   * The core's lookups (as the plugin's): their clients, shared requests and cancellation, and the
   * names of this process's secret lookups, which no message or log line shows.
   */
  private readonly api: Lookups;

  constructor(
    env: Environment = process.env,
    private readonly log?: ProviderLogger,
  ) {
    this.api = new Lookups(env, undefined, log);
  }

  /** Stops every lookup in flight and every later one: the engine cancelled the operation. */
  cancel(): void {
    this.api.cancel();
  }

  /** Receives the stack configuration (secrets decrypted) from the engine. */
  configure(req: dynamic.ConfigureRequest): Promise<void> {
    this.api.configure((key) => req.config.get(key));
    return Promise.resolve();
  }

  /**
   * Retrieves the group named by `props`; concurrent and repeated reads of one group share one GET.
   *
   * A read for the program (its props are the lookup's inputs) enforces `expect` and fails on a
   * missing group unless `ifExists`. A refresh (its props are the last recorded outputs, which
   * hold the result) records what is there now: a group that no longer exists is dropped from
   * state with a warning, and `expect` is left to the program, which states the current one.
   *
   * Props of `kind: "list"` (a `getGroups` lookup) read every group of the scope instead, in one GET
   * per scope and token, under the same rules.
   *
   * Contract 2's props (`{ lookup }`) are answered in that shape; the flat props of earlier
   * contracts in theirs, and a refresh of them records exactly the fields they recorded, so that
   * an upgrade alone changes nothing in state.
   */
  async read(id: string, props: GroupProps): Promise<dynamic.ReadResult<GroupOutputs>>;
  async read(id: string, props: ListProps): Promise<dynamic.ReadResult<ListOutputs>>;
  async read(id: string, props: LookupProps): Promise<dynamic.ReadResult<LookupProps>>;
  async read(id: string, props: ReadProps | undefined): Promise<dynamic.ReadResult<ReadOutputs>>;
  async read(id: string, props: ReadProps | undefined): Promise<dynamic.ReadResult<ReadOutputs>> {
    try {
      if (props === undefined || props === null || typeof props !== "object") {
        throw new TursoInputError(
          "id",
          "a lookup is a read",
          `The Turso lookup ${id} has no properties to read with: a lookup is a read that a program makes with getGroup or getGroups, and cannot be imported (remove it from the import).`,
        );
      }
      if (isLookupProps(props)) return { id, props: { lookup: await this.readLookup(id, props.lookup) } };
      return { id, props: await this.readFlat(id, props) };
    } catch (err) {
      if (err instanceof DroppedByRefresh) return { id: "", props: {} as LookupProps };
      throw asReadFailure(err);
    }
  }

  /** A contract-2 lookup: the query, and the result (a refresh's props hold one already). */
  private async readLookup(id: string, query: AnyQuery): Promise<AnyQuery> {
    const { result, ...asked } = query;
    const refresh = result !== undefined;
    if ("kind" in asked && asked.kind === "locations") {
      return { ...(asked as LocationsQuery), result: await this.api.locations(asked.tokenFrom ?? undefined) };
    }
    refuseIfRefused(asked as GroupProps | ListProps);
    if ("kind" in asked && asked.kind === "list") {
      return { ...asked, result: (await listGroups(id, asked, refresh, this.listSource())).map(stored) };
    }
    const group = await readGroup(id, asked as GroupProps, refresh, this.groupSource());
    return { ...(asked as GroupProps), result: group === undefined ? null : stored(group) };
  }

  /** A lookup of an earlier contract, whose props are flat (flat.ts). */
  private readFlat(id: string, props: GroupProps | ListProps): Promise<GroupOutputs | ListOutputs> {
    refuseIfRefused(props);
    return readFlat(id, props, {
      group: (group, refresh) => readGroup(id, group, refresh, this.groupSource()),
      list: (list, refresh) => listGroups(id, list, refresh, this.listSource()),
    });
  }

  private groupSource(): GroupSource {
    return {
      group: (query, hiding, refresh) => this.api.group(query, hiding, refresh),
      warn: (message) => this.log?.warn(message),
    };
  }

  private listSource(): ListSource {
    return {
      groups: (query, hiding) => this.api.groups(query, hiding),
      warn: (message) => this.log?.warn(message),
    };
  }
}

let shared: ProviderRuntime | undefined;

/** The runtime of this provider process; it stops its lookups when the engine sends `Cancel`. */
export function runtime(): ProviderRuntime {
  if (shared === undefined) {
    const made = (shared = new ProviderRuntime(process.env, processLogger()));
    onEngineCancel(() => made.cancel());
    quietReadFailures();
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
