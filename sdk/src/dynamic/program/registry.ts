/**
 * The lookups of one program run. Asking twice for the same group (under the same parent) returns
 * the same lookup, so a program pays one read per group however often it asks.
 *
 * Scoped to the run, not to the module: the key is the run's root `pulumi:pulumi:Stack` resource,
 * which the Pulumi runtime creates anew for every CLI run and every Automation API `preview`/`up`
 * in one process. Shared across copies of this package in one program (a library with its own
 * nested copy): the registry lives on `globalThis` under a versioned symbol, so two copies reuse
 * one lookup instead of registering the same URN twice.
 */
import * as pulumi from "@pulumi/pulumi";
import { TursoInputError } from "../../core/errors";
import type { GroupQuery } from "../provider/lookup";

/** What a copy of provider contract 2 or later reads from a group lookup: its one output. */
export interface LookupRead {
  readonly lookup: pulumi.Output<GroupQuery>;
}

/**
 * What every copy of the package reads from a lookup. Copies of contract 1 read the fields of
 * {@link LegacyLookupOutputs}, which the lookups of later copies still answer (resource.ts).
 */
export type LookupOutputs = LookupRead | LegacyLookupOutputs;

/** What copies of contract 1 register and read: one output property per field. Kept stable across versions. */
export interface LegacyLookupOutputs {
  readonly name: pulumi.Output<string | null>;
  readonly organization: pulumi.Output<string | null>;
  readonly locations: pulumi.Output<string[] | null>;
  readonly primary: pulumi.Output<string | null>;
  readonly uuid: pulumi.Output<string | null>;
  readonly version: pulumi.Output<string | null>;
  readonly deleteProtection: pulumi.Output<boolean | null>;
  readonly archived: pulumi.Output<boolean | null>;
  /** False when an `ifExists` lookup found no group; absent (undefined) in older copies. */
  readonly found?: pulumi.Output<boolean | null>;
}

/** One registered lookup, with what its callers asked for. Contract v1: kept stable across versions. */
interface Entry {
  /** A group lookup's {@link LookupOutputs}, or a list lookup's outputs (under a key of its own). */
  readonly read: unknown;
  /** JSON of the terms every caller must agree on (`expect`, `ifExists`). */
  readonly terms: string;
  readonly dependsOn: unknown;
  /** How the first call described itself, for messages. */
  readonly what: string;
  /** The function the first call was (absent in older copies). */
  readonly fn?: string;
}

type Registry = WeakMap<object, Map<unknown, Map<string, Entry>>>;
/** Per run and parent: how many calls that may make a secret lookup were made. */
type Ordinals = WeakMap<object, Map<unknown, number>>;

const REGISTRY = Symbol.for("pulumi-turso-group/lookups/v1");
const ORDINALS = Symbol.for("pulumi-turso-group/secret-ordinals/v1");
const holder = globalThis as { [REGISTRY]?: Registry; [ORDINALS]?: Ordinals };
/** The scope when no stack resource exists (unit tests with mocks). */
const outsideAnyRun = {};

function runScope(): object {
  return pulumi.runtime.getStackResource() ?? outsideAnyRun;
}

/**
 * The next ordinal (1, 2, …) of a call that may make a secret lookup, in this run under `parent`:
 * taken at the call, synchronously, so it follows the program's order of calls and not the order
 * in which Outputs happen to resolve. It names a secret lookup (`secret~2`) with nothing that a
 * guess of the secret could confirm. Shared across copies of the package, as the registry is.
 */
export function nextOrdinal(parent: pulumi.Resource | undefined): number {
  const ordinals = (holder[ORDINALS] ??= new WeakMap());
  const scope = runScope();
  let byParent = ordinals.get(scope);
  if (byParent === undefined) ordinals.set(scope, (byParent = new Map()));
  const next = (byParent.get(parent) ?? 0) + 1;
  byParent.set(parent, next);
  return next;
}

/** `dependsOn` values are equal when they list the same resources, in any order. */
function sameDependencies(a: unknown, b: unknown): boolean {
  const list = (v: unknown): unknown[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]);
  const [x, y] = [list(a), list(b)];
  return x.length === y.length && x.every((r) => y.includes(r));
}

/** A lookup request, as the registry compares it. */
export interface LookupKey {
  /**
   * Identifies what is read: JSON of organization, group and token source for a group; `groups:`
   * and JSON of organization and token source for a list (no group's key starts so).
   */
  readonly key: string;
  readonly parent: pulumi.Resource | undefined;
  readonly terms: string;
  readonly dependsOn: unknown;
  /** `group "prod" in organization "acme"`, for messages. */
  readonly what: string;
  /** The function called, for messages. @default "getGroup" */
  readonly fn?: string;
}

/**
 * Returns the lookup already registered in this run for the same group and parent, or the one
 * `create` makes. Throws {@link TursoInputError} when the earlier call asked for other terms or
 * other dependencies: one lookup cannot honour both.
 */
export function shareLookup<T = LookupOutputs>(request: LookupKey, create: () => T): T {
  const registry = (holder[REGISTRY] ??= new WeakMap());
  const scope = runScope();
  let byParent = registry.get(scope);
  if (byParent === undefined) registry.set(scope, (byParent = new Map()));
  let lookups = byParent.get(request.parent);
  if (lookups === undefined) byParent.set(request.parent, (lookups = new Map()));
  const found = lookups.get(request.key);
  if (found === undefined) {
    const read = create();
    lookups.set(request.key, {
      read,
      terms: request.terms,
      dependsOn: request.dependsOn,
      what: request.what,
      ...(request.fn === undefined ? {} : { fn: request.fn }),
    });
    return read;
  }
  if (found.terms !== request.terms) {
    throw new TursoInputError(
      "expect",
      "one expectation per group",
      `${request.fn ?? "getGroup"} was called for ${request.what} with other expect or ifExists than an earlier ` +
        `${found.fn ?? "call"} (earlier: ${found.terms}, now: ${request.terms}); both calls share one lookup: give them the same expect and ifExists.`,
    );
  }
  if (!sameDependencies(found.dependsOn, request.dependsOn)) {
    throw new TursoInputError(
      "dependsOn",
      "one dependsOn per group and parent",
      `${request.fn ?? "getGroup"} was called for ${request.what} under the same parent with another dependsOn than an earlier ` +
        `${found.fn ?? "call"}; both calls share ` +
        `one lookup, which cannot wait for both: give them the same dependsOn, or give each call its own parent.`,
    );
  }
  return found.read as T;
}
