/**
 * The lookups of one process, whichever front asks (the data source's provider process, the
 * plugin): a group, a scope's groups, the offered locations, each by the same rules. A lookup may
 * come with names to hide (a secret lookup's organization and group, or names the front cannot
 * tell from secrets): from then on, no message, no log line and no later lookup's message of this
 * process shows them, and no error suggests another group of that organization.
 */
import type { ClientLogger } from "../client/http";
import type { Group, Location } from "../client/parse";
import type { ConfigLookup, Environment, TokenSource } from "../settings";
import { LookupClients } from "./clients";
import { lookUpGroup } from "./group";
import { HiddenNames } from "./hidden";
import { byName, type GroupQuery, type ScopeQuery } from "./query";

/** Which of a lookup's names no message may show, and what a message that hides one adds. */
export interface Hiding {
  /** The names to hide (the organization, the group; an absent one is skipped). */
  readonly names: readonly (string | undefined)[];
  /** A sentence appended to an error whose message hid one of them: why, and what to do. */
  readonly hint?: string;
}

/** The lookups of one process, over one set of API clients. */
export class Lookups {
  private readonly hidden = new HiddenNames();
  private readonly api: LookupClients;

  /**
   * @param env - the process's environment, for the `TURSO_*` fallbacks
   * @param namespace - the config namespace of the settings (`turso`, or the plugin's `turso-group`)
   * @param logger - where each request (debug) and retry (info) goes; hidden names never reach it
   */
  constructor(env: Environment, namespace?: string, logger?: ClientLogger) {
    const hide = (text: string): string => this.hidden.hide(text);
    const hiding: ClientLogger | undefined = logger && {
      debug: (line) => logger.debug(hide(line)),
      info: (line) => logger.info(hide(line)),
    };
    this.api = new LookupClients(env, namespace, hiding, hide);
  }

  /** New settings: clients and answers made with the old ones are not reused. */
  configure(config: ConfigLookup): void {
    this.api.configure(config);
  }

  /** Stops every request in flight and every later one: the engine cancelled the operation. */
  cancel(): void {
    this.api.cancel();
  }

  /**
   * The group `query` asks for, undefined for a missing one with `ifExists`; its placement checked
   * unless `refresh`. A suggestion for a missing group only when nothing is hidden and not on refresh.
   */
  group(query: GroupQuery, hiding?: Hiding, refresh = false): Promise<Group | undefined> {
    return this.run(hiding, () => lookUpGroup(this.api, query, { refresh, namesShown: !this.hides(hiding) }));
  }

  /** Every group of the scope, sorted by name: one GET per scope and token. */
  groups(query: ScopeQuery, hiding?: Hiding): Promise<Group[]> {
    return this.run(hiding, async () => byName(await this.api.list(query.scope, query.tokenFrom)));
  }

  /** Every location the API offers, sorted by code: one GET per token. */
  locations(tokenFrom: TokenSource | undefined): Promise<Location[]> {
    return this.run(undefined, () => this.api.locations(tokenFrom));
  }

  private hides(hiding: Hiding | undefined): boolean {
    return hiding !== undefined && hiding.names.some((n) => n !== undefined && n !== "");
  }

  /** `read`, its names hidden from now on when `hiding` says so, its errors hiding every hidden name. */
  private async run<T>(hiding: Hiding | undefined, read: () => Promise<T>): Promise<T> {
    if (hiding !== undefined) this.hidden.add(...hiding.names);
    try {
      return await read();
    } catch (err) {
      if (!(err instanceof Error)) throw err;
      const before = err.message;
      this.hidden.hideIn(err);
      if (hiding?.hint !== undefined && err.message !== before) err.message = `${err.message} ${hiding.hint}`;
      throw err;
    }
  }
}
