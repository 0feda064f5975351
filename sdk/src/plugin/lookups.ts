/**
 * The plugin's lookups: what an invoke of getGroup, findGroup, getGroups or getLocations does, over the core (settings,
 * client, placement, regions). One instance per plugin process, and so per `pulumi preview` or
 * `up`: the provider config arrives by `configure`, a distinct lookup makes one request however
 * often it is invoked, and `cancel` stops every request in flight and every later one.
 */
import { groupResult, locationResult, type GetGroupResult, type LocationResult } from "../core/lookup/result";
import type { Group } from "../core/client/parse";
import { TursoNotFoundError } from "../core/errors";
import { checkPlacement } from "../core/placement";
import type { ConfigLookup, Environment } from "../core/settings";
import { LookupClients } from "../core/lookup/clients";
import { HiddenNames } from "../core/lookup/hidden";
import type { EngineLogger } from "../core/engineLog";
import { groupArgs, listArgs, locationsArgs, type ArgsContext, type GroupArgs } from "./args";
import type { ProviderConfig } from "./configure";
import { PACKAGE } from "./schema";

/** A group as getGroup and getGroups return it: the core's result, as the data source gives it. */
export type GroupResult = GetGroupResult;

/** What findGroup returns: whether the group exists, and the group when it does. */
export interface FindGroupOutputs {
  readonly found: boolean;
  readonly group?: GroupResult;
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

/** The lookups of one plugin process. */
export class PluginLookups {
  private config: ConfigLookup = () => undefined;
  private isSecret: (key: string) => boolean = () => false;
  /** The names of the secret lookups so far, which no message shows. */
  private readonly hidden = new HiddenNames();
  /** The clients per token, their shared requests and the cancellation (the core's, as the data source's). */
  private readonly api: LookupClients;

  /**
   * @param env - the process's environment, for the `TURSO_*` fallbacks
   * @param logger - where each request (debug) and retry (info) goes: the engine, as for the data
   * source; a secret lookup's names are hidden from it
   */
  constructor(
    private readonly env: Environment = process.env,
    logger?: EngineLogger,
  ) {
    this.api = new LookupClients(env, PACKAGE, logger && this.hidden.inLogger(logger));
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
   * getGroup: the group, its placement checked against `expect`. With `secret` (an argument was a
   * secret), no message names the organization or group, and the answer is secret.
   */
  async getGroup(raw: Record<string, unknown>, secret = false): Promise<Answer<GroupResult>> {
    const args = groupArgs(raw, this.context(secret), "getGroup");
    return { outputs: await this.group(args, false), secret: args.secret };
  }

  /** findGroup: as getGroup, but a group that does not exist gives `found: false` instead of failing. */
  async findGroup(raw: Record<string, unknown>, secret = false): Promise<Answer<FindGroupOutputs>> {
    const args = groupArgs(raw, this.context(secret), "findGroup");
    const group = await this.group(args, true);
    return { outputs: group === undefined ? { found: false } : { found: true, group }, secret: args.secret };
  }

  /** The group `args` name, or (`ifExists`) undefined when it does not exist. */
  private group(args: GroupArgs, ifExists: false): Promise<GroupResult>;
  private group(args: GroupArgs, ifExists: true): Promise<GroupResult | undefined>;
  private async group(args: GroupArgs, ifExists: boolean): Promise<GroupResult | undefined> {
    const { ref, tokenFrom, expect } = args;
    if (args.secret) this.hidden.add(ref.organization, ref.group);
    try {
      let group: Group;
      try {
        // A secret lookup's error names no other group of the organization; an ifExists one has none.
        group = await this.api.group(ref, tokenFrom, !args.secret && !ifExists);
      } catch (err) {
        if (ifExists && err instanceof TursoNotFoundError && err.missing === "group") return undefined;
        throw err;
      }
      checkPlacement(ref, group, expect);
      return groupResult({ ...group, organization: ref.organization });
    } catch (err) {
      throw this.hidden.hideIn(err);
    }
  }

  /** getGroups: every group of the scope, sorted by name; `secret` as for {@link getGroup}. */
  async getGroups(raw: Record<string, unknown>, secret = false): Promise<Answer<GetGroupsOutputs>> {
    const args = listArgs(raw, this.context(secret));
    const { scope, tokenFrom } = args;
    if (args.secret) this.hidden.add(scope.organization);
    try {
      const groups = await this.api.list(scope, tokenFrom);
      const sorted = [...groups].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      const outputs = {
        ...(scope.organization === undefined ? {} : { organization: scope.organization }),
        groups: sorted.map((g) => groupResult({ ...g, organization: scope.organization })),
      };
      return { outputs, secret: args.secret };
    } catch (err) {
      throw this.hidden.hideIn(err);
    }
  }

  /** getLocations: every location the API offers, sorted by code, each with its region. */
  async getLocations(raw: Record<string, unknown>): Promise<Answer<{ locations: LocationResult[] }>> {
    const offered = await this.api.locations(locationsArgs(raw));
    const locations = offered.map(locationResult);
    return { outputs: { locations }, secret: false };
  }

  private context(secret: boolean): ArgsContext {
    return { config: this.config, env: this.env, isSecret: this.isSecret, secret };
  }
}
