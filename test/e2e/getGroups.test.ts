import { readFileSync } from "node:fs";
import path from "node:path";
import { ALICE } from "../helpers/seed";
import { suiteEmulator } from "./emulated";
import { Harness, PROGRAMS, lookupStacks, type LookupStackOptions, type TestStack } from "./harness";

jest.setTimeout(180_000);

const harness = new Harness("getGroups");
const program = path.join(PROGRAMS, "groups");
const emu = suiteEmulator();
const gets = emu.gets;
const staging = { name: "staging", primary: "fra", locations: ["fra"] };

const groupsStack = lookupStacks(harness, { program, api: emu, token: ALICE });
/** A stack of the groups program, its getGroups calls in e2e:lists. */
const listStack = (stack: string, lists: unknown[], options: LookupStackOptions = {}): Promise<TestStack> =>
  groupsStack(stack, undefined, { ...options, config: { "e2e:lists": JSON.stringify(lists), ...options.config } });

describe("every group of an organization through the real engine", () => {
  let stack: TestStack;
  // The groups added here (edge, then staging) are gone for the tests after, whatever happened.
  afterAll(() => emu.reset());
  beforeAll(async () => {
    emu.setGroup("acme", { name: "edge", primary: "aws-us-east-1", locations: ["aws-us-east-1", "ams"] });
    // Three calls for one organization (output, promise, and from stack config): one read, one GET.
    stack = await listStack("acme", [{ organization: "acme" }, { organization: "acme", via: "promise" }, {}], {
      config: { "turso:organization": "acme" },
    });
  });

  it("reads during preview, with one GET and one read for the organization", async () => {
    const preview = await stack.preview();
    expect(gets()).toEqual(["GET /v1/organizations/acme/groups 200"]);
    expect(preview.stdout).toContain("> pulumi-nodejs:dynamic/turso:Groups: (read)");
    expect(preview.stdout).toContain("[urn=urn:pulumi:acme::e2e-groups::pulumi-nodejs:dynamic/turso:Groups::acme]");
    expect(preview.stdout.match(/turso:Groups: \(read\)/g)).toHaveLength(1);
    expect(preview.stdout).not.toContain("unknown");
  });

  it("exports the groups sorted by name, with their regions, on up", async () => {
    await stack.up();
    expect(gets()).toEqual(["GET /v1/organizations/acme/groups 200"]);
    const outputs = await stack.outputs();
    expect(outputs["organization"]).toBe("acme");
    expect(outputs["names"]).toEqual(["edge", "prod"]);
    expect(outputs["counts"]).toEqual([2, 2, 2]);
    expect(outputs["primaryRegions"]).toEqual([
      { cloud: "aws", region: "us-east-1" },
      { cloud: "aws", region: "eu-west-1" },
    ]);
    expect((outputs["groups"] as unknown[])[0]).toEqual({
      name: "edge",
      organization: "acme",
      primary: "aws-us-east-1",
      locations: ["aws-us-east-1", "ams"],
      uuid: expect.any(String),
      version: expect.any(String),
      deleteProtection: false,
      archived: false,
      primaryRegion: { cloud: "aws", region: "us-east-1" },
      locationRegions: [
        { cloud: "aws", region: "us-east-1" },
        { cloud: "fly", region: "ams" },
      ],
    });
    const reads = (await stack.resources()).filter((r) => r.type === "pulumi-nodejs:dynamic/turso:Groups");
    expect(reads.map((r) => r.id)).toEqual(["acme"]);
  });

  it("is consumed by a second stack through a StackReference", async () => {
    const consumer = await harness.stack({
      program,
      stack: "consumer",
      config: { "e2e:source": "organization/e2e-groups/acme" },
    });
    await consumer.up();
    expect((await consumer.outputs())["referencedPrimaries"]).toEqual({ edge: "aws-us-east-1", prod: "aws-eu-west-1" });
  });

  it("records a group added since on refresh, with one GET", async () => {
    emu.setGroup("acme", staging);
    await stack.refresh();
    expect(gets()).toEqual(["GET /v1/organizations/acme/groups 200"]);
    const read = (await stack.resources()).find((r) => r.type === "pulumi-nodejs:dynamic/turso:Groups");
    const recorded = read?.outputs?.["lookup"] as { result: { name: string }[] };
    expect(recorded.result.map((g) => g.name)).toEqual(["edge", "prod", "staging"]);
    await stack.up();
    expect((await stack.outputs())["names"]).toEqual(["edge", "prod", "staging"]);
  });

  it("leaves an empty stack after destroy, with no request", async () => {
    emu.clearRequests();
    await stack.destroy();
    expect(await stack.resources()).toEqual([]);
    expect(gets()).toEqual([]);
  });
});

describe("the personal account and failures", () => {
  it("lists the personal account's groups with the user-scoped route", async () => {
    const stack = await listStack("personal", [{}]);
    await stack.up();
    expect(gets()).toEqual(["GET /v1/groups 200"]);
    const outputs = await stack.outputs();
    expect(outputs["organization"]).toBeNull();
    expect(outputs["names"]).toEqual(["default"]);
    const reads = (await stack.resources()).filter((r) => r.type === "pulumi-nodejs:dynamic/turso:Groups");
    expect(reads.map((r) => r.id)).toEqual(["~"]);
  });

  it("an unknown organization fails the preview, naming it and where it came from", async () => {
    const stack = await listStack("unknown-org", [{}], { env: { TURSO_ORGANIZATION: "nope" } });
    const preview = await stack.run(["preview"]);
    expect(preview.code).not.toBe(0);
    expect(preview.output).toContain(
      'The Turso API does not know organization "nope" (from environment variable TURSO_ORGANIZATION), or the token from stack config "turso:apiToken" cannot see it (404: organization not found).',
    );
    expect(gets()).toEqual(["GET /v1/organizations/nope/groups 404"]);
  });

  it("an invalid Output-valued organization is refused by the read, with no request", async () => {
    const stack = await listStack("invalid-output", [{ organization: "Not Valid", via: "inputs" }]);
    const preview = await stack.run(["preview"]);
    expect(preview.code).not.toBe(0);
    expect(preview.output).toContain(
      'error: Preview failed: organization "Not Valid" is invalid: it must not contain whitespace.',
    );
    expect(gets()).toEqual([]);
  });

  it("a secret organization keeps the name out of the state and the result secret", async () => {
    const stack = await listStack("secret-org", [{ secretOrg: true }], { config: {} });
    await stack.cli(["config", "set", "--secret", "e2e:secretOrganization"], {}, "acme");
    await stack.up();
    expect(gets()).toEqual(["GET /v1/organizations/acme/groups 200"]);
    const reads = (await stack.resources()).filter((r) => r.type === "pulumi-nodejs:dynamic/turso:Groups");
    expect(reads.map((r) => r.id)).toEqual(["secret~1"]);
    const stdout = (await stack.cli(["stack", "output", "--json"])).stdout;
    expect(JSON.parse(stdout)["names"]).toBe("[secret]");
    expect(readFileSync(stack.stateFile(), "utf8")).not.toContain('"acme"');
  });
});
