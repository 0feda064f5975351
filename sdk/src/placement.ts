import type { Group } from "./client/parse";
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

/** Checks an expectation given by a program (plain JavaScript may pass anything). */
export function validateExpectation(value: unknown): PlacementExpectation | undefined {
  if (value === undefined || value === null) return undefined;
  const fail = (rule: string): never => {
    throw new TursoInputError("expect", rule, `expect is invalid: ${rule}.`);
  };
  if (typeof value !== "object" || Array.isArray(value)) return fail("it must be an object");
  const out: { primaryIn?: string[]; locationsInclude?: string[] } = {};
  for (const [key, list] of Object.entries(value)) {
    if (key !== "primaryIn" && key !== "locationsInclude")
      fail(`it has an unknown field ${JSON.stringify(key)} (use primaryIn, locationsInclude)`);
    if (!Array.isArray(list) || !list.every((l) => typeof l === "string" && l !== "")) {
      fail(`expect.${key} must be an array of location codes`);
    }
    if (key === "primaryIn" && (list as string[]).length === 0) fail("expect.primaryIn must not be empty");
    out[key as "primaryIn" | "locationsInclude"] = [...(list as string[])];
  }
  return out;
}

/** The ways `group` breaks `expect`, in words; empty when it is placed as expected. */
export function placementProblems(group: Pick<Group, "primary" | "locations">, expect: PlacementExpectation): string[] {
  const problems: string[] = [];
  if (expect.primaryIn !== undefined && !expect.primaryIn.includes(group.primary)) {
    problems.push(`primary is "${group.primary}", expected one of ${JSON.stringify(expect.primaryIn)}`);
  }
  const missing = (expect.locationsInclude ?? []).filter((l) => !group.locations.includes(l));
  if (missing.length > 0) {
    problems.push(`locations are ${JSON.stringify(group.locations)}, missing ${JSON.stringify(missing)}`);
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
