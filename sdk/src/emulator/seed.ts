import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { parseFault, type Fault } from "./faults";

/** A group as a seed describes it; `uuid`, `version` and `delete_protection` are optional. */
export interface SeedGroup {
  /** The group's name, unique in its organization. */
  readonly name: string;
  /** The primary location; one of `locations`. */
  readonly primary: string;
  /** Every location, the primary included. */
  readonly locations: readonly string[];
  /** @default a stable UUID derived from the organization and the name */
  readonly uuid?: string;
  /** @default "v0.24.32" */
  readonly version?: string;
  /** @default false */
  readonly delete_protection?: boolean;
  /** Sent only when set (the older field some responses still carry). */
  readonly archived?: boolean;
}

/** A user: their token, and the organizations they belong to besides their personal account. */
export interface SeedUser {
  /** The user's name, which is also the slug of their personal account. */
  readonly name: string;
  /** The bearer token that authenticates as this user. */
  readonly token: string;
  /** Organizations the user is a member of, besides the personal account. */
  readonly organizations?: readonly string[];
}

/** An organization (or personal account) of a seed. */
export interface SeedOrganization {
  /** The organization's groups. */
  readonly groups: readonly SeedGroup[];
}

/**
 * The emulator's state. A user's personal account is the organization whose slug is the user's
 * name. Faults and a latency may be set from the start.
 */
export interface Seed {
  /** The users and their tokens. */
  readonly users: readonly SeedUser[];
  /** Organizations (personal accounts included) by slug, each with its groups. */
  readonly organizations: Readonly<Record<string, SeedOrganization>>;
  /** Faults active from the start. */
  readonly faults?: readonly Fault[];
  /** Latency added to every API request. @default 0 */
  readonly latencyMs?: number;
}

/** A group as the API returns it: every field present. */
export interface ApiGroup {
  /** The group's name. */
  name: string;
  /** The group's UUID. */
  uuid: string;
  /** The libSQL server version. */
  version: string;
  /** Every location, the primary included. */
  locations: string[];
  /** The primary location. */
  primary: string;
  /** Whether the group is protected from deletion. */
  delete_protection: boolean;
  /** The older archived flag, when seeded. */
  archived?: boolean;
}

/** The seed `npm run demo` and `npm run emulator` use when given none. */
export const DEFAULT_SEED: Seed = {
  users: [
    { name: "demo", token: "demo-token", organizations: ["acme"] },
    { name: "outsider", token: "outsider-token" },
  ],
  organizations: {
    demo: { groups: [{ name: "default", primary: "fra", locations: ["fra", "ams"] }] },
    acme: {
      groups: [
        { name: "prod", primary: "aws-eu-west-1", locations: ["aws-eu-west-1", "aws-us-east-1"] },
        { name: "staging", primary: "iad", locations: ["iad"] },
      ],
    },
    outsider: { groups: [] },
  },
};

/** A seed entry that is not usable; the message names it. */
export class SeedError extends Error {
  /** Always `"SeedError"`. */
  override name = "SeedError";
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const isName = (v: unknown): v is string => typeof v === "string" && v.length > 0 && !v.includes("/");

/** A stable UUID for a group that has none, so repeated runs see the same value. */
export function stableUuid(organization: string, group: string): string {
  const h = createHash("sha1").update(`${organization}/${group}`).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function group(where: string, organization: string, raw: unknown): ApiGroup {
  if (!isRecord(raw)) throw new SeedError(`${where} must be an object`);
  const { name, primary, locations, uuid, version, delete_protection: dp, archived } = raw;
  if (!isName(name)) throw new SeedError(`${where}.name must be a non-empty string without "/"`);
  if (
    !Array.isArray(locations) ||
    locations.length === 0 ||
    !locations.every((l) => typeof l === "string" && l !== "")
  ) {
    throw new SeedError(`${where}.locations must be a non-empty array of location codes`);
  }
  if (typeof primary !== "string" || !locations.includes(primary)) {
    throw new SeedError(`${where}.primary must be one of its locations (${locations.join(", ")})`);
  }
  if (uuid !== undefined && typeof uuid !== "string") throw new SeedError(`${where}.uuid must be a string`);
  if (version !== undefined && typeof version !== "string") throw new SeedError(`${where}.version must be a string`);
  if (dp !== undefined && typeof dp !== "boolean") throw new SeedError(`${where}.delete_protection must be a boolean`);
  if (archived !== undefined && typeof archived !== "boolean")
    throw new SeedError(`${where}.archived must be a boolean`);
  return {
    name,
    uuid: uuid ?? stableUuid(organization, name),
    version: version ?? "v0.24.32",
    locations: [...(locations as string[])],
    primary,
    delete_protection: dp ?? false,
    ...(archived === undefined ? {} : { archived }),
  };
}

/** The validated state of a seed. */
export interface State {
  /** token → user name */
  readonly tokens: Map<string, string>;
  /** user name → organizations the user may read (the personal one included) */
  readonly members: Map<string, Set<string>>;
  /** organization → group name → group */
  readonly organizations: Map<string, Map<string, ApiGroup>>;
}

/** Validates a seed (from a file, so typed `unknown`) and builds the emulator's state from it. */
export function loadSeed(raw: unknown): State {
  if (!isRecord(raw)) throw new SeedError("seed must be a JSON object with users and organizations");
  if (!Array.isArray(raw["users"])) throw new SeedError("seed.users must be an array");
  if (!isRecord(raw["organizations"])) throw new SeedError("seed.organizations must be an object");
  const organizations = new Map<string, Map<string, ApiGroup>>();
  for (const [slug, org] of Object.entries(raw["organizations"])) {
    const where = `seed.organizations[${JSON.stringify(slug)}]`;
    if (!isName(slug)) throw new SeedError(`${where}: the slug must be non-empty and without "/"`);
    if (!isRecord(org) || !Array.isArray(org["groups"])) throw new SeedError(`${where}.groups must be an array`);
    const groups = new Map<string, ApiGroup>();
    org["groups"].forEach((g: unknown, i) => {
      const parsed = group(`${where}.groups[${i}]`, slug, g);
      if (groups.has(parsed.name)) throw new SeedError(`${where}.groups[${i}]: group "${parsed.name}" appears twice`);
      groups.set(parsed.name, parsed);
    });
    organizations.set(slug, groups);
  }
  const tokens = new Map<string, string>();
  const members = new Map<string, Set<string>>();
  raw["users"].forEach((u: unknown, i) => {
    const where = `seed.users[${i}]`;
    if (!isRecord(u)) throw new SeedError(`${where} must be an object`);
    const { name, token, organizations: orgs = [] } = u;
    if (!isName(name)) throw new SeedError(`${where}.name must be a non-empty string without "/"`);
    if (typeof token !== "string" || token === "") throw new SeedError(`${where}.token must be a non-empty string`);
    if (tokens.has(token)) throw new SeedError(`${where}.token is already the token of user "${tokens.get(token)}"`);
    if (!Array.isArray(orgs) || !orgs.every((o) => typeof o === "string")) {
      throw new SeedError(`${where}.organizations must be an array of organization slugs`);
    }
    for (const o of orgs) {
      if (!organizations.has(o)) throw new SeedError(`${where}.organizations: "${o}" is not in seed.organizations`);
    }
    // The personal account exists even when the seed lists no groups for it.
    if (!organizations.has(name)) organizations.set(name, new Map());
    tokens.set(token, name);
    members.set(name, new Set([name, ...orgs]));
  });
  return { tokens, members, organizations };
}

/** Validates one group given at run time through the admin route. */
export function parseGroup(organization: string, raw: unknown, where = "group"): ApiGroup {
  return group(where, organization, raw);
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

/** Validates a seed: its state, and the faults and latency it sets from the start. */
export function readSeed(seed: Seed | string | undefined): {
  raw: unknown;
  state: State;
  faults: Fault[];
  latencyMs: number;
} {
  const raw = rawSeed(seed);
  try {
    const r = raw as { faults?: unknown; latencyMs?: unknown };
    if (r.latencyMs !== undefined && !(typeof r.latencyMs === "number" && r.latencyMs >= 0)) {
      throw new SeedError("seed.latencyMs must be a number of milliseconds");
    }
    if (r.faults !== undefined && !Array.isArray(r.faults)) throw new SeedError("seed.faults must be an array");
    const faults = (r.faults ?? []).map((f: unknown, i: number) => {
      try {
        return parseFault(f, `seed.faults[${i}]`);
      } catch (err) {
        throw new SeedError((err as Error).message);
      }
    });
    return { raw, state: loadSeed(raw), faults, latencyMs: (r.latencyMs as number | undefined) ?? 0 };
  } catch (err) {
    if (err instanceof SeedError && typeof seed === "string") throw new SeedError(`${seed}: ${err.message}`);
    throw err;
  }
}
