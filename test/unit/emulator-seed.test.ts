// The seed is strict: the shipped JSON Schema refuses unknown keys (naming the path, with a
// close-match hint) and wrong types; the loader refuses duplicates and dangling references.
import { readFileSync } from "node:fs";
import path from "node:path";
import { DEFAULT_SEED } from "../../sdk/src/emulator";
import { parseFault } from "../../sdk/src/emulator/faults";
import { distance, hint, SEED_SCHEMA_PATH } from "../../sdk/src/emulator/schema";
import { readSeed } from "../../sdk/src/emulator/state";
import { SCOPED_SEED, TEST_SEED } from "../helpers/seed";

const ROOT = path.resolve(__dirname, "../..");
const group = { name: "g", primary: "fra", locations: ["fra"] };
const seed = (extra: Record<string, unknown> = {}, g: Record<string, unknown> = group) => ({
  users: [{ name: "u", token: "t" }],
  organizations: { a: { groups: [g] } },
  ...extra,
});

it.each([
  [seed({ fautls: [] }), 'seed.fautls: unknown key; did you mean "faults"?'],
  [seed({ latency: 5 }), 'seed.latency: unknown key; did you mean "latencyMs"?'],
  [{ ...seed(), users: [{ name: "u", tokne: "t" }] }, 'seed.users[0].tokne: unknown key; did you mean "token"?'],
  [
    seed({}, { ...group, primay: "fra" }),
    'seed.organizations["a"].groups[0].primay: unknown key; did you mean "primary"?',
  ],
  [
    seed({}, { ...group, colour: "red" }),
    'seed.organizations["a"].groups[0].colour: unknown key; known keys: name, primary, locations, uuid, version, delete_protection, archived',
  ],
  [
    seed({ faults: [{ kind: "delay", delayMs: 5, tims: 2 }] }),
    'seed.faults[0].tims: unknown key; did you mean "times"?',
  ],
  [
    { ...seed(), organizations: { a: { groups: [], grops: [] } } },
    'seed.organizations["a"].grops: unknown key; did you mean "groups"?',
  ],
  [{}, "seed.users must be an array of users"],
  [[], "seed must be a seed object with users and organizations"],
  [seed({ latencyMs: -1 }), "seed.latencyMs must be a number of milliseconds"],
  [
    { ...seed(), organizations: { "a/b": { groups: [] } } },
    'seed.organizations["a/b"] (the key) must be a non-empty string without "/"',
  ],
  [
    seed({}, { ...group, locations: ["fra", "ams", "fra"] }),
    'seed.organizations["a"].groups[0].locations[2]: "fra" appears twice',
  ],
  [
    seed({}, { ...group, locations: [] }),
    'seed.organizations["a"].groups[0].locations must be a non-empty array of location codes',
  ],
  [
    seed({}, { ...group, delete_protection: "yes" }),
    'seed.organizations["a"].groups[0].delete_protection must be a boolean',
  ],
  [
    {
      ...seed(),
      users: [
        { name: "u", token: "t1" },
        { name: "u", token: "t2" },
      ],
    },
    'seed.users[1].name: user "u" appears twice',
  ],
  [
    { ...seed(), users: [{ name: "u", token: "t", organizations: ["a", "a"] }] },
    'seed.users[0].organizations[1]: "a" appears twice',
  ],
  // Keys an object finds through Object.prototype are unknown keys like any other.
  ...["__proto__", "constructor", "toString", "valueOf", "hasOwnProperty"].map((k): [unknown, string] => [
    JSON.parse(`{"users":[{"name":"u","token":"t"}],"organizations":{},"${k}":{}}`),
    `seed${/^[A-Za-z_$][\w$]*$/.test(k) ? `.${k}` : `[${JSON.stringify(k)}]`}: unknown key`,
  ]),
  [
    JSON.parse('{"users":[{"name":"u","token":"t","constructor":1}],"organizations":{}}'),
    "seed.users[0].constructor: unknown key",
  ],
])("refuses %j: %s", (raw, message) => {
  expect(() => readSeed(raw as never)).toThrow(message);
});

it("names the seed file in front of the path", () => {
  const file = path.join(ROOT, "test/unit/emulator-seed.test.ts"); // not JSON: the parse error names it
  expect(() => readSeed(file)).toThrow(`${file} is not valid JSON`);
});

it.each([
  ["DEFAULT_SEED", DEFAULT_SEED],
  ["TEST_SEED", TEST_SEED],
  ["SCOPED_SEED", SCOPED_SEED],
])("accepts %s", (_name, s) => {
  expect(readSeed(s).state.tokens.size).toBeGreaterThan(0);
});

it("accepts the README's seed example, with a $schema key for editors", () => {
  const readme = readFileSync(path.join(ROOT, "README.md"), "utf8");
  const example = /## The emulator[\s\S]*?```json\n([\s\S]*?)```/.exec(readme)?.[1];
  const parsed = JSON.parse(example ?? "null") as Record<string, unknown>;
  const { tokens } = readSeed({
    ...parsed,
    $schema: "./node_modules/pulumi-turso-group/schema/seed.schema.json",
  } as never).state;
  expect([...tokens.values()]).toEqual([
    { user: "alice" },
    { user: "alice", organization: "acme" },
    { user: "alice", organization: "acme", group: "prod", scopes: ["read"] },
  ]);
});

it("validates with the schema the package ships", () => {
  expect(SEED_SCHEMA_PATH).toBe(path.join(ROOT, "sdk/schema/seed.schema.json"));
  const pkg = JSON.parse(readFileSync(path.join(ROOT, "sdk/package.json"), "utf8")) as { files: string[] };
  expect(pkg.files).toContain("schema");
  const schema = JSON.parse(readFileSync(SEED_SCHEMA_PATH, "utf8")) as { properties: Record<string, unknown> };
  // Every top-level key the schema declares is one the validator accepts, and no other.
  expect(Object.keys(schema.properties)).toEqual(["$schema", "users", "organizations", "faults", "latencyMs"]);
});

it("refuses an unknown fault field at run time too", () => {
  expect(() => parseFault({ kind: "status", status: 503, retryafter: "2" })).toThrow(
    'fault.retryafter: unknown key; did you mean "retryAfter"?',
  );
  expect(() => parseFault({ kind: "boom" })).toThrow(
    "fault.kind must be one of status, malformed, stall, drop, delay, redirect",
  );
});

it.each([
  ["fautls", ["users", "organizations", "faults", "latencyMs"], '; did you mean "faults"?'],
  ["TOKEN", ["name", "token"], '; did you mean "token"?'],
  ["zzz", ["name", "token"], "; known keys: name, token"],
])("hint(%s)", (key, known, expected) => {
  expect(hint(key, known)).toBe(expected);
});

it("distance is the edit distance", () => {
  expect([distance("", "abc"), distance("fautls", "faults"), distance("kitten", "sitting")]).toEqual([3, 2, 3]);
});

it("checks 10 000 distinct locations in well under a second (one pass, not one per pair)", () => {
  const locations = Array.from({ length: 10_000 }, (_, i) => `loc-${i}`);
  const started = Date.now();
  readSeed(seed({}, { ...group, primary: "loc-0", locations }) as never);
  // A no-hang bound, generous: the quadratic check took 7.8 s.
  expect(Date.now() - started).toBeLessThan(3_000);
});
