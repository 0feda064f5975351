/**
 * The lookup through a stack's life, through the real CLI: refresh (plain, `up --refresh`,
 * `preview --refresh`, `destroy --refresh`) of a group deleted in the API or of an expectation
 * the program has since widened, `ifExists`, `parent`, `dependsOn`, secret inputs, and two
 * copies of the package in one program.
 */
import { cpSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ALICE } from "../helpers/seed";
import { suiteEmulator } from "./emulated";
import { Harness, REPO, lookupStacks, type TestStack } from "./harness";

jest.setTimeout(600_000);

const harness = new Harness("lifecycle");
const GROUP_TYPE = "pulumi-nodejs:dynamic/turso:Group";
const emu = suiteEmulator();
const gets = emu.gets;
// Tests here add, move and delete groups: whether a test passed or not, the next finds the seed's.
afterEach(() => emu.reset());

async function deleteGroup(organization: string, group: string): Promise<void> {
  const res = await fetch(`${emu.url}/__emulator/organizations/${organization}/groups/${group}`, {
    method: "DELETE",
    headers: { "Content-Type": "application/json" },
  });
  expect(res.status).toBeLessThan(300);
}

const lookupStack = lookupStacks(harness, { api: emu, token: ALICE });

const setLookups = (stack: TestStack, lookups: unknown[]) =>
  stack.cli(["config", "set", "e2e:lookups", JSON.stringify(lookups)]);

async function lookupsInState(stack: TestStack) {
  return (await stack.resources()).filter((r) => r.type === GROUP_TYPE);
}

describe("a group deleted in the API never jams a refresh", () => {
  let stack: TestStack;
  const temp = { name: "temp", primary: "fra", locations: ["fra"] };

  beforeAll(async () => {
    emu.setGroup("alice", temp);
    stack = await lookupStack("deleted", [{ group: "temp" }]);
    await stack.up();
  });

  it("refresh drops it with a warning, and exits 0", async () => {
    await deleteGroup("alice", "temp");
    const refresh = await stack.run(["refresh", "--yes", "--skip-preview"]);
    expect(refresh.code).toBe(0);
    expect(refresh.output).toContain('Group "temp" was not found in your personal account');
    expect(refresh.output).toContain('Refresh drops the lookup "temp" from the stack\'s state.');
    expect(await lookupsInState(stack)).toEqual([]);
  });

  it("two lookups of one deleted group, under a component and with tokenFrom, are each named as their URN names them", async () => {
    emu.setGroup("alice", { name: "gone", primary: "fra", locations: ["fra"] });
    const two = await lookupStack(
      "deleted-two",
      [
        { group: "gone", parent: "team" },
        { group: "gone", tokenFrom: { config: "e2e:aliceAgain" } },
      ],
      { secrets: { "e2e:aliceAgain": ALICE } },
    );
    await two.up();
    await deleteGroup("alice", "gone");
    const refresh = await two.run(["refresh", "--yes", "--skip-preview"]);
    expect(refresh.code).toBe(0);
    const said = (name: string) =>
      refresh.output.split(`Refresh drops the lookup "${name}" from the stack's state.`).length - 1;
    // Pulumi shows a warning in the progress and again under Diagnostics: once each, per lookup.
    expect([said("team/gone"), said("gone@e2e:aliceAgain")]).toEqual([2, 2]);
    expect(said("gone")).toBe(0);
    expect(await lookupsInState(two)).toEqual([]);
  });

  it("the program's own read still fails while the program asks for it", async () => {
    const up = await stack.run(["up", "--yes", "--skip-preview", "--refresh"]);
    expect(up.code).not.toBe(0);
    expect(up.output).toContain('error: Group "temp" was not found in your personal account');
  });

  it("up --refresh, preview --refresh and destroy --refresh get out once the program stops asking", async () => {
    emu.setGroup("alice", temp);
    await stack.up();
    await deleteGroup("alice", "temp");
    await setLookups(stack, [{ group: "default" }]);
    expect((await stack.run(["preview", "--refresh"])).code).toBe(0);
    const up = await stack.run(["up", "--yes", "--skip-preview", "--refresh"]);
    expect(up.code).toBe(0);
    expect((await lookupsInState(stack)).map((r) => r.id)).toEqual(["default"]);

    emu.setGroup("alice", temp);
    await setLookups(stack, [{ group: "temp" }]);
    await stack.up();
    await deleteGroup("alice", "temp");
    const destroy = await stack.run(["destroy", "--yes", "--skip-preview", "--refresh"]);
    expect(destroy.code).toBe(0);
    expect(await stack.resources()).toEqual([]);
  });
});

describe("refresh leaves expectations to the program", () => {
  it("a widened expect is not blocked by the one recorded in state", async () => {
    const stack = await lookupStack("expect", [{ group: "default", expect: { primaryIn: ["fra"] } }]);
    await stack.up();
    emu.setGroup("alice", { name: "default", primary: "ams", locations: ["ams", "fra"] });
    const failed = await stack.run(["up", "--yes", "--skip-preview"]);
    expect(failed.code).not.toBe(0);
    expect(failed.output).toContain('primary is "ams", expected one of ["fra"]');
    // As the message advises: change getGroup's expect.
    await setLookups(stack, [{ group: "default", expect: { primaryIn: ["fra", "ams"] } }]);
    expect((await stack.run(["refresh", "--yes", "--skip-preview"])).code).toBe(0);
    expect((await stack.run(["preview", "--refresh"])).code).toBe(0);
    expect((await stack.run(["up", "--yes", "--skip-preview", "--refresh"])).code).toBe(0);
    expect((await stack.outputs())["primary"]).toBe("ams");
  });
});

describe("ifExists: this group, if it exists", () => {
  it("is absent, not a failure, in preview, up and refresh; a group that appears is picked up", async () => {
    const stack = await lookupStack("if-exists", [{ group: "later", ifExists: true }]);
    const preview = await stack.run(["preview"]);
    expect(preview.code).toBe(0);
    expect(gets()).toEqual(["GET /v1/groups/later 404"]);
    await stack.up();
    expect(await stack.outputs()).toMatchObject({ found: false, all: [null] });

    emu.setGroup("alice", { name: "later", primary: "lhr", locations: ["lhr"] });
    await stack.refresh();
    const [read] = await lookupsInState(stack);
    expect(read?.outputs).toMatchObject({ lookup: { result: { primary: "lhr" } } });
    await stack.up();
    expect(await stack.outputs()).toMatchObject({ found: true, primary: "lhr", locations: ["lhr"] });

    await deleteGroup("alice", "later");
    await stack.refresh();
    const [gone] = await lookupsInState(stack);
    expect(gone?.outputs).toMatchObject({ lookup: { group: "later", result: null } });
  });

  it("through getGroup too; an unknown organization still fails", async () => {
    const stack = await lookupStack("if-exists-org", [
      { group: "nope", ifExists: true, via: "promise" },
      { organization: "nowhere", group: "prod", ifExists: true },
    ]);
    const preview = await stack.run(["preview"]);
    expect(preview.code).not.toBe(0);
    expect(preview.output).toContain('The Turso API does not know organization "nowhere"');
    expect(preview.output).not.toContain('Group "nope" was not found');
  });
});

describe("parent and dependsOn", () => {
  it("two components each get their own lookup of one group, for one request", async () => {
    const stack = await lookupStack("parents", [
      { organization: "acme", group: "prod", parent: "a" },
      { organization: "acme", group: "prod", parent: "b" },
    ]);
    await stack.up();
    expect(gets()).toEqual(["GET /v1/organizations/acme/groups/prod 200"]);
    const urns = (await lookupsInState(stack)).map((r) => (r as { urn?: string }).urn).sort();
    expect(urns).toEqual([
      "urn:pulumi:parents::e2e-lookup::e2e:index:Team$pulumi-nodejs:dynamic/turso:Group::a/acme/prod",
      "urn:pulumi:parents::e2e-lookup::e2e:index:Team$pulumi-nodejs:dynamic/turso:Group::b/acme/prod",
    ]);
    // Removing the first component leaves the second's lookup where it was.
    await setLookups(stack, [{ organization: "acme", group: "prod", parent: "b" }]);
    await stack.up();
    expect((await lookupsInState(stack)).map((r) => (r as { urn?: string }).urn)).toEqual([urns[1]]);
  });

  it("getGroup refuses dependsOn at the call, pointing to getGroupOutput, which waits", async () => {
    const refused = await lookupStack("depends-promise", [{ group: "default", via: "promise", dependsOnNew: true }]);
    const preview = await refused.run(["preview"]);
    expect(preview.code).not.toBe(0);
    expect(preview.output).toContain(
      "getGroup cannot take the option dependsOn: getGroup returns a Promise, which in a preview cannot wait for resources that are not created yet; use getGroupOutput with dependsOn.",
    );
    const waits = await lookupStack("depends-output", [{ group: "default", dependsOnNew: true }]);
    const ok = await waits.run(["preview"]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/primary\s*: output<string>|primary\s*: \[unknown\]/);
    await waits.up();
    expect((await waits.outputs())["primary"]).toBe("fra");
  });
});

describe("secret inputs", () => {
  it("make secret outputs and stay out of the state and the URN in plain text", async () => {
    const stack = await lookupStack("secret-org", [{ group: "prod", secretOrg: true }], {
      secrets: { "e2e:secretOrganization": "acme" },
    });
    await stack.up();
    await stack.refresh();
    const state = readFileSync(stack.stateFile(), "utf8");
    expect(state).not.toContain("acme");
    const [read] = await lookupsInState(stack);
    expect(read?.id).toBe("secret~1");
    const shown = await stack.cli(["stack", "output", "--json"]);
    expect(JSON.parse(shown.stdout)).toMatchObject({ primary: "[secret]" });
    const revealed = await stack.cli(["stack", "output", "--json", "--show-secrets"]);
    expect(JSON.parse(revealed.stdout)).toMatchObject({ primary: "aws-eu-west-1" });
  });
});

describe("two copies of the package in one program", () => {
  it("share one lookup per group instead of colliding on its URN", async () => {
    // A program whose library brings its own nested copy of the package.
    const dir = path.join(harness.dir, "two-copies");
    const modules = path.join(dir, "node_modules");
    const nested = path.join(modules, "shared-lib", "node_modules", "pulumi-turso-group");
    mkdirSync(nested, { recursive: true });
    for (const dep of ["@pulumi", "axios"]) symlinkSync(path.join(REPO, "node_modules", dep), path.join(modules, dep));
    symlinkSync(path.join(REPO, "sdk"), path.join(modules, "pulumi-turso-group"));
    cpSync(path.join(REPO, "sdk", "package.json"), path.join(nested, "package.json"));
    cpSync(path.join(REPO, "sdk", "dist"), path.join(nested, "dist"), { recursive: true });
    writeFileSync(
      path.join(modules, "shared-lib", "index.js"),
      'const { getGroupOutput } = require("pulumi-turso-group");\n' +
        'exports.prod = () => getGroupOutput({ organization: "acme", group: "prod" });\n',
    );
    writeFileSync(path.join(dir, "Pulumi.yaml"), "name: e2e-two-copies\nruntime: nodejs\n");
    writeFileSync(path.join(dir, "package.json"), '{ "name": "e2e-two-copies", "main": "index.js" }\n');
    writeFileSync(
      path.join(dir, "index.js"),
      'const { getGroupOutput } = require("pulumi-turso-group");\n' +
        'const lib = require("shared-lib");\n' +
        'if (require.resolve("pulumi-turso-group", { paths: [require.resolve("shared-lib")] }) === require.resolve("pulumi-turso-group")) throw new Error("one copy only");\n' +
        'exports.mine = getGroupOutput({ organization: "acme", group: "prod" }).primary;\n' +
        "exports.theirs = lib.prod().primary;\n",
    );
    const stack = await lookupStack("dev", undefined, { program: dir });
    const up = await stack.run(["up", "--yes", "--skip-preview"]);
    expect(up.output).not.toContain("Duplicate resource URN");
    expect(up.code).toBe(0);
    expect(await stack.outputs()).toEqual({ mine: "aws-eu-west-1", theirs: "aws-eu-west-1" });
    expect(await lookupsInState(stack)).toHaveLength(1);
    expect(gets()).toEqual(["GET /v1/organizations/acme/groups/prod 200"]);
  });
});
