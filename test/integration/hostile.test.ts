import fc from "fast-check";
import { groupUrl } from "../../sdk/src/core/client/url";
import { validateName } from "../../sdk/src/core/client/validate";
import { startEmulator, type Emulator } from "../../sdk/src/emulator";
import { TursoInputError } from "../../sdk/src/core/errors";
import { ProviderRuntime } from "../../sdk/src/dynamic/provider/runtime";
import { ALICE, TEST_SEED } from "../helpers/seed";
import { testClient } from "../helpers/client";
import { failure } from "../helpers/failure";
import { hostileApi, suitePeers } from "../helpers/hostile";

// Values that must never become a request: each fails with an error naming the argument.
const HOSTILE: unknown[] = [
  "",
  " ",
  "  ",
  "\t",
  "\n",
  "\r\n",
  "a b",
  " default",
  "default ",
  "de\tfault",
  "/",
  "a/b",
  "/etc",
  "a/",
  "\\",
  "a\\b",
  "..",
  ".",
  "../admin",
  "a/../b",
  "..%2F",
  "%2F",
  "%2f",
  "a%2Fb",
  "%2e%2e",
  "%00",
  "a%20b",
  "?",
  "a?b=1",
  "#",
  "a#frag",
  "a&b",
  "a;b",
  "a:b",
  "a@b",
  "a*b",
  "a+b",
  "a,b",
  "a=b",
  "~",
  "\u0000",
  "a\u0000b",
  "\u0007",
  "\u001f",
  "\u007f",
  "a\u0085b",
  "\u200b",
  "a\u200bb",
  "dеfault" /* Cyrillic е */,
  "ｄefault" /* fullwidth */,
  "défault",
  "grüppe",
  "组",
  "😀",
  "a\u202eb",
  "x".repeat(65),
  "x".repeat(1000),
  "-".repeat(65),
  42,
  0,
  -1,
  NaN,
  true,
  false,
  null,
  {},
  [],
  ["default"],
  { toString: () => "default" },
  () => "default",
  Symbol("g"),
];

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ seed: TEST_SEED });
});
afterAll(() => emu.stop());

describe(`${HOSTILE.length} hostile group and organization values`, () => {
  it.each(
    HOSTILE.map(
      (v, i) => [i, String(typeof v === "symbol" ? v.toString() : (JSON.stringify(v) ?? String(v))), v] as const,
    ),
  )("#%i %s fails before any request, as group and as organization", async (_i, _shown, value) => {
    emu.clearRequests();
    const rt = new ProviderRuntime({ TURSO_API_TOKEN: ALICE, TURSO_API_BASEURL: emu.url });
    // Reaching the provider from plain JavaScript, with no type checks on the way.
    const asGroup = rt.read("x", { group: value } as never);
    await expect(asGroup).rejects.toBeInstanceOf(TursoInputError);
    await expect(asGroup).rejects.toMatchObject({ argument: "group" });
    // null is how state records "no organization" (the personal account), so it is valid there.
    if (value !== null) {
      const asOrg = rt.read("x", { organization: value, group: "default" } as never);
      await expect(asOrg).rejects.toMatchObject({ argument: "organization" });
    }
    expect(emu.requests()).toEqual([]);
  });

  it("has at least 50 entries", () => {
    expect(HOSTILE.length).toBeGreaterThanOrEqual(50);
  });
});

describe("properties of validation and URL building", () => {
  const base = "https://api.turso.tech";

  it("no accepted name can change the request path: it is exactly one segment that decodes back to the name", () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 80, unit: "binary" }),
        fc.option(fc.string({ maxLength: 80, unit: "binary" }), { nil: undefined }),
        (group, organization) => {
          let accepted = true;
          try {
            validateName("group", group);
            if (organization !== undefined) validateName("organization", organization);
          } catch (err) {
            expect(err).toBeInstanceOf(TursoInputError);
            accepted = false;
          }
          if (!accepted) return;
          const url = new URL(groupUrl(base, { organization, group }));
          expect(url.origin).toBe(base);
          expect(url.search).toBe("");
          expect(url.hash).toBe("");
          const segments = url.pathname.split("/").slice(1).map(decodeURIComponent);
          expect(segments).toEqual(
            organization === undefined
              ? ["v1", "groups", group]
              : ["v1", "organizations", organization, "groups", group],
          );
        },
      ),
      { numRuns: 5000 },
    );
  });

  it("accepts every name of the documented form (lowercase letters, digits, dashes; 1-64)", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,63}$/), (name) => {
        expect(validateName("group", name)).toBe(name);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("the token spelt otherwise in what a hostile server sends", () => {
  const keep = suitePeers();
  const escapedAll = (s: string): string =>
    [...s].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`).join("");
  const percentAll = (s: string): string =>
    [...Buffer.from(s)].map((b) => `%${b.toString(16).toUpperCase().padStart(2, "0")}`).join("");
  const b64 = Buffer.from(ALICE).toString("base64");

  async function failed(status: number, body: string, headers: Record<string, string> = {}): Promise<string> {
    const api = keep(await hostileApi(() => ({ status, body, headers })));
    const err = await failure(
      testClient(api.url, ALICE, { retry: { retries: 0, baseDelayMs: 1, maxDelayMs: 1 } }).client.getGroup({
        group: "default",
      }),
    );
    const shown = JSON.stringify({ ...err, message: err.message });
    for (const spelling of [ALICE, escapedAll(ALICE), percentAll(ALICE), b64]) expect(shown).not.toContain(spelling);
    return err.message;
  }

  it("a non-JSON error with the token in JSON escapes: the message shows [redacted]", async () => {
    const message = await failed(400, `bad request: token \\u0061${ALICE.slice(1)} is not allowed`);
    expect(message).toContain("answered 400: bad request: token [redacted] is not allowed.");
  });

  it("a JSON error whose text holds the token percent-encoded", async () => {
    const message = await failed(403, JSON.stringify({ error: `no access for /${percentAll(ALICE)}/` }));
    expect(message).toContain("(403: no access for /[redacted]/)");
  });

  it("a redirect whose target spells the token percent-encoded in its path", async () => {
    const message = await failed(302, "", { Location: `http://127.0.0.1:1/${percentAll(ALICE)}/x` });
    expect(message).toContain("with a redirect (302 to http://127.0.0.1:1/[redacted]/x)");
  });

  it("a 2xx body with the token in base64 in a field: refused, as the literal token is", async () => {
    const body = JSON.stringify({ group: { name: "default", primary: "fra", locations: ["fra"], uuid: b64 } });
    const message = await failed(200, body);
    expect(message).toContain("the body contains an API token, which must never reach state");
  });

  it("a 2xx body with the token percent-encoded in a field: refused", async () => {
    const body = JSON.stringify({
      group: { name: "default", primary: "fra", locations: ["fra"], version: percentAll(ALICE) },
    });
    expect(await failed(200, body)).toContain("the body contains an API token");
  });
});
