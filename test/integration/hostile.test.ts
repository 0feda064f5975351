import fc from "fast-check";
import { groupUrl } from "../../sdk/src/core/client/url";
import { validateName } from "../../sdk/src/core/client/validate";
import { startEmulator, type Emulator } from "../../sdk/src/emulator";
import { TursoInputError } from "../../sdk/src/core/errors";
import { ProviderRuntime } from "../../sdk/src/dynamic/provider/runtime";
import { ALICE, TEST_SEED } from "../helpers/seed";

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
