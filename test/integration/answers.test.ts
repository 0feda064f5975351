import { ANSWER_LIMITS } from "../../sdk/src/core/client/parse";
import { TursoResponseError } from "../../sdk/src/core/errors";
import { ProviderRuntime } from "../../sdk/src/dynamic/provider/runtime";
import { testClient } from "../helpers/client";
import { failure } from "../helpers/failure";
import { TERMINAL_CONTROL, hostileApi, type Answer, type Peer, suitePeers } from "../helpers/hostile";
import { ALICE, BOB } from "../helpers/seed";

// What a hostile API can put in a 2xx answer, against the real client and provider over real
// sockets: the token spelt with JSON escapes, another token of the process, escapes and bidi
// characters for a message, answers too large to be a group, and data it should never send.

const keep = suitePeers();

async function api(answer: Answer): Promise<Peer & { requests: unknown[] }> {
  const peer = await hostileApi(answer);
  keep(peer);
  return peer;
}

/** Every character of `text` as a JSON `\uXXXX` escape. */
const escaped = (text: string): string =>
  [...text].map((ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`).join("");

const group = (fields: Record<string, unknown>): string =>
  JSON.stringify({ group: { name: "default", primary: "fra", locations: ["fra"], ...fields } });

/** A group answer whose `field` is `token`, spelt with JSON escapes in the body's text. */
const groupHolding = (field: string, token: string): string =>
  group({ [field]: "@TOKEN@" }).replace('"@TOKEN@"', `"${escaped(token)}"`);

const REFUSED = "Retrying will not help: check that the base URL, from environment variable TURSO_API_BASEURL,";

describe("a 2xx answer that holds a token", () => {
  it.each([
    ["fully JSON-escaped in primary", `{"group":{"name":"default","primary":"${escaped(ALICE)}","locations":[]}}`],
    [
      "escaped in part, in a location",
      `{"group":{"name":"default","primary":"fra","locations":["\\u0061${ALICE.slice(1)}"]}}`,
    ],
    [
      "escaped, in a field nobody reads",
      `{"group":{"name":"default","primary":"fra","locations":[],"x":{"y":["${escaped(ALICE)}"]}}}`,
    ],
    ["escaped, as a key", `{"group":{"name":"default","primary":"fra","locations":[],"${escaped(ALICE)}":1}}`],
  ])("is refused when the token is %s, not retried, and the message holds no copy", async (_, body) => {
    const server = await api(() => ({ status: 200, body }));
    const err = await failure(testClient(server.url, ALICE).client.getGroup({ group: "default" }));
    expect(err).toBeInstanceOf(TursoResponseError);
    expect(err.message).toContain("the body contains an API token, which must never reach state");
    expect(err.message).toContain(REFUSED);
    expect(server.requests).toHaveLength(1);
    expect(JSON.stringify({ ...err, message: err.message })).not.toContain(ALICE);
  });

  it("is refused when it holds another token the process uses (turso:apiToken beside a tokenFrom token)", async () => {
    // The lookup uses BOB's token (tokenFrom); the answer echoes, escaped, ALICE's (turso:apiToken).
    const server = await api(() => ({ status: 200, body: groupHolding("version", ALICE) }));
    const runtime = new ProviderRuntime({ TURSO_BOB: BOB, TURSO_API_BASEURL: server.url });
    await runtime.configure({ config: { get: (k: string) => ({ "turso:apiToken": ALICE })[k] } } as never);
    const err = await failure(runtime.read("default", { group: "default", tokenFrom: { env: "TURSO_BOB" } }));
    expect(err.message).toContain("the body contains an API token, which must never reach state");
    expect(err.message).not.toContain(ALICE);
  });

  it("is refused when a default lookup's answer holds a tokenFrom token used earlier in the process", async () => {
    let answer = group({});
    const server = await api(() => ({ status: 200, body: answer }));
    const runtime = new ProviderRuntime({ TURSO_BOB: BOB, TURSO_API_TOKEN: ALICE, TURSO_API_BASEURL: server.url });
    await runtime.read("default", { group: "default", tokenFrom: { env: "TURSO_BOB" } });
    answer = groupHolding("uuid", BOB);
    const err = await failure(runtime.read("acme/default", { organization: "acme", group: "default" }));
    expect(err.message).toContain("the body contains an API token");
  });
});

describe("a 2xx answer that does not keep its promise", () => {
  const refusal = async (body: string, ask = "default"): Promise<string> => {
    const server = await api(() => ({ status: 200, body }));
    const err = await failure(testClient(server.url, ALICE).client.getGroup({ group: ask }));
    expect(err).toBeInstanceOf(TursoResponseError);
    expect(server.requests).toHaveLength(1);
    expect(err.message).not.toMatch(TERMINAL_CONTROL);
    return err.message;
  };

  it("a group other than the one asked for", async () => {
    expect(await refusal(group({ name: "staging" }))).toBe(
      'The Turso API answered 200 but describes the group "staging", not the group "default" that was asked for. ' +
        "Retrying will not help: check that the base URL, from environment variable TURSO_API_BASEURL, is the Turso API's, " +
        "and report it to Turso if it is.",
    );
  });

  it("a name the package would refuse as input, shown cleaned", async () => {
    expect(await refusal(group({ name: "../../../etc/passwd" }))).toContain(
      '"group.name" "../../../etc/passwd" is not a group name: it must not contain "/" or "\\"',
    );
    const message = await refusal(group({ name: "evil\u001b]8;;https://x.example/\u0007name\u202e" }));
    expect(message).toContain('"group.name" "evilname" is not a group name');
  });

  it.each([
    ["primary", { primary: "fra\u001b[2J" }, '"group.primary" holds whitespace or control characters ("fra")'],
    [
      "a location",
      { locations: ["fra", "a\u202eb"] },
      '"group.locations[1]" holds whitespace or control characters ("ab")',
    ],
    ["uuid", { uuid: "x".repeat(129) }, '"group.uuid" is longer than 128 characters'],
    ["version", { version: "" }, '"group.version" is empty'],
  ])("%s with escapes, bidi characters or no bound", async (_, fields, said) => {
    expect(await refusal(group(fields))).toContain(said);
  });

  it(`a group of more than ${ANSWER_LIMITS.locationsPerGroup} locations, at once`, async () => {
    const locations = Array.from({ length: 20_000 }, (_, i) => `loc-${i}`);
    const started = Date.now();
    const message = await refusal(group({ locations }));
    expect(message).toContain(
      `"group.locations" holds 20000 locations, over the limit of ${ANSWER_LIMITS.locationsPerGroup} per group`,
    );
    // A no-hang bound: the refusal is a count, not a walk through the locations.
    expect(Date.now() - started).toBeLessThan(10_000);
    // The limit itself is allowed.
    const server = await api(() => ({
      status: 200,
      body: group({ locations: locations.slice(0, ANSWER_LIMITS.locationsPerGroup) }),
    }));
    const ok = await testClient(server.url, ALICE).client.getGroup({ group: "default" });
    expect(ok.locations).toHaveLength(ANSWER_LIMITS.locationsPerGroup);
  });
});

describe("a list answer that does not keep its promise", () => {
  const one = (name: string, locations = ["fra"]) => ({ name, primary: locations[0] ?? "fra", locations });
  const refusal = async (groups: unknown[]): Promise<string> => {
    const server = await api(() => ({ status: 200, body: JSON.stringify({ groups }) }));
    const err = await failure(testClient(server.url, ALICE).client.listGroups({}));
    expect(err).toBeInstanceOf(TursoResponseError);
    return err.message;
  };

  it("two groups of one name", async () => {
    expect(await refusal([one("a"), one("b"), one("a")])).toContain(
      '"groups[2].name" "a" names a group already in the list',
    );
  });

  it(`more than ${ANSWER_LIMITS.groupsPerList} groups`, async () => {
    const groups = Array.from({ length: ANSWER_LIMITS.groupsPerList + 1 }, (_, i) => one(`g${i}`));
    expect(await refusal(groups)).toContain(
      `the list holds ${ANSWER_LIMITS.groupsPerList + 1} groups, over the limit of ${ANSWER_LIMITS.groupsPerList}`,
    );
  });

  it(`more than ${ANSWER_LIMITS.locationsPerList} locations in all`, async () => {
    const locations = Array.from({ length: ANSWER_LIMITS.locationsPerGroup }, (_, i) => `l${i}`);
    const count = Math.ceil((ANSWER_LIMITS.locationsPerList + 1) / locations.length);
    const groups = Array.from({ length: count }, (_, i) => one(`g${i}`, locations));
    expect(await refusal(groups)).toContain(
      `the list holds ${count * locations.length} locations in all, over the limit of ${ANSWER_LIMITS.locationsPerList}`,
    );
  });
});
