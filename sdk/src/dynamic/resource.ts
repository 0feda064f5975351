import { createHash } from "node:crypto";
import * as pulumi from "@pulumi/pulumi";
import type { GroupQuery, ListQuery, LocationsProps, LocationsQuery, StoredGroup } from "./provider/lookup";
import { thisProviderText } from "./provider/provider";
import { FIELD_NAMES } from "../core/client/group";
import { recordedGroup, type ListProps, type RecordedGroup } from "./provider/readList";
import type { GroupProps } from "./provider/readGroup";
import type { TokenSource } from "../core/settings";

/** A lookup's options: where it sits in the resource tree (parent), what it waits for, whether it is secret. */
export interface LookupOptions {
  readonly parent?: pulumi.Resource | undefined;
  readonly dependsOn?: pulumi.Input<pulumi.Input<pulumi.Resource>[]> | pulumi.Input<pulumi.Resource> | undefined;
  /**
   * The inputs came from secrets: the state then names the lookup by its `ordinal` and keeps every
   * value secret.
   */
  readonly secret: boolean;
  /** A secret lookup's name and id: `secret~<ordinal>` (see `nextOrdinal`). */
  readonly ordinal?: number | undefined;
}

function digest(text: string): string {
  return createHash("sha256").update(text).digest("hex").slice(0, 16);
}

/** The name of a resource, from Pulumi's public helper where the SDK has it. */
function nameOf(resource: pulumi.Resource): string {
  const helper = (pulumi as { resourceName?: (r: pulumi.Resource) => string }).resourceName;
  return helper ? helper(resource) : String((resource as { __name?: string }).__name);
}

/** The v1 view every copy of the package may read from a group lookup (see registry.ts). */

/**
 * The read of one group: a resource of Pulumi's Node.js dynamic provider constructed with `opts.id`,
 * so the engine runs the provider's `read` during `pulumi preview` as well as `up`, records it in
 * state, re-reads it on `refresh` and forgets it on `destroy`. Its type is
 * `pulumi-nodejs:dynamic/turso:Group`; its props are `__provider` (the text that loads this copy,
 * provider.ts) and `lookup` (the query, then its result: lookup.ts).
 *
 * Its id is `organization/group` (or `group`); its name is the id, prefixed with the parent's
 * name under a parent so that two components may each read the same group, and followed by
 * `@<config key>|$<variable>` when `tokenFrom` names another account's token. When an input was a
 * secret, the id is `secret~<n>`, the ordinal of the call (see `nextOrdinal`), and every property
 * is kept secret in state.
 */
export class GroupLookup extends pulumi.CustomResource {
  declare readonly lookup: pulumi.Output<GroupQuery>;

  constructor(props: GroupProps, lookupOptions: LookupOptions) {
    const plainId = props.organization ? `${props.organization}/${props.group}` : props.group;
    const { id, name } = naming(plainId, props.tokenFrom, lookupOptions);
    super(
      GROUP_TYPE,
      name,
      lookupProps(labelled(props, id, name), lookupOptions),
      options(id, lookupOptions, ["lookup"]),
    );
  }
}

/**
 * What older copies of the package read from a lookup another copy registered (registry.ts, contract
 * v1): one Output per field, made only when such a copy asks.
 */
for (const field of [...FIELD_NAMES, "organization", "found"] as const) {
  Object.defineProperty(GroupLookup.prototype, field, {
    get(this: GroupLookup) {
      return this.lookup.apply(({ organization, result }) =>
        field === "found"
          ? result !== null
          : field === "organization"
            ? (organization ?? null)
            : (result?.[field] ?? null),
      );
    },
  });
}

const GROUP_TYPE = "pulumi-nodejs:dynamic/turso:Group";
const LIST_TYPE = "pulumi-nodejs:dynamic/turso:Groups";
const LOCATIONS_TYPE = "pulumi-nodejs:dynamic/turso:Locations";

/**
 * The query with the lookup's name as `label` when the name is not its id (under a parent, or with
 * `tokenFrom`), so that the provider's messages name the lookup as its URN does; nothing otherwise.
 */
function labelled<Q extends GroupProps | ListProps | LocationsProps>(query: Q, id: string, name: string): Q {
  return name === id ? query : { ...query, label: name };
}

/** A lookup's props: the provider text and the query, secret when an input was. */
function lookupProps(query: GroupProps | ListProps | LocationsProps, lookupOptions: LookupOptions): pulumi.Inputs {
  return { __provider: thisProviderText(), lookup: lookupOptions.secret ? pulumi.secret(query) : query };
}

/**
 * A lookup's id and name: the id is `plainId`, or `secret~<ordinal>` when an input was a secret
 * (nothing derived from the secret, which a list of guesses could confirm); the
 * name is the id, prefixed with the parent's name under a parent so that two components may each
 * read the same thing, and followed by `@<config key>|$<variable>` when `tokenFrom` names another
 * account's token (a second account's lookup is another lookup).
 */
function naming(
  plainId: string,
  tokenFrom: TokenSource | null | undefined,
  lookupOptions: LookupOptions,
): { id: string; name: string } {
  if (lookupOptions.secret && lookupOptions.ordinal === undefined) throw new Error("a secret lookup needs its ordinal");
  // "~" is in no valid organization or group name: no plain lookup can have this id.
  const id = lookupOptions.secret ? `secret~${lookupOptions.ordinal}` : plainId;
  const from = tokenFrom
    ? `@${[tokenFrom.config, tokenFrom.env && `$${tokenFrom.env}`].filter(Boolean).join("|")}`
    : "";
  return { id, name: `${lookupOptions.parent ? `${nameOf(lookupOptions.parent)}/` : ""}${id}${from}` };
}

/** The resource options of a lookup: always a read (`id`); every property secret for secret inputs. */
function options(id: string, lookupOptions: LookupOptions, secrets: readonly string[]): pulumi.CustomResourceOptions {
  return {
    id,
    ...(lookupOptions.parent ? { parent: lookupOptions.parent } : {}),
    ...(lookupOptions.dependsOn ? { dependsOn: lookupOptions.dependsOn } : {}),
    ...(lookupOptions.secret ? { additionalSecretOutputs: [...secrets] } : {}),
  };
}

/** What a copy of provider contract 2 or later reads from a list lookup: its one output. */
export interface ListLookupRead {
  readonly lookup: pulumi.Output<ListQuery>;
}

/** What every copy of the package reads from a list lookup: its one output, or an older copy's two. */
export type ListLookupOutputs = ListLookupRead | LegacyListOutputs;

/** What older copies of the package register and read for a list lookup. */
export interface LegacyListOutputs {
  readonly organization: pulumi.Output<string | null>;
  readonly groups: pulumi.Output<RecordedGroup[] | null>;
}

/**
 * The read of every group of an organization (or of the personal account), for `getGroups`: the
 * same provider as {@link GroupLookup}, with a query of `kind: "list"`. Its type is
 * `pulumi-nodejs:dynamic/turso:Groups`; its id is the organization, or `~` for the personal
 * account (never a valid organization name); its name follows {@link GroupLookup}'s rules.
 */
export class GroupList extends pulumi.CustomResource {
  declare readonly lookup: pulumi.Output<ListQuery>;

  constructor(props: ListProps, lookupOptions: LookupOptions) {
    const { id, name } = naming(props.organization ?? "~", props.tokenFrom, lookupOptions);
    super(
      LIST_TYPE,
      name,
      lookupProps(labelled(props, id, name), lookupOptions),
      options(id, lookupOptions, ["lookup"]),
    );
  }
}

Object.defineProperties(GroupList.prototype, {
  organization: {
    get(this: GroupList) {
      return this.lookup.apply((l) => l.organization ?? null);
    },
  },
  groups: {
    get(this: GroupList) {
      const full = (g: StoredGroup): RecordedGroup => recordedGroup(g);
      return this.lookup.apply((l) => (l.result ?? []).map(full));
    },
  },
});

/**
 * The read of every location the API offers, for `getLocations`: the same provider, with a query
 * of `kind: "locations"`. Its type is `pulumi-nodejs:dynamic/turso:Locations`; its id is
 * `locations`; its name follows {@link GroupLookup}'s rules (parent, `tokenFrom`).
 */
export class LocationsLookup extends pulumi.CustomResource {
  declare readonly lookup: pulumi.Output<LocationsQuery>;

  constructor(props: LocationsProps, lookupOptions: LookupOptions) {
    const { id, name } = naming("locations", props.tokenFrom, lookupOptions);
    super(LOCATIONS_TYPE, name, lookupProps(labelled(props, id, name), lookupOptions), options(id, lookupOptions, []));
  }
}

/**
 * The name a refused lookup is registered under: it discloses nothing of the inputs, which may be
 * secret or malformed.
 */
export function refusedLookupName(message: string): string {
  return `refused-${digest(message)}`;
}
