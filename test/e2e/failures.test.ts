/**
 * Every failure a user can make or meet, through the real CLI: each row is one `pulumi preview`
 * that must fail in seconds, print its message at most twice (the engine's error and at most one
 * more), and print no stack frame and no object dump. The seconds and the peak RSS of each row
 * are written to .e2e/failures/figures.md (the table in docs/reliability.md comes from there).
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import type { Fault } from "../../sdk/src/emulator";
import { ALICE, BOB } from "../helpers/seed";
import { suiteEmulator } from "./emulated";
import { Harness, lookupStacks } from "./harness";

jest.setTimeout(600_000);

const harness = new Harness("failures");
const emu = suiteEmulator();
// The suite's emulator is shared: a fault a row did not use up, passed or failed, never reaches the next.
afterEach(() => emu.clearFaults());
const lookupStack = lookupStacks(harness, { api: emu });

/** The pathology this guards against takes 50 s and more; a failing preview takes 3 to 10 s. */
const NO_HANG_MS = 40_000;

interface Row {
  readonly name: string;
  readonly lookups: unknown[];
  readonly message: string;
  readonly requests: number;
  readonly config?: Record<string, string>;
  readonly env?: Record<string, string>;
  readonly token?: string;
  readonly faults?: Fault[];
}

const ORG_INVALID = 'organization "acme corp" is invalid: it must not contain whitespace';
const rows: Row[] = [
  { name: "group-invalid", lookups: [{ group: "a b" }], message: 'group "a b" is invalid', requests: 0 },
  {
    name: "group-invalid-promise",
    lookups: [{ group: "a/b", via: "promise" }],
    message: 'group "a/b" is invalid',
    requests: 0,
  },
  {
    name: "group-invalid-output",
    lookups: [{ group: "a/b", via: "inputs" }],
    message: 'group "a/b" is invalid',
    requests: 0,
  },
  {
    name: "org-invalid",
    lookups: [{ organization: "acme corp", group: "prod" }],
    message: ORG_INVALID,
    requests: 0,
  },
  {
    name: "org-invalid-output",
    lookups: [{ organization: "acme corp", group: "prod", via: "inputs" }],
    message: ORG_INVALID,
    requests: 0,
  },
  {
    name: "org-invalid-env",
    lookups: [{ group: "prod" }],
    env: { TURSO_ORGANIZATION: "acme corp" },
    message: 'TURSO_ORGANIZATION "acme corp" is invalid',
    requests: 0,
  },
  {
    name: "org-invalid-config",
    lookups: [{ group: "prod", via: "promise" }],
    config: { "turso:organization": "acme corp" },
    message: 'turso:organization "acme corp" is invalid',
    requests: 0,
  },
  {
    name: "expect-malformed",
    lookups: [{ group: "default", expect: { primaryIn: [] } }],
    message: "expect.primaryIn must not be empty",
    requests: 0,
  },
  {
    name: "expect-twice",
    lookups: [
      { group: "default", expect: { primaryIn: ["fra"] } },
      { group: "default", expect: { primaryIn: ["ams"] } },
    ],
    message:
      'getGroupOutput was called for group "default" in your personal account with other expect or ifExists than an earlier getGroupOutput',
    // The first call's lookup was registered before the second call threw, and it reads.
    requests: 1,
  },
  {
    name: "expect-twice-output",
    lookups: [
      { group: "default", expect: { primaryIn: ["fra"] } },
      { group: "default", expect: { primaryIn: ["ams"] }, via: "inputs" },
    ],
    message:
      'getGroupOutput was called for group "default" in your personal account with other expect or ifExists than an earlier getGroupOutput',
    requests: 1,
  },
  { name: "no-token", lookups: [{ group: "default" }], token: "", message: "No Turso API token", requests: 0 },
  {
    name: "token-rejected",
    lookups: [{ group: "default" }],
    token: "revoked-token-77",
    message: "The Turso API rejected the API token",
    requests: 1,
  },
  {
    name: "not-a-member",
    lookups: [{ organization: "acme", group: "prod", via: "promise" }],
    token: BOB,
    message: 'The Turso API refused access to organization "acme"',
    requests: 1,
  },
  // A missing group costs a second GET, of the scope's groups, for "did you mean".
  {
    name: "group-missing",
    lookups: [{ group: "nope" }],
    message: 'Group "nope" was not found in your personal account (404: group not found). List your groups',
    requests: 2,
  },
  {
    name: "group-missing-promise",
    lookups: [{ group: "nope", via: "promise" }],
    message: 'Group "nope" was not found in your personal account',
    requests: 2,
  },
  {
    name: "group-typo",
    lookups: [{ group: "defualt" }],
    message:
      'Group "defualt" was not found in your personal account (404: group not found). Did you mean "default"? List your groups',
    requests: 2,
  },
  {
    name: "org-unknown-env",
    lookups: [{ group: "prod" }],
    env: { TURSO_ORGANIZATION: "acmee" },
    message: 'The Turso API does not know organization "acmee" (from environment variable TURSO_ORGANIZATION)',
    requests: 1,
  },
  {
    name: "outage",
    lookups: [{ group: "default" }],
    config: { "turso:maxRetries": "1", "turso:maxRetryDelayMs": "100" },
    faults: [{ kind: "status", status: 503 }],
    message: "answered 503",
    requests: 2,
  },
  {
    name: "stalled",
    lookups: [{ group: "default" }],
    config: { "turso:timeoutMs": "500", "turso:totalTimeoutMs": "1500", "turso:maxRetryDelayMs": "100" },
    faults: [{ kind: "stall" }],
    message: "got no complete answer within 500 ms",
    requests: 3,
  },
  {
    name: "malformed-body",
    lookups: [{ group: "default" }],
    faults: [{ kind: "malformed" }],
    message: "The Turso API answered 200 but",
    requests: 1,
  },
  {
    name: "placement",
    lookups: [{ organization: "acme", group: "prod", expect: { primaryIn: ["aws-us-east-1"] } }],
    message: 'primary is "aws-eu-west-1", expected one of ["aws-us-east-1"]',
    requests: 1,
  },
];

const figures: string[] = [
  "| failure | how | preview | peak RSS | message shown |",
  "| --- | --- | ---: | ---: | ---: |",
];

afterAll(() => {
  writeFileSync(path.join(harness.dir, "figures.md"), `${figures.join("\n")}\n`);
  process.stdout.write(`${figures.join("\n")}\n`);
});

describe("a failing preview is fast, says it once, and shows no stack", () => {
  it.each(rows.map((r) => [r.name, r] as const))("%s", async (_name, row) => {
    const stack = await lookupStack(row.name, row.lookups, {
      token: row.token === "" ? undefined : (row.token ?? ALICE),
      config: row.config,
      env: row.env,
    });
    for (const fault of row.faults ?? []) emu.addFault(fault);
    const result = await stack.run(["preview"], {}, undefined, true);
    expect(result.code).not.toBe(0);
    expect(result.output).toContain(row.message);
    const shown = result.output.split(row.message).length - 1;
    expect(shown).toBeLessThanOrEqual(2);
    // No stack frame at all, and no dump of an error's fields ({ method: undefined, ... }).
    expect(result.output).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
    expect(result.output).not.toMatch(/\b(method|status|url|apiMessage): /);
    expect(emu.requests()).toHaveLength(row.requests);
    expect(result.ms).toBeLessThan(NO_HANG_MS);
    const rss = result.maxRssKb === undefined ? "n/a" : `${Math.round(result.maxRssKb / 1024)} MB`;
    const how = JSON.stringify({ ...(row.lookups.at(-1) as object), ...row.env, ...row.config });
    figures.push(`| ${row.name} | \`${how}\` | ${(result.ms / 1000).toFixed(1)} s | ${rss} | ${shown}× |`);
  });
});
