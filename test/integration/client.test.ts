import { startEmulator, type Emulator } from "../../sdk/src/emulator";
import {
  TursoApiError,
  TursoAuthError,
  TursoForbiddenError,
  TursoInputError,
  TursoNotFoundError,
  TursoResponseError,
} from "../../sdk/src/core/errors";
import { testClient } from "../helpers/client";
import { ALICE_DEFAULT_GROUP } from "../helpers/expected";
import { ACME_ORG_TOKEN, ACME_PROD_READ_TOKEN, ALICE, BOB, SCOPED_SEED, TEST_SEED } from "../helpers/seed";

let emu: Emulator;
beforeEach(async () => {
  emu = await startEmulator({ seed: TEST_SEED });
});
afterEach(() => emu.stop());

const paths = () => emu.requests().map((r) => `${r.method} ${r.path} ${r.status}`);
async function failure(p: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await p;
  } catch (err) {
    return err as Error & Record<string, unknown>;
  }
  throw new Error("expected the lookup to fail");
}

describe("TursoClient against the emulator", () => {
  it("reads a personal group with one GET of the user-scoped path", async () => {
    const { client } = testClient(emu.url, ALICE);
    const group = await client.getGroup({ group: "default" });
    expect(group).toEqual(ALICE_DEFAULT_GROUP);
    expect(paths()).toEqual(["GET /v1/groups/default 200"]);
  });

  it("reads an organization's group with the organization path", async () => {
    const { client } = testClient(emu.url, ALICE);
    expect((await client.getGroup({ organization: "acme", group: "prod" })).primary).toBe("aws-eu-west-1");
    expect(paths()).toEqual(["GET /v1/organizations/acme/groups/prod 200"]);
  });

  it("retries 429 honouring Retry-After in seconds and as a date, then succeeds", async () => {
    emu.addFault({ kind: "status", status: 429, retryAfter: "2", times: 1 });
    emu.addFault({ kind: "status", status: 429, retryAfter: new Date(Date.now() + 3_000).toUTCString(), times: 1 });
    const { client, waits } = testClient(emu.url, ALICE);
    expect((await client.getGroup({ group: "default" })).primary).toBe("fra");
    expect(paths()).toEqual(["GET /v1/groups/default 429", "GET /v1/groups/default 429", "GET /v1/groups/default 200"]);
    expect(waits[0]).toBe(2000);
    expect(waits[1]).toBeGreaterThan(1000); // an HTTP date: whole seconds, minus the time spent
    expect(waits[1]).toBeLessThanOrEqual(3000);
  });

  it.each([500, 502, 503, 504, 408])("retries %i with backoff, then succeeds", async (status) => {
    emu.addFault({ kind: "status", status, times: 2 });
    const { client, waits } = testClient(emu.url, ALICE);
    await client.getGroup({ group: "default" });
    expect(emu.requests().map((r) => r.status)).toEqual([status, status, 200]);
    expect(waits).toEqual([188, 375]); // 250 ms doubling, equal jitter at random 0.5
  });

  it("gives up after the retry limit with what was tried", async () => {
    emu.addFault({ kind: "status", status: 503, body: { error: "overloaded" } });
    const { client } = testClient(emu.url, ALICE, { now: fakeClock() });
    const err = await failure(client.getGroup({ group: "default" }));
    expect(err).toBeInstanceOf(TursoApiError);
    expect(err.message).toBe(
      `The Turso API failed looking up group "default" in your personal account: GET ${emu.url}/v1/groups/default answered 503: overloaded after 4 attempts over 0.8 s. Try again later, or raise turso:maxRetries.`,
    );
    expect([err["status"], err["attempts"], err["apiMessage"], err["method"]]).toEqual([503, 4, "overloaded", "GET"]);
    expect(emu.requests()).toHaveLength(4);
  });

  it.each([
    [400, TursoApiError],
    [401, TursoAuthError],
    [403, TursoForbiddenError],
    [404, TursoNotFoundError],
  ])("never retries %i", async (status, type) => {
    emu.addFault({ kind: "status", status });
    const { client, waits } = testClient(emu.url, ALICE);
    expect(await failure(client.getGroup({ group: "default" }))).toBeInstanceOf(type);
    expect(emu.requests()).toHaveLength(1);
    expect(waits).toEqual([]);
  });

  it("explains a rejected token, naming its source", async () => {
    const { client } = testClient(emu.url, "wrong-token");
    const err = await failure(client.getGroup({ group: "default" }));
    expect(err.message).toBe(
      'The Turso API rejected the API token from environment variable TURSO_API_TOKEN (401: invalid token). Create a token with "turso auth api-tokens mint NAME", then run "pulumi config set --secret turso:apiToken <token>" or export TURSO_API_TOKEN.',
    );
  });

  it("explains a refused organization", async () => {
    const { client } = testClient(emu.url, BOB);
    const err = await failure(client.getGroup({ organization: "acme", group: "prod" }));
    expect(err).toBeInstanceOf(TursoForbiddenError);
    expect(err.message).toBe(
      `The Turso API refused access to organization "acme" (403: user is not a member of organization acme): the token's user is not a member of it, or the token's scope does not cover it. Check "turso org list" and the token from environment variable TURSO_API_TOKEN.`,
    );
  });

  it("says an unknown organization is unknown, not the group, and where its name came from", async () => {
    const { client } = testClient(emu.url, ALICE);
    const err = await failure(
      client.getGroup({
        organization: "acmee",
        group: "prod",
        organizationSource: 'stack config "turso:organization"',
      }),
    );
    expect(err).toBeInstanceOf(TursoNotFoundError);
    expect(err["missing"]).toBe("organization");
    expect(err.message).toBe(
      'The Turso API does not know organization "acmee" (from stack config "turso:organization"), or the token from environment variable TURSO_API_TOKEN cannot see it (404: organization not found). Check the organization\'s name with "turso org list".',
    );
    expect(err.message).not.toContain("org switch");
    const group = await failure(client.getGroup({ organization: "acme", group: "nope" }));
    expect(group["missing"]).toBe("group");
  });

  it("ends the whole lookup at turso:totalTimeoutMs, waits and attempts included", async () => {
    emu.addFault({ kind: "stall" });
    const { client } = testClient(emu.url, ALICE, {
      timeoutMs: 400,
      totalTimeoutMs: 1_000,
      retry: { retries: 10, baseDelayMs: 300, maxDelayMs: 300 },
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    });
    const t0 = Date.now();
    const err = await failure(client.getGroup({ group: "default" }));
    const took = Date.now() - t0;
    // 10 retries of 400 ms plus waits would take 7 s; the deadline ends it after about 1 s.
    expect(took).toBeLessThan(3_000);
    expect(err.message).toMatch(/\(2 attempts over \d\.\d s, stopped by turso:totalTimeoutMs=1000\)/);
    expect(emu.requests().length).toBeLessThanOrEqual(2);
  });

  it("explains a missing group in an organization and in the personal account", async () => {
    const { client } = testClient(emu.url, ALICE);
    expect((await failure(client.getGroup({ organization: "acme", group: "nope" }))).message).toBe(
      'Group "nope" was not found in organization "acme" (404: group not found). List its groups with "turso group list" (after "turso org switch acme"), and check the organization\'s name with "turso org list".',
    );
    expect((await failure(client.getGroup({ group: "nope" }))).message).toBe(
      'Group "nope" was not found in your personal account (404: group not found). List your groups with "turso group list"; for an organization\'s group, set organization, turso:organization or TURSO_ORGANIZATION.',
    );
  });

  it("times out a stalled response, retries it, and says so with the limit", async () => {
    emu.addFault({ kind: "stall" });
    const { client } = testClient(emu.url, ALICE, {
      timeoutMs: 200,
      retry: { retries: 1, baseDelayMs: 1, maxDelayMs: 1 },
    });
    const t0 = Date.now();
    const err = await failure(client.getGroup({ group: "default" }));
    expect(Date.now() - t0).toBeLessThan(2_000);
    expect(err.message).toMatch(
      new RegExp(
        `^Timed out looking up group "default" in your personal account: GET ${emu.url}/v1/groups/default got no complete answer within 200 ms \\(2 attempts over 0\\.\\d s\\)\\.`,
      ),
    );
  });

  it("retries a dropped connection, then succeeds", async () => {
    emu.addFault({ kind: "drop", times: 1 });
    const { client } = testClient(emu.url, ALICE);
    expect((await client.getGroup({ group: "default" })).name).toBe("default");
    expect(emu.requests().map((r) => r.status)).toEqual([0, 200]);
  });

  it("refuses a malformed body without retrying, quoting the status", async () => {
    emu.addFault({ kind: "malformed", times: 1 });
    const { client } = testClient(emu.url, ALICE);
    const err = await failure(client.getGroup({ group: "default" }));
    expect(err).toBeInstanceOf(TursoResponseError);
    expect(err.message).toBe(
      'The Turso API answered 200 but the body is not JSON ("{\\"group\\": {\\"name\\": \\"trunc"). Retry later; if it persists, report it to Turso.',
    );
    expect(emu.requests()).toHaveLength(1);
  });

  it("does not follow a redirect, so the token stays with the API host", async () => {
    const other = await startEmulator({ seed: TEST_SEED });
    emu.addFault({ kind: "redirect", location: `${other.url}/v1/groups/default?token=x` });
    const { client } = testClient(emu.url, ALICE);
    const err = await failure(client.getGroup({ group: "default" }));
    expect(err.message).toBe(
      `The Turso API answered GET ${emu.url}/v1/groups/default with a redirect (302 to ${other.url}/v1/groups/default), which is not followed so that the token never leaves for another host. Check the base URL, from environment variable TURSO_API_BASEURL.`,
    );
    expect(other.requests()).toEqual([]);
    await other.stop();
  });

  it("survives extra fields, missing optional ones, empty locations, a primary outside them and a wrong content type", async () => {
    emu.addFault({
      kind: "status",
      status: 200,
      contentType: "text/plain",
      body: { group: { name: "default", locations: [], primary: "lhr", brand_new: { x: 1 } }, next: null },
      times: 1,
    });
    const { client } = testClient(emu.url, ALICE);
    expect(await client.getGroup({ group: "default" })).toEqual({ name: "default", locations: [], primary: "lhr" });
  });

  it("refuses a body over the size limit", async () => {
    emu.addFault({
      kind: "status",
      status: 200,
      body: { group: { name: "g", locations: ["x".repeat(5000)], primary: "x" } },
    });
    const { client } = testClient(emu.url, ALICE, { maxResponseBytes: 1000 });
    expect((await failure(client.getGroup({ group: "default" }))).message).toBe(
      `The Turso API's answer to GET ${emu.url}/v1/groups/default is larger than 1000 bytes; refused.`,
    );
  });

  it("validates names before any request", async () => {
    const { client } = testClient(emu.url, ALICE);
    expect(await failure(client.getGroup({ group: "../admin" }))).toBeInstanceOf(TursoInputError);
    expect(await failure(client.getGroup({ organization: "a/b", group: "g" }))).toBeInstanceOf(TursoInputError);
    expect(emu.requests()).toEqual([]);
  });

  it("never puts the token in an error", async () => {
    emu.addFault({ kind: "status", status: 500 });
    const { client } = testClient(emu.url, ALICE, { retry: { retries: 0, baseDelayMs: 1, maxDelayMs: 1 } });
    const err = await failure(client.getGroup({ group: "default" }));
    const everything = JSON.stringify({ ...err, message: err.message, stack: err.stack, cause: String(err.cause) });
    expect(everything).not.toContain(ALICE);
  });

  it("keeps at most maxConcurrency requests in flight", async () => {
    emu.addFault({ kind: "delay", delayMs: 30 });
    const { client } = testClient(emu.url, ALICE, { maxConcurrency: 3 });
    await Promise.all(Array.from({ length: 12 }, () => client.getGroup({ group: "default" })));
    expect(emu.requests()).toHaveLength(12);
    expect(emu.maxInFlight()).toBe(3);
  });
});

/** A clock that advances 100 ms per reading (the client reads it twice per attempt), so durations in messages are exact. */
function fakeClock(): () => number {
  let t = 0;
  return () => (t += 100);
}

describe("scoped tokens", () => {
  let scoped: Emulator;
  beforeAll(async () => {
    scoped = await startEmulator({ seed: SCOPED_SEED });
  });
  afterAll(() => scoped.stop());

  it("a group-scoped token reading another group is told what it can reach", async () => {
    const { client } = testClient(scoped.url, ACME_PROD_READ_TOKEN);
    expect(await client.getGroup({ organization: "acme", group: "prod" })).toMatchObject({ name: "prod" });
    const err = await failure(client.getGroup({ group: "default" }));
    expect(err).toBeInstanceOf(TursoForbiddenError);
    expect(err.message).toMatch(
      /^The token from environment variable TURSO_API_TOKEN cannot reach your personal account \(403: token is restricted to group prod of organization acme\): it is a scoped token, and its scope does not cover this lookup\. .*tokenFrom\.$/,
    );
  });

  it("an organization-scoped token reading another organization too", async () => {
    const { client } = testClient(scoped.url, ACME_ORG_TOKEN);
    const err = await failure(client.getGroup({ organization: "alice", group: "default" }));
    expect(err.message).toContain(
      'cannot reach organization "alice" (403: token is restricted to organization acme): it is a scoped token',
    );
  });
});
