// The seed is strict: the shipped JSON Schema refuses unknown keys (naming the path, with a
// close-match hint) and wrong types; the loader refuses duplicates, dangling references and
// locations outside the emulator's table. A group alone takes extra keys, unless they look like typos.
import { readFileSync } from "node:fs";
import path from "node:path";
import { DEFAULT_LOCATIONS, DEFAULT_SEED } from "../../sdk/src/emulator";
import { parseFault } from "../../sdk/src/emulator/faults";
import { distance, hint, SEED_SCHEMA_PATH, typoOf } from "../../sdk/src/emulator/schema";
import { readSeed, stableUuid } from "../../sdk/src/emulator/state";
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
    seed({}, { ...group, locatons: ["fra"] }),
    'seed.organizations["a"].groups[0].locatons: unknown key; did you mean "locations"? (an extra key this close to a known one is taken for a typo)',
  ],
  [seed({}, { ...group, Archived: true }), 'groups[0].Archived: unknown key; did you mean "archived"?'],
  [seed({}, { ...group, uid: "x" }), 'groups[0].uid: unknown key; did you mean "uuid"?'],
  [
    seed({}, { ...group, primary: "amss", locations: ["amss"] }),
    'seed.organizations["a"].groups[0].locations[0]: "amss" is not a location of the emulator',
  ],
  [
    seed({ locations: { "aws-us-east-1": "AWS US East (Virginia)" } }),
    'seed.organizations["a"].groups[0].locations[0]: "fra" is not a location of the emulator',
  ],
  [seed({ locations: {} }), "seed.locations must be an object of location descriptions by code"],
  [seed({ locations: { fra: 1 } }), 'seed.locations["fra"] must be a description of the location'],
  [seed({ locations: { "a/b": "x" } }), 'seed.locations["a/b"] (the key) must be a non-empty string without "/"'],
  [
    {
      ...seed(),
      organizations: {
        a: { groups: [{ ...group, uuid: "u-1" }] },
        b: { groups: [{ ...group, uuid: "u-1" }] },
      },
    },
    'seed.organizations["b"].groups[0].uuid: "u-1" is already the uuid of group "g" of "a"',
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
])("accepts %s, with a grant for each of its users' tokens", (_name, s) => {
  const tokens = s.users.flatMap((u) => [u.token, ...(u.apiTokens ?? []).map((t) => t.token)]);
  expect(tokens.length).toBeGreaterThan(0);
  expect([...readSeed(s).state.tokens.keys()].sort()).toEqual(tokens.sort());
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
    { user: "alice", organization: "acme", groupUuid: stableUuid("acme", "prod"), scopes: ["read"] },
  ]);
});

it("validates with the schema the package ships", () => {
  expect(SEED_SCHEMA_PATH).toBe(path.join(ROOT, "sdk/schema/seed.schema.json"));
  const pkg = JSON.parse(readFileSync(path.join(ROOT, "sdk/package.json"), "utf8")) as { files: string[] };
  expect(pkg.files).toContain("schema");
  const schema = JSON.parse(readFileSync(SEED_SCHEMA_PATH, "utf8")) as { properties: Record<string, unknown> };
  // Every top-level key the schema declares is one the validator accepts, and no other.
  expect(Object.keys(schema.properties)).toEqual([
    "$schema",
    "users",
    "organizations",
    "faults",
    "latencyMs",
    "locations",
  ]);
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
  const table = Object.fromEntries(locations.map((code) => [code, code]));
  const started = Date.now();
  readSeed(seed({ locations: table }, { ...group, primary: "loc-0", locations }) as never);
  // A no-hang bound, generous: the quadratic check took 7.8 s.
  expect(Date.now() - started).toBeLessThan(3_000);
});

it("passes a group's extra keys through as they are, after its own fields, and sends archived", () => {
  const extras = { colour: "red", status: { locations: [{ name: "fra", status: "up" }] }, id: 7, tags: null };
  const { state } = readSeed(seed({}, { ...group, ...extras }) as never);
  const g = state.organizations.get("a")?.get("g");
  expect(g).toEqual({
    name: "g",
    uuid: stableUuid("a", "g"),
    version: "v0.24.32",
    locations: ["fra"],
    primary: "fra",
    delete_protection: false,
    archived: false,
    ...extras,
  });
  expect(Object.keys(g ?? {}).slice(-4)).toEqual(["colour", "status", "id", "tags"]);
});

it("hint and typoOf: a near key is a typo, a distant one an extra", () => {
  const known = ["name", "primary", "locations", "uuid", "version", "delete_protection", "archived"];
  expect(["primay", "verison", "uid", "Name", "delete_protecton"].map((k) => typoOf(k, known))).toEqual([
    "primary",
    "version",
    "uuid",
    "name",
    "delete_protection",
  ]);
  expect(["id", "tags", "colour", "status", "region"].map((k) => typoOf(k, known))).toEqual([
    undefined,
    undefined,
    undefined,
    undefined,
    undefined,
  ]);
});

it("replaces the default locations with the seed's table", () => {
  const table = { "aws-us-east-1": "AWS US East (Virginia)" };
  const own = readSeed(
    seed({ locations: table }, { ...group, primary: "aws-us-east-1", locations: ["aws-us-east-1"] }) as never,
  );
  expect(Object.fromEntries(own.state.locations)).toEqual(table);
  expect(Object.fromEntries(readSeed(seed() as never).state.locations)).toEqual(DEFAULT_LOCATIONS);
  expect(Object.keys(DEFAULT_LOCATIONS)).toHaveLength(43);
});
