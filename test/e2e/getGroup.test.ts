import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { ALICE_DEFAULT_RESULT } from "../helpers/expected";
import { ALICE, BOB } from "../helpers/seed";
import { suiteEmulator } from "./emulated";
import { Harness, PROGRAMS, REPO, lookupStacks, type TestStack } from "./harness";

jest.setTimeout(120_000);

type Fixture = { outputs: { __provider: string } };

/** What a lookup recorded in state: its query and result (provider contract 2). */
const recorded = (resource: { outputs?: Record<string, unknown> } | undefined) =>
  resource?.outputs?.["lookup"] as
    { result?: { primary: string; locations: string[] }; tokenFrom?: unknown } | undefined;

const harness = new Harness("getGroup");
const emu = suiteEmulator();
const gets = emu.gets;

const lookupStack = lookupStacks(harness, { api: emu, token: ALICE });

describe("a personal-account lookup through the real engine", () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await lookupStack("personal", [{ group: "default" }]);
  });

  it("reads during preview: the values are shown, and the GET happened during the preview", async () => {
    const preview = await stack.preview();
    expect(gets()).toEqual(["GET /v1/groups/default 200"]);
    expect(preview.stdout).toContain("> pulumi-nodejs:dynamic/turso:Group: (read)");
    expect(preview.stdout).toContain(
      "[urn=urn:pulumi:personal::e2e-lookup::pulumi-nodejs:dynamic/turso:Group::default]",
    );
    expect(preview.stdout).toMatch(/primary\s*: "fra"/);
    expect(preview.stdout).not.toContain("unknown");
  });

  it("exports locations and primary on up, readable with stack output --json", async () => {
    await stack.up();
    expect(gets()).toEqual(["GET /v1/groups/default 200"]);
    const outputs = await stack.outputs();
    expect(outputs["primary"]).toBe("fra");
    expect(outputs["locations"]).toEqual(["fra", "ams"]);
    expect(outputs["all"]).toEqual([ALICE_DEFAULT_RESULT]);
  });

  it("is consumed by a second stack through a StackReference", async () => {
    const consumer = await harness.stack({
      program: path.join(PROGRAMS, "consumer"),
      stack: "consumer",
      config: { "e2e:source": "organization/e2e-lookup/personal" },
    });
    await consumer.up();
    expect(await consumer.outputs()).toEqual({ deployRegion: "fra", replicaCount: 2 });
  });

  it("records a moved group on refresh", async () => {
    emu.setGroup("alice", { name: "default", primary: "ams", locations: ["ams", "lhr", "fra"] });
    try {
      await stack.refresh();
      expect(gets()).toEqual(["GET /v1/groups/default 200"]);
      const read = (await stack.resources()).find((r) => r.type === "pulumi-nodejs:dynamic/turso:Group");
      expect(recorded(read)?.result).toMatchObject({ primary: "ams", locations: ["ams", "lhr", "fra"] });
      await stack.up();
      expect((await stack.outputs())["primary"]).toBe("ams");
    } finally {
      // The suite's emulator is shared: its group is put back whether or not the test passed.
      emu.setGroup("alice", { name: "default", primary: "fra", locations: ["fra", "ams"] });
    }
  });

  it("stores no token and no path of this machine in the serialized provider, and says how big it is", async () => {
    const read = (await stack.resources()).find((r) => r.type === "pulumi-nodejs:dynamic/turso:Group");
    const provider = String(read?.outputs?.["__provider"]);
    // The copy that registered the lookup, relative to the program's folder; the package's name as the fallback.
    expect(provider).toContain('const p="../../../../sdk";');
    expect(provider).toContain('require("pulumi-turso-group/internal/provider")');
    expect(provider).not.toContain(ALICE);
    // No absolute path: not even the top folder of this checkout (e.g. "/work/").
    expect(provider).not.toContain(`${path.sep}${REPO.split(path.sep)[1]}${path.sep}`);
    expect(Buffer.byteLength(provider)).toBeLessThan(700);
    // The text is a contract with every state it was written to: it must be one that
    // test/integration/provider-contract.test.ts loads (add a fixture when it changes).
    const fixtures = readdirSync(path.join(REPO, "test", "fixtures", "state")).map(
      (f) =>
        (JSON.parse(readFileSync(path.join(REPO, "test", "fixtures", "state", f), "utf8")) as Fixture).outputs
          .__provider,
    );
    expect(fixtures).toContain(provider);
    process.stdout.write(`serialized provider: ${Buffer.byteLength(provider)} bytes\n`);
  });

  it("leaves an empty stack after destroy, with no request", async () => {
    await stack.destroy();
    expect(await stack.resources()).toEqual([]);
    expect(gets()).toEqual([]);
  });
});

describe("organization lookups", () => {
  it("takes the organization from stack config and asks once for a group named twice", async () => {
    const stack = await lookupStack(
      "org",
      [{ group: "prod" }, { group: "prod" }, { organization: "acme", group: "prod" }],
      {
        config: { "turso:organization": "acme" },
      },
    );
    await stack.up();
    expect(gets()).toEqual(["GET /v1/organizations/acme/groups/prod 200"]);
    expect((await stack.outputs())["primary"]).toBe("aws-eu-west-1");
  });

  it("takes the organization and the token from the environment", async () => {
    const stack = await lookupStack("org-env", [{ group: "prod" }], {
      token: undefined,
      env: { TURSO_ORGANIZATION: "acme", TURSO_API_TOKEN: ALICE },
    });
    await stack.preview();
    expect(gets()).toEqual(["GET /v1/organizations/acme/groups/prod 200"]);
  });
});

describe("a second account", () => {
  it("each lookup sends the token its tokenFrom names, and neither token lands in state", async () => {
    const stack = await lookupStack(
      "two-accounts",
      [
        { group: "default" },
        { group: "default", tokenFrom: { config: "e2e:bobToken" } },
        { group: "default", tokenFrom: { env: "TURSO_BOB_TOKEN" }, via: "promise" },
      ],
      { secrets: { "e2e:bobToken": BOB }, env: { TURSO_BOB_TOKEN: BOB } },
    );
    await stack.up();
    // Alice's personal group "default" is in fra, Bob's in nrt: the answers show whose token went.
    const all = (await stack.outputs())["all"] as { primary: string }[];
    expect(all.map((g) => g.primary)).toEqual(["fra", "nrt", "nrt"]);
    expect(gets()).toEqual(["GET /v1/groups/default 200", "GET /v1/groups/default 200", "GET /v1/groups/default 200"]);
    const reads = (await stack.resources()).filter((r) => r.type === "pulumi-nodejs:dynamic/turso:Group");
    expect(reads.map((r) => JSON.stringify(recorded(r)?.tokenFrom ?? null)).sort()).toEqual([
      "null",
      '{"config":"e2e:bobToken"}',
      '{"env":"TURSO_BOB_TOKEN"}',
    ]);
    const state = readFileSync(stack.stateFile(), "utf8");
    expect(state).not.toContain(ALICE);
    expect(state).not.toContain(BOB);
  });

  it("a tokenFrom that names nothing usable fails at the call", async () => {
    const stack = await lookupStack("bad-token-from", [{ group: "default", tokenFrom: { config: "bobToken" } }]);
    const preview = await stack.run(["preview"]);
    expect(preview.code).not.toBe(0);
    expect(preview.output).toContain(
      'tokenFrom is invalid: tokenFrom.config must be a namespaced stack config key such as "turso:acmeToken" (got "bobToken").',
    );
  });
});

describe("unknown inputs", () => {
  it("leave the result unknown in a preview, with no request and no failure", async () => {
    const stack = await lookupStack("unknown", [{ group: "default" }], { config: { "e2e:groupFromResource": "true" } });
    const preview = await stack.preview();
    expect(preview.stdout).toMatch(/laterPrimary\s*: output<string>|laterPrimary\s*: \[unknown\]/);
    expect(gets()).toEqual(["GET /v1/groups/default 200"]);
    await stack.up();
    expect((await stack.outputs())["laterPrimary"]).toBe("fra");
  });
});

describe("failures a person can act on", () => {
  async function failingPreview(stack: TestStack): Promise<string> {
    const result = await stack.run(["preview"]);
    expect(result.code).not.toBe(0);
    return result.output;
  }

  it("a missing group", async () => {
    const out = await failingPreview(await lookupStack("missing", [{ group: "nope" }]));
    expect(out).toContain(
      'Group "nope" was not found in your personal account (404: group not found). List your groups with "turso group list"',
    );
    // The second GET lists the account's groups for a "did you mean" ("default" is too far from "nope").
    expect(gets()).toEqual(["GET /v1/groups/nope 404", "GET /v1/groups 200"]);
  });

  it("a rejected token, naming where it came from", async () => {
    const out = await failingPreview(
      await lookupStack("rejected", [{ group: "default" }], { token: "revoked-token-77" }),
    );
    expect(out).toContain(
      'The Turso API rejected the API token from stack config "turso:apiToken" (401: invalid token). Create a token with "turso auth api-tokens mint NAME", then run "pulumi config set --secret turso:apiToken <token>" or export TURSO_API_TOKEN.',
    );
    expect(out).not.toContain("revoked-token-77");
  });

  it("an organization the user is not a member of, and an unknown one", async () => {
    const refused = await failingPreview(
      await lookupStack("refused", [{ organization: "acme", group: "prod" }], { token: BOB }),
    );
    expect(refused).toContain(
      'The Turso API refused access to organization "acme" (403: user is not a member of organization acme)',
    );
    const unknown = await failingPreview(
      await lookupStack("unknown-org", [{ organization: "nowhere", group: "prod" }]),
    );
    expect(unknown).toContain(
      'The Turso API does not know organization "nowhere", or the token from stack config "turso:apiToken" cannot see it (404: organization not found). Check the organization\'s name with "turso org list".',
    );
  });

  it("an invalid name fails before any request", async () => {
    const out = await failingPreview(await lookupStack("invalid", [{ group: "../admin" }]));
    expect(out).toContain('group "../admin" is invalid: it must not contain "/" or "\\"');
    expect(gets()).toEqual([]);
  });

  it("a missing token says where it looked and how to get one", async () => {
    const out = await failingPreview(await lookupStack("no-token", [{ group: "default" }], { token: undefined }));
    expect(out).toContain(
      'No Turso API token: looked in stack config "turso:apiToken" and environment variable TURSO_API_TOKEN, both unset. Create a token with "turso auth api-tokens mint NAME"',
    );
    expect(gets()).toEqual([]);
  });
});

afterAll(() => {
  // Every state file, backup, history entry, stack config and CLI output of this suite.
  const files = harness.files();
  expect(files.some((f) => f.endsWith(".json") && f.includes(`${path.sep}stacks${path.sep}`))).toBe(true);
  for (const file of files) {
    const text = readFileSync(file, "utf8");
    for (const token of [ALICE, BOB, "revoked-token-77"]) {
      if (text.includes(token)) throw new Error(`the token ${token.slice(0, 5)}… appears in ${file}`);
    }
  }
});
