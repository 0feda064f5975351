import type { Group } from "./client/parse";
import { redact } from "./client/redact";
import { describeRef, type GroupRef } from "./client/url";
import { TursoInputError, TursoPlacementError } from "./errors";

/**
 * Where a group is expected to be. A preview fails early, naming the group, what was expected and
 * what was found, when the group is placed otherwise.
 *
 * @example
 * ```ts
 * getGroupOutput({ group: "prod", organization: "acme", expect: { primaryIn: ["aws-eu-west-1"], locationsInclude: ["aws-us-east-1"] } });
 * ```
 */
export interface PlacementExpectation {
  /** The primary location must be one of these. */
  readonly primaryIn?: readonly string[];
  /** Each of these locations must be among the group's locations. */
  readonly locationsInclude?: readonly string[];
}

/**
 * Checks an expectation given by a program (plain JavaScript may pass anything). With `secret`,
 * the message quotes nothing of the value.
 */
export function validateExpectation(value: unknown, secret = false): PlacementExpectation | undefined {
  if (value === undefined || value === null) return undefined;
  const fail = (rule: string): never => {
    throw new TursoInputError(
      "expect",
      rule,
      `expect${secret ? " (not shown: it may be a secret)" : ""} is invalid: ${rule}.`,
    );
  };
  if (typeof value !== "object" || Array.isArray(value)) return fail("it must be an object");
  const out: { primaryIn?: string[]; locationsInclude?: string[] } = {};
  for (const [key, list] of Object.entries(value)) {
    if (key !== "primaryIn" && key !== "locationsInclude")
      fail(`it has an unknown field${secret ? "" : ` ${JSON.stringify(key)}`} (use primaryIn, locationsInclude)`);
    if (!Array.isArray(list) || !list.every((l) => typeof l === "string" && l !== "")) {
      fail(`expect.${key} must be an array of location codes`);
    }
    if (key === "primaryIn" && (list as string[]).length === 0) fail("expect.primaryIn must not be empty");
    out[key as "primaryIn" | "locationsInclude"] = [...(list as string[])];
  }
  return out;
}

/** The most locations a placement message lists; the rest are counted. */
const MAX_LISTED = 12;

/** A location code from the server, as a message shows it: cleaned (see {@link redact}), short, quoted. */
const shown = (code: string): string => JSON.stringify(redact(code, [], 40));

/** Server-sent codes as a message shows them: `["fra","ams"]`, at most {@link MAX_LISTED}, then a count. */
function shownList(codes: readonly string[]): string {
  const listed = codes.slice(0, MAX_LISTED).map(shown);
  const more = codes.length > MAX_LISTED ? `, and ${codes.length - MAX_LISTED} more` : "";
  return `[${listed.join(",")}${more}]`;
}

/**
 * The ways `group` breaks `expect`, in words; empty when it is placed as expected. What the server
 * sent goes through the cleaning of every server text ({@link redact}): no escape, control or
 * bidirectional character reaches the terminal.
 */
export function placementProblems(group: Pick<Group, "primary" | "locations">, expect: PlacementExpectation): string[] {
  const problems: string[] = [];
  if (expect.primaryIn !== undefined && !expect.primaryIn.includes(group.primary)) {
    problems.push(`primary is ${shown(group.primary)}, expected one of ${JSON.stringify(expect.primaryIn)}`);
  }
  const missing = (expect.locationsInclude ?? []).filter((l) => !group.locations.includes(l));
  if (missing.length > 0) {
    problems.push(`locations are ${shownList(group.locations)}, missing ${JSON.stringify(missing)}`);
  }
  return problems;
}

/** Throws {@link TursoPlacementError} when the group is not placed as expected. */
export function checkPlacement(
  ref: GroupRef,
  group: Pick<Group, "primary" | "locations">,
  expect: PlacementExpectation | undefined,
): void {
  if (expect === undefined) return;
  const problems = placementProblems(group, expect);
  if (problems.length > 0) {
    throw new TursoPlacementError(
      `The placement of ${describeRef(ref)} is not what this program expects: ${problems.join("; ")}. ` +
        `Move the group (turso group locations add/remove) or change getGroup's expect.`,
    );
  }
}
