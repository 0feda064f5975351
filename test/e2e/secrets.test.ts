import { createHash } from "node:crypto";
import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { TERMINAL_CONTROL, hostileApi, suitePeers } from "../helpers/hostile";
import { ALICE } from "../helpers/seed";
import { suiteEmulator } from "./emulated";
import { unescapeJson } from "../secret-scan";
import { Harness, lookupStacks, type RunResult, type TestStack } from "./harness";

jest.setTimeout(180_000);

// Security findings of issue 20 (second round), through the real CLI: a hostile 2xx answer that
// holds the token JSON-escaped, escapes and bidi characters in a placement error, an answer far
// too large, a malformed secret value, a secret turso:organization, and the names of secret lookups.
const harness = new Harness("secrets");
const lookupStack = lookupStacks(harness, {
  env: { http_proxy: undefined, https_proxy: undefined, HTTP_PROXY: undefined, HTTPS_PROXY: undefined },
});

const emu = suiteEmulator();
const keep = suitePeers();
const gets = (): string[] => emu.gets();

/** Every file of the backend that mentions this stack (state, backups, history), as text. */
function backendFiles(stack: TestStack): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((f) => {
      const p = path.join(dir, f);
      return statSync(p).isDirectory() ? walk(p) : [p];
    });
  return walk(path.join(harness.backend, ".pulumi")).filter((f) => f.includes(stack.name));
}

/** How many times `needle` is in `text`, spelt plainly or with JSON escapes. */
const copies = (text: string, needle: string): number => unescapeJson(text).split(needle).length - 1;

const escaped = (text: string): string =>
  [...text].map((ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`).join("");

describe("a hostile API's 2xx answer", () => {
  it("holding the token JSON-escaped: the lookup is refused, and the token is nowhere", async () => {
    const api = await hostileApi(() => ({
      status: 200,
      body: `{"group":{"name":"default","primary":"${escaped(ALICE)}","locations":["${escaped(ALICE)}"]}}`,
    }));
    keep(api);
    const stack = await lookupStack("esc-token", [{ group: "default", expect: { primaryIn: ["fra"] } }], {
      api,
      env: { TURSO_API_TOKEN: ALICE },
    });
    const results: RunResult[] = [await stack.run(["preview", "--diff"]), await stack.run(["up", "--yes"])];
    for (const result of results) {
      expect(result.code).not.toBe(0);
      expect(result.output).toContain("the body contains an API token, which must never reach state");
      expect(result.output).toContain("Retrying will not help");
      expect(copies(result.output, ALICE)).toBe(0);
    }
    expect(api.requests).toHaveLength(2);
    const outputs = await stack.run(["stack", "output", "--json", "--show-secrets"]);
    expect(copies(outputs.output, ALICE)).toBe(0);
    const files = backendFiles(stack);
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) expect(copies(readFileSync(file, "utf8"), ALICE)).toBe(0);
  });

  it("with escapes and bidi characters around a placement: nothing a terminal acts on is printed", async () => {
    const api = await hostileApi(() => ({
      status: 200,
      body: JSON.stringify({
        group: {
          name: "default",
          primary: "\u001b]8;;https://evil.example/\u0007fra\u001b]8;;\u0007\u001b[2J\u202e",
          locations: ["fra", "ams\u202e\u0085"],
        },
      }),
    }));
    keep(api);
    const stack = await lookupStack("esc-placement", [{ group: "default", expect: { primaryIn: ["iad"] } }], {
      api,
      env: { TURSO_API_TOKEN: ALICE },
    });
    const result = await stack.run(["preview"]);
    expect(result.code).not.toBe(0);
    expect(result.output).toContain('"group.primary" holds whitespace or control characters ("fra")');
    // Pulumi's own output has line feeds; nothing else a terminal acts on, and no bidi override.
    expect(result.output.replace(/[\n\t]/g, "")).not.toMatch(TERMINAL_CONTROL);
    expect(result.output).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/u);
    expect(result.output).not.toContain("evil.example");
  });

  it("of 20 000 locations is refused in seconds with one short message", async () => {
    const locations = Array.from({ length: 20_000 }, (_, i) => `loc-${i}`);
    const api = await hostileApi(() => ({
      status: 200,
      body: JSON.stringify({ group: { name: "default", primary: "loc-0", locations } }),
    }));
    keep(api);
    const stack = await lookupStack("big-group", [{ group: "default" }], {
      api,
      env: { TURSO_API_TOKEN: ALICE },
    });
    const result = await stack.run(["up", "--yes"]);
    expect(result.code).not.toBe(0);
    expect(result.output).toContain('"group.locations" holds 20000 locations, over the limit of 256 per group');
    expect(api.requests).toHaveLength(1);
    // Not a flood: the whole output of the failed update is a few kilobytes (it was 33 MB).
    expect(result.output.length).toBeLessThan(20_000);
    // A no-hang bound, generous for a loaded 2-core machine (it took 350 s).
    expect(result.ms).toBeLessThan(90_000);
  });
});

describe("secret inputs", () => {
  it("a malformed secret Output is refused without being shown, in the terminal or the refused read", async () => {
    const stack = await lookupStack("bad-secret", [{ group: "prod", secretOrg: true }], {
      api: emu,
      token: ALICE,
      secrets: { "e2e:secretOrganization": "Sup3rSecret Org" },
    });
    const result = await stack.run(["preview"]);
    expect(result.code).not.toBe(0);
    expect(result.output).toContain(
      "organization (not shown: it may be a secret) is invalid: it must not contain whitespace. Use the name exactly as",
    );
    const json = await stack.run(["preview", "--json"]);
    expect(json.code).not.toBe(0);
    for (const out of [result.output, json.output]) expect(out).not.toContain("Sup3rSecret");
    expect(gets()).toEqual([]);
  });

  it("a secret turso:organization is used as a secret: in clear nowhere in state, progress or outputs", async () => {
    const stack = await lookupStack(
      "secret-config-org",
      [{ group: "prod" }, { group: "nowhere-yet", ifExists: true }],
      {
        api: emu,
        token: ALICE,
        secrets: { "turso:organization": "acme" },
      },
    );
    const up = await stack.run(["up", "--yes"]);
    expect(up.code).toBe(0);
    expect(gets()).toEqual(
      expect.arrayContaining([
        "GET /v1/organizations/acme/groups/prod 200",
        "GET /v1/organizations/acme/groups/nowhere-yet 404",
      ]),
    );
    expect(up.output).not.toMatch(/\bacme\b/);
    for (const file of backendFiles(stack)) expect(readFileSync(file, "utf8")).not.toMatch(/\bacme\b/);
    const lookups = (await stack.resources()).filter((r) => r.type === "pulumi-nodejs:dynamic/turso:Group");
    expect(lookups.map((r) => r.id).sort()).toEqual(["secret~1", "secret~2"]);
    expect((await stack.outputs())["primary"]).toBe("[secret]");
    const shown = await stack.cli(["stack", "output", "--json", "--show-secrets"]);
    expect(JSON.parse(shown.stdout)).toMatchObject({ primary: "aws-eu-west-1" });
  });

  it("a failure of a secret lookup names neither its organization nor its group", async () => {
    // "prodd" is a letter away from acme's "prod": a public lookup's error would suggest it.
    const stack = await lookupStack("secret-missing", [{ group: "prodd" }], {
      api: emu,
      token: ALICE,
      secrets: { "turso:organization": "acme" },
    });
    const result = await stack.run(["preview"]);
    expect(result.code).not.toBe(0);
    expect(result.output).toContain('Group "[secret]" was not found in organization "[secret]"');
    expect(result.output).not.toMatch(/\bacme\b/);
    expect(result.output).not.toContain("prod");
    expect(result.output).not.toContain("Did you mean");
  });

  it("a secret lookup's name and id cannot be confirmed by hashing a guess", async () => {
    const stack = await lookupStack("secret-names", [{ group: "prod", secretOrg: true }], {
      api: emu,
      token: ALICE,
      secrets: { "e2e:secretOrganization": "acme" },
    });
    await stack.cli(["up", "--yes"]);
    const exported = (await stack.cli(["stack", "export"])).stdout;
    const guess = createHash("sha256").update("acme/prod").digest("hex");
    for (const prefix of [guess.slice(0, 8), guess.slice(-8)]) expect(exported).not.toContain(prefix);
    expect(exported).toContain("turso:Group::secret~1");
    // Stable across runs: the next preview reads the same lookup, with no change to it.
    const again = await stack.cli(["preview", "--json"]);
    const steps = (JSON.parse(again.stdout) as { steps?: { op: string; urn: string }[] }).steps ?? [];
    const ours = steps.filter((s) => s.urn.includes("turso:Group"));
    expect(ours.map((s) => [s.op, s.urn.split("::").pop()])).toEqual([["read", "secret~1"]]);
  });
});
