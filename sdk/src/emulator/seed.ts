import type { ApiKey } from "../core/client/group";
import type { Fault } from "./faults";

/**
 * A group as a seed describes it; `uuid`, `version`, `delete_protection` and `archived` are
 * optional. Any other key is sent in the group as it is (a field the API added, or one a test
 * needs), unless it is so close to one of these keys that it is taken for a typo of it.
 */
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
  /** The older flag the API still sends. @default false */
  readonly archived?: boolean;
  /** Extra fields, sent as they are after the ones above. */
  readonly [extra: string]: unknown;
}

/**
 * A token restricted as Turso's API tokens are: to one organization, or to one group of it with
 * a set of scopes (only `read` lets a token use the routes the emulator serves).
 */
export interface SeedApiToken {
  /** The bearer token. */
  readonly token: string;
  /** The organization it is restricted to: the user's personal account or one they belong to. */
  readonly organization: string;
  /** The group it is pinned to (a group-scoped token); absent for an organization-scoped token. */
  readonly group?: string;
  /** The operations a group-scoped token may do, e.g. `["read"]`; required with `group`. */
  readonly scopes?: readonly string[];
}

/** A user: their tokens, and the organizations they belong to besides their personal account. */
export interface SeedUser {
  /** The user's name, which is also the slug of their personal account. */
  readonly name: string;
  /** An unrestricted token (deprecated by Turso): reaches every organization of the user. */
  readonly token?: string;
  /** Organizations the user is a member of, besides the personal account. */
  readonly organizations?: readonly string[];
  /** Organization-scoped and group-scoped tokens of the user. */
  readonly apiTokens?: readonly SeedApiToken[];
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
  /**
   * The locations `GET /v1/locations` lists, code → description, replacing the default table
   * (`DEFAULT_LOCATIONS`); every group location must be one of them.
   */
  readonly locations?: Readonly<Record<string, string>>;
}

/** A group as the API returns it: every field present, then the extra fields of its seed, if any. */
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
  /** The older archived flag: false unless the seed says otherwise. */
  archived: boolean;
}

/**
 * A field added to the package's field table (core/client/group.ts) must be added to
 * {@link ApiGroup} too, with its description: this fails to compile until it is.
 */
type AnswerHasEveryField = Exclude<ApiKey, keyof ApiGroup> extends never ? true : never;
const answerHasEveryField: AnswerHasEveryField = true;
void answerHasEveryField;

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
