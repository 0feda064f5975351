import { TursoResponseError } from "../errors";
import { redact, revealsSecret } from "./redact";
import { GROUP_FIELDS, OPTIONAL_FIELDS, type Group } from "./group";
import { brokenRule } from "./validate";

export type { Group } from "./group";

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

/**
 * Bounds on what one answer may hold: far above any real organization (Turso offers a few dozen
 * locations; an organization has tens of groups), far below what would cost a preview minutes or
 * flood a terminal (a group of 100 000 locations took 350 s to deploy). The 1 MiB cap on the body
 * ({@link MAX_RESPONSE_BYTES}) still applies.
 */
export const ANSWER_LIMITS = {
  /** Locations in one group. */
  locationsPerGroup: 256,
  /** Groups in one list. */
  groupsPerList: 2_000,
  /** Locations across every group of one list. */
  locationsPerList: 20_000,
  /** Characters in a location code, a UUID or a version. */
  textLength: 128,
  /** Locations the API offers (Turso offers a few dozen). */
  locationsOffered: 1_000,
  /** Characters in a location's description. */
  descriptionLength: 256,
} as const;

/** A location the API offers: its code and its description (`GET /v1/locations`). */
export interface Location {
  readonly code: string;
  readonly description: string;
}

/**
 * Why an answer is refused, and what to do about it: `retry` for a body that may be a passing
 * fault, `promise` for one that breaks what the API promises (a token, a bound, another group),
 * where retrying will not help and the base URL is the first suspect.
 */
type Fail = (what: string, advice?: "retry" | "promise") => never;

/** Whether any string of `value` (keys included), at any depth, contains one of `secrets`. */
function holdsSecret(value: unknown, secrets: readonly string[]): boolean {
  if (typeof value === "string") return revealsSecret(value, secrets);
  if (Array.isArray(value)) return value.some((v) => holdsSecret(v, secrets));
  if (isRecord(value))
    return Object.entries(value).some(([k, v]) => holdsSecret(k, secrets) || holdsSecret(v, secrets));
  return false;
}

/**
 * Checks a 2xx body as JSON holding none of `secrets`, or fails. The token is looked for in the
 * text and, after parsing, in every string (`"\u0074ok…"` is the token once parsed), in each
 * spelling {@link revealsSecret} knows (percent-encoded, base64).
 */
function parseBody(
  status: number,
  text: string,
  details: AnswerContext,
  secrets: readonly string[],
): { body: unknown; fail: Fail } {
  const fail: Fail = (what, advice = "retry") => {
    const from = details.baseUrlSource ?? "turso:apiBaseUrl or TURSO_API_BASEURL";
    const todo =
      advice === "retry"
        ? "Retry later; if it persists, report it to Turso."
        : `Retrying will not help: check that the base URL, from ${from}, is the Turso API's, and report it to Turso if it is.`;
    throw new TursoResponseError(`The Turso API answered ${status} but ${what}. ${todo}`, {
      method: details.method,
      url: details.url,
      status,
    });
  };
  const hidden = secrets.filter((s) => s !== "");
  const tokenFound = (): never => fail("the body contains an API token, which must never reach state", "promise");
  // A server that echoes the token would otherwise put it in state, or in this message.
  if (revealsSecret(text, hidden)) tokenFound();
  const body = parseJson(text);
  if (body === undefined) fail(`the body is not JSON (${JSON.stringify(redact(text, hidden, 60))})`);
  if (holdsSecret(body, hidden)) tokenFound();
  return { body, fail };
}

/** Server text for a message: cleaned, redacted and short, in quotes. */
const quote = (text: string): string => JSON.stringify(redact(text, [], 40));

/** A location code, UUID or version: 1 to `textLength` characters, nothing a terminal acts on. */
function textProblem(value: string): string | undefined {
  if (value.length === 0) return "is empty";
  if (value.length > ANSWER_LIMITS.textLength) return `is longer than ${ANSWER_LIMITS.textLength} characters`;
  if (/[\p{Cc}\p{Cf}\p{Cs}\p{Z}]/u.test(value)) return `holds whitespace or control characters (${quote(value)})`;
  return undefined;
}

/** Where an answer came from, for messages; `note` receives what is worth a debug line. */
export interface AnswerContext {
  readonly method: string;
  readonly url: string;
  readonly note?: ((message: string) => void) | undefined;
  /** Where the base URL came from (`stack config "turso:apiBaseUrl"`, …), for messages. */
  readonly baseUrlSource?: string | undefined;
}

/**
 * Checks one group object of a body; `at` names it in messages (`group`, `groups[3]`). A group
 * without `locations` (absent or null: Turso deprecates the field) is a group on one location,
 * its primary.
 */
function parseGroup(g: unknown, at: string, fail: Fail, details: AnswerContext): Group {
  if (!isRecord(g)) return fail(`"${at}" is not an object`);
  const { name, primary } = g;
  let { locations } = g;
  if ((locations === undefined || locations === null) && typeof primary === "string") {
    details.note?.(
      `${details.method} ${details.url}: a group without "locations" (Turso deprecates the field) is taken as on one location, its primary`,
    );
    locations = [primary];
  }
  if (typeof name !== "string") fail(`"${at}.name" is not a string`);
  const badName = brokenRule(name as string);
  if (badName !== undefined) fail(`"${at}.name" ${quote(name as string)} is not a group name: ${badName}`, "promise");
  if (!Array.isArray(locations) || !locations.every((l) => typeof l === "string")) {
    fail(`"${at}.locations" is not an array of strings`);
  }
  if ((locations as string[]).length > ANSWER_LIMITS.locationsPerGroup) {
    fail(
      `"${at}.locations" holds ${(locations as string[]).length} locations, over the limit of ${ANSWER_LIMITS.locationsPerGroup} per group`,
      "promise",
    );
  }
  if (typeof primary !== "string") fail(`"${at}.primary" is not a string`);
  // The optional fields the answer sent with the type the table gives them; others are ignored.
  const optional = Object.fromEntries(
    OPTIONAL_FIELDS.flatMap((f) => {
      const { api, kind } = GROUP_FIELDS[f];
      return typeof g[api] === (kind === "boolean" ? "boolean" : "string") ? [[f, g[api]]] : [];
    }),
  ) as Partial<Group>;
  const texts: [string, unknown][] = [
    ["primary", primary],
    ...OPTIONAL_FIELDS.filter((f) => GROUP_FIELDS[f].kind === "string").map((f): [string, unknown] => [f, optional[f]]),
    ...(locations as string[]).map((l, i): [string, string] => [`locations[${i}]`, l]),
  ];
  for (const [field, value] of texts) {
    const problem = typeof value === "string" ? textProblem(value) : undefined;
    if (problem !== undefined) fail(`"${at}.${field}" ${problem}`, "promise");
  }
  return { ...optional, name: name as string, locations: [...(locations as string[])], primary: primary as string };
}

/**
 * Validates a 2xx body of the retrieve-group endpoint and returns the group. Unknown fields are
 * ignored and optional fields may be missing; anything else wrong is a {@link TursoResponseError}
 * quoting the status and the fault. A body holding one of `secrets` (the token) is refused.
 */
export function parseGroupBody(
  status: number,
  text: string,
  details: AnswerContext,
  secrets: readonly string[] = [],
  asked?: string,
): Group {
  const { body, fail } = parseBody(status, text, details, secrets);
  if (!isRecord(body) || !isRecord(body["group"])) return fail('the body has no "group" object');
  const group = parseGroup(body["group"], "group", fail, details);
  if (asked !== undefined && group.name !== asked) {
    fail(`describes the group ${quote(group.name)}, not the group "${asked}" that was asked for`, "promise");
  }
  return group;
}

/**
 * Validates a 2xx body of the list-groups endpoint (`{"groups": [...]}`) and returns its groups,
 * each checked as {@link parseGroupBody} checks one, in the API's order.
 */
export function parseGroupsBody(
  status: number,
  text: string,
  details: AnswerContext,
  secrets: readonly string[] = [],
): Group[] {
  const { body, fail } = parseBody(status, text, details, secrets);
  if (!isRecord(body) || !Array.isArray(body["groups"])) return fail('the body has no "groups" array');
  const list: unknown[] = body["groups"];
  if (list.length > ANSWER_LIMITS.groupsPerList) {
    fail(`the list holds ${list.length} groups, over the limit of ${ANSWER_LIMITS.groupsPerList}`, "promise");
  }
  const groups = list.map((g, i) => parseGroup(g, `groups[${i}]`, fail, details));
  const total = groups.reduce((n, g) => n + g.locations.length, 0);
  if (total > ANSWER_LIMITS.locationsPerList) {
    fail(`the list holds ${total} locations in all, over the limit of ${ANSWER_LIMITS.locationsPerList}`, "promise");
  }
  const seen = new Set<string>();
  for (const [i, g] of groups.entries()) {
    if (seen.has(g.name)) fail(`"groups[${i}].name" ${quote(g.name)} names a group already in the list`, "promise");
    seen.add(g.name);
  }
  return groups;
}

/**
 * Validates a 2xx body of the list-locations endpoint (`{"locations": {"ams": "Amsterdam, Netherlands", …}}`)
 * and returns the locations sorted by code. Each code is checked as a group's location codes are,
 * each description is text of at most {@link ANSWER_LIMITS}`.descriptionLength` characters with
 * no control or format character, and there are at most `locationsOffered` of them.
 */
export function parseLocationsBody(
  status: number,
  text: string,
  details: AnswerContext,
  secrets: readonly string[] = [],
): Location[] {
  const { body, fail } = parseBody(status, text, details, secrets);
  if (!isRecord(body) || !isRecord(body["locations"])) return fail('the body has no "locations" object');
  const entries = Object.entries(body["locations"]);
  if (entries.length > ANSWER_LIMITS.locationsOffered) {
    fail(`the body offers ${entries.length} locations, over the limit of ${ANSWER_LIMITS.locationsOffered}`, "promise");
  }
  return entries
    .map(([code, description]): Location => {
      const problem = textProblem(code);
      if (problem !== undefined) fail(`the location code ${quote(code)} ${problem}`, "promise");
      if (typeof description !== "string") return fail(`"locations.${code}" is not a string`);
      if (description.length > ANSWER_LIMITS.descriptionLength || /[\p{Cc}\p{Cf}\p{Cs}]/u.test(description)) {
        fail(
          `"locations.${code}" is not a description of at most ${ANSWER_LIMITS.descriptionLength} printable characters`,
          "promise",
        );
      }
      return { code, description };
    })
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}
