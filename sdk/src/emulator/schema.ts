/**
 * Checks a value against the seed's JSON Schema (`sdk/schema/seed.schema.json`, shipped with the
 * package), so the schema users validate their seeds with is the one the emulator applies.
 * Only the keywords that schema uses are implemented; a failure names the value's path and says
 * what it must be (the schema node's `description`), and an unknown key gets a close-match hint.
 */
import { readFileSync } from "node:fs";
import path from "node:path";

/** The subset of JSON Schema the seed schema is written in. */
export interface Schema {
  readonly $ref?: string;
  readonly description?: string;
  readonly type?: "object" | "array" | "string" | "number" | "integer" | "boolean";
  readonly const?: unknown;
  readonly enum?: readonly unknown[];
  readonly minLength?: number;
  readonly pattern?: string;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minItems?: number;
  readonly uniqueItems?: boolean;
  readonly items?: Schema;
  readonly properties?: Readonly<Record<string, Schema>>;
  readonly required?: readonly string[];
  readonly dependentRequired?: Readonly<Record<string, readonly string[]>>;
  readonly additionalProperties?: false | Schema;
  readonly minProperties?: number;
  /** This project's keyword: an extra key close to a known one is refused as a likely typo of it. */
  readonly "x-refuseTypos"?: boolean;
  readonly propertyNames?: Schema;
  /** Alternatives told apart by the `const` of their `kind` property. */
  readonly oneOf?: readonly Schema[];
  readonly $defs?: Readonly<Record<string, Schema>>;
}

/** The seed schema; from both `src/emulator` and `dist/emulator` it is `../../schema`. */
export const SEED_SCHEMA_PATH = path.join(__dirname, "..", "..", "schema", "seed.schema.json");
const root = JSON.parse(readFileSync(SEED_SCHEMA_PATH, "utf8")) as Schema;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const key = (where: string, k: string): string =>
  /^[A-Za-z_$][\w$]*$/.test(k) ? `${where}.${k}` : `${where}[${JSON.stringify(k)}]`;

/** The edit distance of two short strings (for "did you mean" hints). */
export function distance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      next[j] = Math.min((row[j] as number) + 1, (next[j - 1] as number) + 1, (row[j - 1] as number) + cost);
    }
    row = next;
  }
  return row[b.length] as number;
}

/** `; did you mean "x"?` for the closest known key, or the list of known keys. */
export function hint(unknown: string, known: readonly string[]): string {
  const scored = known.map((k) => ({ k, d: distance(unknown.toLowerCase(), k.toLowerCase()) }));
  const best = scored.sort((x, y) => x.d - y.d)[0];
  if (best !== undefined && best.d <= Math.max(2, Math.floor(unknown.length / 3))) return `; did you mean "${best.k}"?`;
  return known.length === 0 ? "" : `; known keys: ${known.join(", ")}`;
}

/**
 * The known key an extra key is likely a typo of: within edit distance 2 (case aside) and less
 * than half its length away (`primay`, `Archived`, `uid`; not `id` or `tags`), or undefined.
 */
export function typoOf(extra: string, known: readonly string[]): string | undefined {
  const near = (k: string): number => distance(extra.toLowerCase(), k.toLowerCase());
  const best = known.map((k) => ({ k, d: near(k) })).sort((x, y) => x.d - y.d)[0];
  return best !== undefined && best.d <= 2 && best.d < extra.length / 2 ? best.k : undefined;
}

const resolve = (s: Schema): Schema =>
  s.$ref === undefined ? s : (root.$defs?.[s.$ref.replace("#/$defs/", "")] ?? {});

function typeOk(type: Schema["type"], v: unknown): boolean {
  if (type === undefined) return true;
  if (type === "object") return isRecord(v);
  if (type === "array") return Array.isArray(v);
  if (type === "integer") return Number.isInteger(v);
  return typeof v === type;
}

/** Throws `fail(message)` at the first place `value` breaks `schema`. */
function check(schema: Schema, value: unknown, where: string, fail: (m: string) => Error): void {
  const s = resolve(schema);
  const must = (): Error => fail(`${where} must be ${s.description ?? (s.type ? `of type ${s.type}` : "valid")}`);
  if (!typeOk(s.type, value)) throw must();
  if (s.const !== undefined && value !== s.const) throw must();
  if (s.enum !== undefined && !s.enum.includes(value)) throw fail(`${where} must be one of ${s.enum.join(", ")}`);
  if (typeof value === "string") {
    if (value.length < (s.minLength ?? 0) || (s.pattern !== undefined && !new RegExp(s.pattern).test(value)))
      throw must();
  }
  if (typeof value === "number" && (value < (s.minimum ?? -Infinity) || value > (s.maximum ?? Infinity))) throw must();
  if (Array.isArray(value)) {
    if (value.length < (s.minItems ?? 0)) throw must();
    // One pass: each item's JSON is looked up in the set of those before it (10 000 items: ms, not seconds).
    const seen = new Set<string>();
    value.forEach((item, i) => {
      if (s.items) check(s.items, item, `${where}[${i}]`, fail);
      if (!s.uniqueItems) return;
      const text = JSON.stringify(item);
      if (seen.has(text)) throw fail(`${where}[${i}]: ${text} appears twice`);
      seen.add(text);
    });
  }
  if (isRecord(value)) checkObject(s, value, where, fail);
}

function checkObject(s: Schema, value: Record<string, unknown>, where: string, fail: (m: string) => Error): void {
  let shape = s;
  if (s.oneOf !== undefined) {
    const kinds = s.oneOf.map((b) => b.properties?.["kind"]?.const);
    const branch = s.oneOf[kinds.indexOf(value["kind"])];
    if (branch === undefined) throw fail(`${where}.kind must be one of ${kinds.join(", ")}`);
    shape = { ...branch, required: [...(s.required ?? []), ...(branch.required ?? [])] };
  }
  const props = shape.properties ?? {};
  // Only the schema's own keys are known: "__proto__", "constructor", "toString" and the like,
  // which an object finds through Object.prototype, are unknown keys like any other.
  const known = (k: string): Schema | undefined => (Object.hasOwn(props, k) ? props[k] : undefined);
  if (Object.keys(value).length < (shape.minProperties ?? 0)) throw fail(`${where} must be ${s.description}`);
  for (const r of shape.required ?? []) {
    if (value[r] === undefined) check(known(r) ?? {}, undefined, key(where, r), fail);
  }
  for (const [k, needs] of Object.entries(shape.dependentRequired ?? {})) {
    const missing = value[k] === undefined ? undefined : needs.find((n) => value[n] === undefined);
    if (missing !== undefined) throw fail(`${key(where, missing)} is required when ${k} is set`);
  }
  for (const [k, v] of Object.entries(value)) {
    const schema = known(k);
    if (schema !== undefined) {
      check(schema, v, key(where, k), fail);
    } else if (shape.additionalProperties === false) {
      throw fail(`${key(where, k)}: unknown key${hint(k, Object.keys(props))}`);
    } else if (shape["x-refuseTypos"] === true && typoOf(k, Object.keys(props)) !== undefined) {
      throw fail(
        `${key(where, k)}: unknown key${hint(k, Object.keys(props))} (an extra key this close to a known one is taken for a typo)`,
      );
    } else if (shape.additionalProperties !== undefined) {
      const at = `${where}[${JSON.stringify(k)}]`;
      if (shape.propertyNames) check(shape.propertyNames, k, `${at} (the key)`, fail);
      check(shape.additionalProperties, v, at, fail);
    }
  }
}

/**
 * Validates `value` against the seed schema (`def` names one of its `$defs`, e.g. `"fault"`);
 * throws the Error `fail` makes from a message such as `seed.fautls: unknown key; did you mean "faults"?`.
 */
export function validate(value: unknown, where: string, fail: (m: string) => Error, def?: string): void {
  check(def === undefined ? root : { $ref: `#/$defs/${def}` }, value, where, fail);
}
