/**
 * What a schema change breaks for a program written against the released schema, and whether the
 * version change allows it. A program passes inputs and reads outputs through an SDK generated
 * from the schema, so breaking is: a function, type, config key or property removed; a property's
 * type changed; an input made required (or a new required input); an output made optional. New
 * functions, types, optional inputs and outputs break nothing. Descriptions are not compared.
 */

/** A property, in the subset of the schema's JSON this package writes. */
interface Property {
  readonly type?: string;
  readonly $ref?: string;
  readonly items?: Property;
  readonly additionalProperties?: Property;
}

interface ObjectSpec {
  readonly properties?: Readonly<Record<string, Property>>;
  readonly required?: readonly string[];
}

/** A package schema, in the parts this check reads. */
export interface SchemaSpec {
  readonly version?: string;
  readonly types?: Readonly<Record<string, ObjectSpec>>;
  readonly functions?: Readonly<Record<string, { inputs?: ObjectSpec; outputs?: ObjectSpec }>>;
  readonly config?: { readonly variables?: Readonly<Record<string, Property>>; readonly required?: readonly string[] };
  readonly provider?: {
    readonly inputProperties?: Readonly<Record<string, Property>>;
    readonly requiredInputs?: readonly string[];
  };
}

/** A property's type, as one comparable string: `string`, `array<#/types/…>`, `map<integer>`. */
function shape(p: Property | undefined): string {
  if (p === undefined) return "nothing";
  if (p.$ref !== undefined) return p.$ref;
  if (p.type === "array") return `array<${shape(p.items)}>`;
  if (p.type === "object" && p.additionalProperties !== undefined) return `map<${shape(p.additionalProperties)}>`;
  return p.type ?? "any";
}

type Side = "input" | "output";

/** What breaks between two versions of one object (a function's inputs or outputs, a type, the config). */
function objectChanges(where: string, side: Side, before: ObjectSpec, after: ObjectSpec): string[] {
  const changes: string[] = [];
  const [was, now] = [before.properties ?? {}, after.properties ?? {}];
  const wasRequired = new Set(before.required ?? []);
  const nowRequired = new Set(after.required ?? []);
  for (const [name, property] of Object.entries(was)) {
    const next = now[name];
    if (next === undefined) {
      changes.push(`${where}: ${side} ${name} removed`);
      continue;
    }
    if (shape(property) !== shape(next)) {
      changes.push(`${where}: ${side} ${name} changed type from ${shape(property)} to ${shape(next)}`);
    }
    if (side === "input" && !wasRequired.has(name) && nowRequired.has(name)) {
      changes.push(`${where}: input ${name} made required`);
    }
    if (side === "output" && wasRequired.has(name) && !nowRequired.has(name)) {
      changes.push(`${where}: output ${name} made optional`);
    }
  }
  if (side === "input") {
    for (const name of nowRequired) if (!(name in was)) changes.push(`${where}: new required input ${name}`);
  }
  return changes;
}

/** The object types reachable from a function's inputs (or outputs), by token. */
function typesUsed(schema: SchemaSpec, side: Side): Set<string> {
  const seen = new Set<string>();
  const visit = (p: Property | undefined): void => {
    if (p === undefined) return;
    if (p.$ref?.startsWith("#/types/")) {
      const token = p.$ref.slice("#/types/".length);
      if (seen.has(token)) return;
      seen.add(token);
      for (const q of Object.values(schema.types?.[token]?.properties ?? {})) visit(q);
    }
    visit(p.items);
    visit(p.additionalProperties);
  };
  for (const fn of Object.values(schema.functions ?? {})) {
    for (const p of Object.values((side === "input" ? fn.inputs : fn.outputs)?.properties ?? {})) visit(p);
  }
  return seen;
}

/**
 * The changes from `released` to `current` that break a program written against `released`, one
 * line each (empty when none).
 *
 * @example
 * breakingChanges(released, current)
 * // ["function turso-group:index:getGroup: input ifExists removed"]
 */
export function breakingChanges(released: SchemaSpec, current: SchemaSpec): string[] {
  const changes: string[] = [];
  for (const [token, fn] of Object.entries(released.functions ?? {})) {
    const next = current.functions?.[token];
    if (next === undefined) {
      changes.push(`function ${token} removed`);
      continue;
    }
    changes.push(...objectChanges(`function ${token}`, "input", fn.inputs ?? {}, next.inputs ?? {}));
    changes.push(...objectChanges(`function ${token}`, "output", fn.outputs ?? {}, next.outputs ?? {}));
  }
  const [inputs, outputs] = [typesUsed(released, "input"), typesUsed(released, "output")];
  for (const [token, type] of Object.entries(released.types ?? {})) {
    const next = current.types?.[token];
    if (next === undefined) {
      changes.push(`type ${token} removed`);
      continue;
    }
    if (inputs.has(token)) changes.push(...objectChanges(`type ${token}`, "input", type, next));
    if (outputs.has(token)) changes.push(...objectChanges(`type ${token}`, "output", type, next));
  }
  const config = (s: SchemaSpec): ObjectSpec => ({
    properties: s.config?.variables ?? {},
    required: s.config?.required ?? [],
  });
  const provider = (s: SchemaSpec): ObjectSpec => ({
    properties: s.provider?.inputProperties ?? {},
    required: s.provider?.requiredInputs ?? [],
  });
  changes.push(...objectChanges("config", "input", config(released), config(current)));
  changes.push(...objectChanges("provider", "input", provider(released), provider(current)));
  return [...new Set(changes)];
}

/**
 * Whether going from version `released` to `version` may break programs: a new major version, as
 * npm's caret ranges see it (`^1.2.0` takes no 2.x; below 1.0, `^0.2.0` takes no 0.3.0, so there
 * the minor part is the major one).
 */
export function breakingAllowed(released: string, version: string): boolean {
  const [a, b] = [released, version].map((v) => v.split(/[.+-]/).slice(0, 2).map(Number));
  const [[major0 = 0, minor0 = 0], [major1 = 0, minor1 = 0]] = [a ?? [], b ?? []];
  if (major1 !== major0) return major1 > major0;
  return major0 === 0 && minor1 > minor0;
}
