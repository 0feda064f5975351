/** The emulator's state built from a seed the schema has accepted, and what a schema cannot check. */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { parseFault, type Fault } from "./faults";
import { API_KEYS, type ApiKey } from "../core/client/group";
import { validate } from "./schema";
import { DEFAULT_LOCATIONS, unknownLocation } from "./locations";
import { DEFAULT_SEED, SeedError, type ApiGroup, type Seed, type SeedGroup } from "./seed";

/** What a token may reach: unrestricted (its user's organizations), one organization, or one group. */
export interface Grant {
  /** The user the token belongs to. */
  readonly user: string;
  /** The organization an organization- or group-scoped token is restricted to. */
  readonly organization?: string;
  /** The UUID of the group a group-scoped token is pinned to (not its name: a recreated group is another). */
  readonly groupUuid?: string;
  /** The scopes of a group-scoped token. */
  readonly scopes?: readonly string[];
}

/** The validated state of a seed. */
export interface State {
  /** token → what it may reach */
  readonly tokens: Map<string, Grant>;
  /** user name → organizations the user may read (the personal one included) */
  readonly members: Map<string, Set<string>>;
  /** organization → group name → group */
  readonly organizations: Map<string, Map<string, ApiGroup>>;
  /** location code → description: what `GET /v1/locations` lists, and every group location is one of */
  readonly locations: ReadonlyMap<string, string>;
  /** The UUIDs of deleted groups, never given again, so that their tokens stay revoked. */
  readonly retired: Set<string>;
}

/** A stable UUID for a group that has none, so repeated runs see the same value. */
export function stableUuid(organization: string, group: string): string {
  const h = createHash("sha1").update(`${organization}/${group}`).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * What the emulator answers for an optional field that a seed leaves out, by API key (`uuid`, made
 * per group, is given to {@link toApiGroup}); Turso's answers carry these fields.
 */
const ANSWER_DEFAULTS: Readonly<Partial<Record<ApiKey, unknown>>> = {
  version: "v0.24.32",
  delete_protection: false,
  archived: false,
};

/**
 * A group as the API returns it, from a group the schema accepted: the fields of the package's
 * field table (core/client/group.ts) in its order, defaults for the optional ones a seed leaves
 * out (`uuid` when it gives none), then the seed's extra fields as they are.
 */
export function toApiGroup(where: string, g: SeedGroup, table: ReadonlyMap<string, string>, uuid: string): ApiGroup {
  const { primary, locations } = g;
  const unknown = unknownLocation(locations, table, `${where}.locations`);
  if (unknown !== undefined) throw new SeedError(unknown);
  if (!locations.includes(primary)) {
    throw new SeedError(`${where}.primary must be one of its locations (${locations.join(", ")})`);
  }
  const seeded = g as unknown as Readonly<Record<string, unknown>>;
  const defaults: Partial<Record<ApiKey, unknown>> = { ...ANSWER_DEFAULTS, uuid };
  const fields = API_KEYS.flatMap((key) => {
    const value = key === "locations" ? [...locations] : (seeded[key] ?? defaults[key]);
    return value === undefined ? [] : [[key, value] as const];
  });
  const extra = Object.entries(seeded).filter(([key]) => !(API_KEYS as string[]).includes(key));
  return Object.fromEntries([...fields, ...extra]) as unknown as ApiGroup;
}

/** Builds the state of a seed the schema accepted; throws a SeedError naming a bad reference or a duplicate. */
export function loadSeed(seed: Seed): State {
  const locations = new Map(Object.entries(seed.locations ?? DEFAULT_LOCATIONS));
  const organizations = new Map<string, Map<string, ApiGroup>>();
  const uuids = new Map<string, string>();
  for (const [slug, org] of Object.entries(seed.organizations)) {
    const where = `seed.organizations[${JSON.stringify(slug)}]`;
    const groups = new Map<string, ApiGroup>();
    org.groups.forEach((g, i) => {
      const at = `${where}.groups[${i}]`;
      if (groups.has(g.name)) throw new SeedError(`${at}: group "${g.name}" appears twice`);
      const group = toApiGroup(at, g, locations, stableUuid(slug, g.name));
      const owner = uuids.get(group.uuid);
      if (owner !== undefined) throw new SeedError(`${at}.uuid: "${group.uuid}" is already the uuid of ${owner}`);
      uuids.set(group.uuid, `group "${g.name}" of "${slug}"`);
      groups.set(g.name, group);
    });
    organizations.set(slug, groups);
  }
  const { tokens, members } = loadUsers(seed, organizations);
  return { tokens, members, organizations, locations, retired: new Set() };
}

function loadUsers(seed: Seed, organizations: Map<string, Map<string, ApiGroup>>): Pick<State, "tokens" | "members"> {
  const tokens = new Map<string, Grant>();
  const members = new Map<string, Set<string>>();
  const addToken = (where: string, token: string, grant: Grant): void => {
    const owner = tokens.get(token);
    if (owner !== undefined) throw new SeedError(`${where} is already a token of user "${owner.user}"`);
    tokens.set(token, grant);
  };
  seed.users.forEach((u, i) => {
    const where = `seed.users[${i}]`;
    if (members.has(u.name)) throw new SeedError(`${where}.name: user "${u.name}" appears twice`);
    for (const o of u.organizations ?? []) {
      if (!organizations.has(o)) throw new SeedError(`${where}.organizations: "${o}" is not in seed.organizations`);
    }
    // The personal account exists even when the seed lists no groups for it.
    if (!organizations.has(u.name)) organizations.set(u.name, new Map());
    members.set(u.name, new Set([u.name, ...(u.organizations ?? [])]));
    if (u.token !== undefined) addToken(`${where}.token`, u.token, { user: u.name });
    u.apiTokens?.forEach((t, j) => {
      const at = `${where}.apiTokens[${j}]`;
      if (!members.get(u.name)?.has(t.organization)) {
        throw new SeedError(`${at}.organization: user "${u.name}" is not a member of "${t.organization}"`);
      }
      const pinned = t.group === undefined ? undefined : organizations.get(t.organization)?.get(t.group);
      if (t.group !== undefined && pinned === undefined) {
        throw new SeedError(`${at}.group: "${t.group}" is not a group of "${t.organization}" in the seed`);
      }
      const grant = pinned === undefined ? {} : { groupUuid: pinned.uuid, scopes: t.scopes ?? [] };
      addToken(`${at}.token`, t.token, { user: u.name, organization: t.organization, ...grant });
    });
  });
  return { tokens, members };
}

/** The seed as given: an object, a file's parsed JSON, or the default. */
function rawSeed(seed: Seed | string | undefined): unknown {
  if (seed === undefined) return DEFAULT_SEED;
  if (typeof seed !== "string") return seed;
  let text: string;
  try {
    text = readFileSync(seed, "utf8");
  } catch (err) {
    throw new SeedError(`cannot read seed file ${seed}: ${(err as Error).message}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new SeedError(`${seed} is not valid JSON: ${(err as Error).message}`);
  }
}

/**
 * Validates a seed against `sdk/schema/seed.schema.json` (unknown keys, types), then what a
 * schema cannot say (references, duplicates); returns its state, faults and latency.
 */
export function readSeed(seed: Seed | string | undefined): {
  raw: unknown;
  state: State;
  faults: Fault[];
  latencyMs: number;
} {
  const raw = rawSeed(seed);
  const label = typeof seed === "string" ? `${seed}: ` : "";
  validate(raw, "seed", (m) => new SeedError(`${label}${m}`));
  try {
    const r = raw as { faults?: unknown[]; latencyMs?: number };
    const faults = (r.faults ?? []).map((f, i) => parseFault(f, `seed.faults[${i}]`));
    return { raw, state: loadSeed(raw as Seed), faults, latencyMs: r.latencyMs ?? 0 };
  } catch (err) {
    throw new SeedError(`${label}${(err as Error).message}`);
  }
}
