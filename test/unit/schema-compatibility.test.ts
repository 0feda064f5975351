import { readFileSync } from "node:fs";
import path from "node:path";
import { breakingAllowed, breakingChanges, type SchemaSpec } from "../../sdk/src/plugin/compatibility";
import { homeOf, packageManifest } from "../../sdk/src/plugin/home";
import { packageSchema } from "../../sdk/src/plugin/schema";

// The schema compatibility check of the release (scripts/release/check.js schema): the current
// schema against the last released one, kept in sdk/schema/released.schema.json.
const manifest = packageManifest();
const current = (): SchemaSpec & Record<string, unknown> =>
  JSON.parse(JSON.stringify(packageSchema(manifest.version, homeOf(manifest.repository)))) as SchemaSpec &
    Record<string, unknown>;
const GET_GROUP = "turso-group:index:getGroup";
const GROUP = "turso-group:index:Group";

/** The schema as plain JSON, which the cases below edit freely. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any path of the schema's JSON
type Json = any;

/** A copy of the current schema, changed by `edit` (whose objects it may mutate). */
function changed(edit: (s: Json) => void): SchemaSpec {
  const s = current();
  edit(s);
  return s;
}

it("the current schema breaks nothing of the released one (sdk/schema/released.schema.json), or its version allows it", () => {
  const file = path.resolve(__dirname, "../../sdk/schema/released.schema.json");
  const released = JSON.parse(readFileSync(file, "utf8")) as SchemaSpec & { version: string };
  const breaking = breakingChanges(released, current());
  if (!breakingAllowed(released.version, manifest.version)) expect(breaking).toEqual([]);
});

it("finds nothing between a schema and itself, nor in additions: a function, an optional input, an output", () => {
  expect(breakingChanges(current(), current())).toEqual([]);
  const added = changed((s) => {
    s.functions["turso-group:index:getDatabase"] = { inputs: { properties: {} }, outputs: { properties: {} } };
    s.functions[GET_GROUP].inputs.properties.verbose = { type: "boolean", description: "" };
    s.functions[GET_GROUP].outputs.properties.status = { type: "string", description: "" };
    s.config.variables.region = { type: "string", description: "" };
  });
  expect(breakingChanges(current(), added)).toEqual([]);
});

it.each<[string, (s: Json) => void, string[]]>([
  ["a removed function", (s) => delete s.functions[GET_GROUP], [`function ${GET_GROUP} removed`]],
  [
    "a removed input",
    (s) => delete s.functions[GET_GROUP].inputs.properties.expect,
    [`function ${GET_GROUP}: input expect removed`],
  ],
  [
    "a removed output",
    (s) => delete s.functions[GET_GROUP].outputs.properties.uuid,
    [`function ${GET_GROUP}: output uuid removed`],
  ],
  ["a removed config key", (s) => delete s.config.variables.maxRetries, ["config: input maxRetries removed"]],
  [
    "a type narrowed (a string to an integer)",
    (s) => (s.config.variables.apiBaseUrl.type = "integer"),
    ["config: input apiBaseUrl changed type from string to integer"],
  ],
  [
    "an array's items narrowed",
    (s) => (s.functions[GET_GROUP].outputs.properties.locations.items = { type: "integer" }),
    [`function ${GET_GROUP}: output locations changed type from array<string> to array<integer>`],
  ],
  [
    "an optional input made required",
    (s) => s.functions[GET_GROUP].inputs.required.push("organization"),
    [`function ${GET_GROUP}: input organization made required`],
  ],
  [
    "a new required input",
    (s) => {
      s.functions[GET_GROUP].inputs.properties.region = { type: "string", description: "" };
      s.functions[GET_GROUP].inputs.required.push("region");
    },
    [`function ${GET_GROUP}: new required input region`],
  ],
  [
    "a required output made optional",
    (s) => (s.functions[GET_GROUP].outputs.required = ["name"]),
    ["locations", "primary", "primaryRegion", "locationRegions"].map(
      (p) => `function ${GET_GROUP}: output ${p} made optional`,
    ),
  ],
  [
    "a required field of an output type made optional",
    (s) => (s.types[GROUP].required = s.types[GROUP].required.filter((p: string) => p !== "primary")),
    [`type ${GROUP}: output primary made optional`],
  ],
  [
    "a removed type",
    (s) => delete s.types["turso-group:index:TokenSource"],
    ["type turso-group:index:TokenSource removed"],
  ],
])("finds %s", (_, edit, expected) => {
  expect(breakingChanges(current(), changed(edit))).toEqual(expected);
});

it("a breaking change needs a new major version, the minor one below 1.0 (npm's caret)", () => {
  expect(breakingAllowed("0.2.0", "0.2.1")).toBe(false);
  expect(breakingAllowed("0.2.0", "0.3.0")).toBe(true);
  expect(breakingAllowed("0.2.0", "1.0.0")).toBe(true);
  expect(breakingAllowed("1.4.0", "1.5.0")).toBe(false);
  expect(breakingAllowed("1.4.0", "2.0.0-alpha.1")).toBe(true);
  expect(breakingAllowed("1.4.0", "0.9.0")).toBe(false);
});
