/**
 * The plugin's lookups: what an invoke of getGroup, findGroup, getGroups or getLocations does, over
 * the core's lookups (core/lookup). One instance per plugin process, and so per `pulumi preview` or
 * `up`: the provider config arrives by `configure`, a distinct lookup makes one request however
 * often it is invoked, and `cancel` stops every request in flight and every later one.
 */
import { groupResult, locationResult, type GetGroupResult, type LocationResult } from "../core/lookup/result";
import type { Group } from "../core/client/parse";
import type { GroupQuery } from "../core/lookup/query";
import type { ConfigLookup, Environment } from "../core/settings";
import { Lookups } from "../core/lookup/lookups";
import type { EngineLogger } from "../core/engineLog";
import { groupArgs, listArgs, locationsArgs, type ArgsContext } from "./args";
import type { ProviderConfig } from "./configure";
import { PACKAGE } from "./schema";

/** A group as getGroup and getGroups return it: the core's result, as the data source gives it. */
export type GroupResult = GetGroupResult;

/** What findGroup returns: whether the group exists, and the group when it does. */
export interface FindGroupOutputs {
  readonly found: boolean;
  readonly group?: GroupResult;
}

/** A group as the plugin answers it: the core's result, with the organization it was looked up in. */
function result(group: Group, query: GroupQuery): GroupResult {
  return groupResult({ ...group, organization: query.ref.organization });
}

/** An invoke's outputs, and whether they are secret (a secret argument or default organization). */
export interface Answer<T> {
  readonly outputs: T;
  readonly secret: boolean;
}

/** What getGroups returns. */
export interface GetGroupsOutputs {
  readonly organization?: string;
  readonly groups: GroupResult[];
}

/** The lookups of one plugin process: the core's, with the plugin's arguments and secrecy rules (args.ts). */
export class PluginLookups {
  private config: ConfigLookup = () => undefined;
  private isSecret: (key: string) => boolean = () => false;
  /** The core's lookups: clients per token, shared requests, cancellation, hidden names. */
  private readonly api: Lookups;

  /**
   * @param env - the process's environment, for the `TURSO_*` fallbacks
   * @param logger - where each request (debug) and retry (info) goes: the engine, as for the data
   * source; hidden names never reach it
   */
  constructor(
    private readonly env: Environment = process.env,
    logger?: EngineLogger,
  ) {
    this.api = new Lookups(env, PACKAGE, logger);
  }

  /** New provider config: clients and answers made with the old one are not reused. */
  configure(config: ProviderConfig): void {
    this.config = (key) => config.values.get(key);
    this.isSecret = (key) => config.secrets.has(key);
    this.api.configure(this.config);
  }

  /** Stops every request in flight and every later one: the engine cancelled the operation. */
  cancel(): void {
    this.api.cancel();
  }

  /**
   * getGroup: the group, its placement checked against `expect`; a group that does not exist fails.
   * With `secret` (an argument arrived marked secret) or a secret default organization, the answer
   * is secret; names are hidden by the rules of args.ts.
   */
  async getGroup(raw: Record<string, unknown>, secret = false): Promise<Answer<GroupResult>> {
    const { query, hiding, secret: secretAnswer } = groupArgs(raw, this.context(secret), "getGroup");
    const group = await this.api.group(query, hiding);
    if (group === undefined) throw new Error("a getGroup lookup has no ifExists, so its group is never absent");
    return { outputs: result(group, query), secret: secretAnswer };
  }

  /** findGroup: as getGroup, but a group that does not exist gives `found: false` instead of failing. */
  async findGroup(raw: Record<string, unknown>, secret = false): Promise<Answer<FindGroupOutputs>> {
    const { query, hiding, secret: secretAnswer } = groupArgs(raw, this.context(secret), "findGroup");
    const group = await this.api.group({ ...query, ifExists: true }, hiding);
    const outputs: FindGroupOutputs =
      group === undefined ? { found: false } : { found: true, group: result(group, query) };
    return { outputs, secret: secretAnswer };
  }

  /** getGroups: every group of the scope, sorted by name; secrecy as for {@link getGroup}. */
  async getGroups(raw: Record<string, unknown>, secret = false): Promise<Answer<GetGroupsOutputs>> {
    const { query, hiding, secret: secretAnswer } = listArgs(raw, this.context(secret));
    const { organization } = query.scope;
    const groups = await this.api.groups(query, hiding);
    const outputs = {
      ...(organization === undefined ? {} : { organization }),
      groups: groups.map((g) => groupResult({ ...g, organization })),
    };
    return { outputs, secret: secretAnswer };
  }

  /** getLocations: every location the API offers, sorted by code, each with its region. */
  async getLocations(raw: Record<string, unknown>): Promise<Answer<{ locations: LocationResult[] }>> {
    const offered = await this.api.locations(locationsArgs(raw));
    return { outputs: { locations: offered.map(locationResult) }, secret: false };
  }

  private context(secret: boolean): ArgsContext {
    return { config: this.config, env: this.env, isSecret: this.isSecret, secret };
  }
}
