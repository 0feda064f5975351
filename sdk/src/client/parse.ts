import { TursoResponseError } from "../errors";
import { redact } from "./redact";

/** A Turso group as the retrieve-group endpoint describes it. */
export interface Group {
  readonly name: string;
  readonly locations: readonly string[];
  readonly primary: string;
  readonly uuid?: string;
  readonly version?: string;
  readonly deleteProtection?: boolean;
  readonly archived?: boolean;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * The API's `error` message from an error body, or an excerpt (120 characters) of a body that is
 * not JSON; through {@link redact}, so without `secrets`, credentials or escapes. Undefined when
 * nothing is left.
 */
export function apiErrorMessage(text: string, secrets: readonly string[] = []): string | undefined {
  const body = parseJson(text);
  const said =
    isRecord(body) && typeof body["error"] === "string" ? redact(body["error"], secrets) : redact(text, secrets, 120);
  return said === "" ? undefined : said;
}

type Fail = (what: string) => never;

/** Checks a 2xx body as JSON without the token, or fails. */
function parseBody(
  status: number,
  text: string,
  details: { method: string; url: string },
  secrets: readonly string[],
): { body: unknown; fail: Fail } {
  const fail: Fail = (what) => {
    throw new TursoResponseError(
      `The Turso API answered ${status} but ${what}. Retry later; if it persists, report it to Turso.`,
      { ...details, status },
    );
  };
  // A server that echoes the token would otherwise put it in state, or in this message.
  if (secrets.some((secret) => secret !== "" && text.includes(secret))) {
    fail("the body contains the API token, which must never reach state");
  }
  const body = parseJson(text);
  if (body === undefined) fail(`the body is not JSON (${JSON.stringify(redact(text, secrets, 60))})`);
  return { body, fail };
}

/** Checks one group object of a body; `at` names it in messages (`group`, `groups[3]`). */
function parseGroup(g: unknown, at: string, fail: Fail): Group {
  if (!isRecord(g)) return fail(`"${at}" is not an object`);
  const { name, locations, primary } = g;
  if (typeof name !== "string") fail(`"${at}.name" is not a string`);
  if (!Array.isArray(locations) || !locations.every((l) => typeof l === "string")) {
    fail(`"${at}.locations" is not an array of strings`);
  }
  if (typeof primary !== "string") fail(`"${at}.primary" is not a string`);
  const optional = <T>(key: string, type: "string" | "boolean"): T | undefined =>
    typeof g[key] === type ? (g[key] as T) : undefined;
  const uuid = optional<string>("uuid", "string");
  const version = optional<string>("version", "string");
  const deleteProtection = optional<boolean>("delete_protection", "boolean");
  const archived = optional<boolean>("archived", "boolean");
  return {
    name: name as string,
    locations: [...(locations as string[])],
    primary: primary as string,
    ...(uuid === undefined ? {} : { uuid }),
    ...(version === undefined ? {} : { version }),
    ...(deleteProtection === undefined ? {} : { deleteProtection }),
    ...(archived === undefined ? {} : { archived }),
  };
}

/**
 * Validates a 2xx body of the retrieve-group endpoint and returns the group. Unknown fields are
 * ignored and optional fields may be missing; anything else wrong is a {@link TursoResponseError}
 * quoting the status and the fault. A body holding one of `secrets` (the token) is refused.
 */
export function parseGroupBody(
  status: number,
  text: string,
  details: { method: string; url: string },
  secrets: readonly string[] = [],
): Group {
  const { body, fail } = parseBody(status, text, details, secrets);
  if (!isRecord(body) || !isRecord(body["group"])) return fail('the body has no "group" object');
  return parseGroup(body["group"], "group", fail);
}

/**
 * Validates a 2xx body of the list-groups endpoint (`{"groups": [...]}`) and returns its groups,
 * each checked as {@link parseGroupBody} checks one, in the API's order.
 */
export function parseGroupsBody(
  status: number,
  text: string,
  details: { method: string; url: string },
  secrets: readonly string[] = [],
): Group[] {
  const { body, fail } = parseBody(status, text, details, secrets);
  if (!isRecord(body) || !Array.isArray(body["groups"])) return fail('the body has no "groups" array');
  return body["groups"].map((g: unknown, i) => parseGroup(g, `groups[${i}]`, fail));
}
