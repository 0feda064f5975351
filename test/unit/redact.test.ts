import fc from "fast-check";
import { base64Spellings } from "../../sdk/src/core/client/encodings";
import { MAX_SERVER_TEXT, redact, revealsSecret } from "../../sdk/src/core/client/redact";
import { checkBaseUrl, showUrl } from "../../sdk/src/core/client/url";
import { TERMINAL_CONTROL } from "../helpers/hostile";

// Pieces a hostile server would mix into its text, so that random strings hit the edge cases.
const piece = fc.oneof(
  fc.string({ maxLength: 20, unit: "binary" }),
  fc.string({ maxLength: 20, unit: "grapheme" }),
  fc.constantFrom(
    "\u001b[",
    "\u001b]8;;",
    "\u001b\\",
    "\u0007",
    "\u009b",
    "\u009d",
    "\r",
    "\n",
    "\u0000",
    "\u202e",
    "Bearer ",
    "Authorization: ",
    "token=",
    "https://user:pw@",
    "…",
    "[redacted]",
  ),
);
const hostileText = fc.array(piece, { maxLength: 30 }).map((parts) => parts.join(""));
// Tokens as Turso mints them (JWTs), and arbitrary ones.
const token = fc.oneof(
  fc
    .tuple(fc.base64String({ minLength: 8, maxLength: 60 }), fc.base64String({ minLength: 8, maxLength: 40 }))
    .map(([a, b]) => `eyJhbGciOiJFZERTQSJ9.${a.replace(/[+/=]/g, "_")}.${b.replace(/[+/=]/g, "-")}`),
  fc.string({ minLength: 1, maxLength: 40, unit: "binary" }),
);
/** `text` with `token` planted at random places, some of them split by escapes or control characters. */
const planted = fc
  .tuple(
    hostileText,
    token,
    fc.array(fc.tuple(fc.nat(), fc.constantFrom("", "\u001b[0m", "\u0000", "\u200b")), { maxLength: 4 }),
  )
  .map(([text, secret, places]) => {
    let out = text;
    for (const [at, split] of places) {
      const cut = at % (secret.length + 1);
      const where = at % (out.length + 1);
      out = `${out.slice(0, where)}${secret.slice(0, cut)}${split}${secret.slice(cut)}${out.slice(where)}`;
    }
    return { text: `${out} Bearer ${secret} ${secret}`, secret };
  });

describe("redact: properties over random text with the token planted", () => {
  it("never returns the token, a control character, or more than the limit", () => {
    fc.assert(
      fc.property(planted, fc.integer({ min: 1, max: 300 }), ({ text, secret }, max) => {
        const out = redact(text, [secret], max);
        expect(out.includes(secret)).toBe(false);
        expect(out).not.toMatch(TERMINAL_CONTROL);
        expect(Array.from(out).length).toBeLessThanOrEqual(max);
      }),
      { numRuns: 3000 },
    );
  });

  it("keeps plain text as it is: printable ASCII without credentials is unchanged", () => {
    const plain = fc
      .string({
        maxLength: MAX_SERVER_TEXT,
        unit: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz ABC.,()-'0123456789"),
      })
      .filter((s) => s === s.trim() && !/\s\s/.test(s) && !/\b(token|secret|password|basic|bearer)\b/i.test(s));
    fc.assert(fc.property(plain, (text) => expect(redact(text)).toBe(text)));
  });

  it("is idempotent", () => {
    fc.assert(
      fc.property(planted, ({ text, secret }) => {
        const once = redact(text, [secret]);
        expect(redact(once, [secret])).toBe(once);
      }),
      { numRuns: 1000 },
    );
  });
});

describe("redact: examples", () => {
  it.each([
    ["group not found", "group not found"],
    ["\u001b[2K\r\u001b[1A\u001b[32mResources:\n 1 unchanged\u001b[0m", "Resources: 1 unchanged"],
    ["\u001b]8;;https://evil.example/\u0007click\u001b]8;;\u001b\\", "click"],
    ["\u001b]0;window title\u001b\\after", "after"],
    ["unterminated \u001b]8;;https://evil.example/ rest", "unterminated"],
    ["\u009b31mred\u009b0m", "red"],
    ["a\u202eb\u200bc\u0000d\u007fe", "abcde"],
    ["line\u2028two\tthree", "line two three"],
    ["Authorization: Bearer abc.def", "Authorization: [redacted]"],
    ['{"authorization":"Basic dXNlcjpwYXNz"}', '{"authorization":"[redacted]"}'],
    ["expected Bearer <token>", "expected Bearer [redacted]"],
    ["see https://u:p@host/x?token=abc&y=1", "see https://[redacted]@host/x?token=[redacted]&y=1"],
    ["jwt eyJhbGciOiJFZERTQSJ9.eyJpYXQiOjE3fQ.sig_nature here", "jwt [redacted] here"],
    ["api_key=sk_live_123 password: hunter2", "api_key=[redacted] password: [redacted]"],
  ])("%j becomes %j", (text, want) => expect(redact(text)).toBe(want));

  it("removes the token wherever it is, even rebuilt from around an escape", () => {
    expect(redact("a my-tok\u001b[0men b my-token", ["my-token"])).toBe("a [redacted] b [redacted]");
  });

  it("cuts at the limit in characters, not in UTF-16 units, and ends with …", () => {
    expect(redact("😀".repeat(10), [], 4)).toBe("😀😀😀…");
    expect(redact("x".repeat(MAX_SERVER_TEXT + 1))).toBe(`${"x".repeat(MAX_SERVER_TEXT - 1)}…`);
  });

  it("returns nothing rather than a text that the marker or the cut turned into the token", () => {
    expect(redact("redacted", ["redacted"])).toBe("");
    expect(redact("abcd", ["abc…"], 4)).toBe("abcd");
    expect(redact("abcde", ["abc…"], 4)).toBe("");
  });
});

describe("showUrl: URLs in messages never carry credentials, whether or not they parse", () => {
  it.each([
    ["https://api.turso.tech", "https://api.turso.tech"],
    ["https://api.turso.tech/v1/x?token=abc#f", "https://api.turso.tech/v1/x"],
    ["https://user:secret@api.turso.tech/p", "https://[redacted]@api.turso.tech/p"],
    ["http://user:secret@bad host:1", "http://[redacted]@bad host:1"],
    ["http://user:pa/ss@bad host", "http://[redacted]@bad host"],
    ["http://u:p@ss@bad host", "http://[redacted]@bad host"],
    ["user:secret@bad host", "[redacted]@bad host"],
    ["socks5://user:secret@127.0.0.1:1080", "socks5://[redacted]@127.0.0.1:1080"],
    ["not a url", "not a url"],
    ["http://bad host/\u001b[2Jx", "http://bad host/x"],
  ])("%j is shown as %j", (raw, want) => expect(showUrl(raw)).toBe(want));

  it("never shows the password of a URL, for any password", () => {
    fc.assert(
      fc.property(
        fc.string({
          minLength: 6,
          maxLength: 30,
          unit: fc.constantFrom(..."abcdefXYZ0123456789-._~!$&'()*+,;=:/@?# "),
        }),
        fc.constantFrom("api.turso.tech", "bad host", "x:1", ""),
        (password, host) => {
          fc.pre(!/^[\s/@:]|[\s/@:]$/.test(password) && password.trim().length >= 6);
          const shown = showUrl(`https://user:${password}@${host}/p`);
          expect(shown).not.toContain(password);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe("checkBaseUrl never echoes credentials, parsed or not", () => {
  it.each([
    [
      "http://user:secret@bad host:1",
      'TURSO_API_BASEURL "http://[redacted]@bad host:1" is not a URL; use e.g. https://api.turso.tech.',
    ],
    [
      "https://user:secret@api.turso.tech",
      'TURSO_API_BASEURL "https://[redacted]@api.turso.tech" is invalid: it must not contain credentials.',
    ],
    [
      "http://user:secret@example.com/x?token=abc",
      'TURSO_API_BASEURL "http://[redacted]@example.com/x" is invalid: it must use https (plain http is allowed only for localhost and 127.0.0.1, where the emulator runs).',
    ],
  ])("%j", (raw, message) => {
    expect(() => checkBaseUrl(raw, "TURSO_API_BASEURL")).toThrow(message);
  });
});

describe("the token in another spelling: JSON escapes, percent-encoding, base64", () => {
  const TOKEN = "canary-7f3a9c";
  const escapedAll = (s: string): string =>
    [...s].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`).join("");
  const percentAll = (s: string): string =>
    [...Buffer.from(s)].map((b) => `%${b.toString(16).padStart(2, "0")}`).join("");

  it.each([
    ["JSON escapes, in part", `bad token \\u0063anary-7f3a9c here`, "bad token [redacted] here"],
    ["JSON escapes, all of it", `bad token ${escapedAll(TOKEN)} here`, "bad token [redacted] here"],
    [
      "percent-encoded, in part",
      "redirect to https://evil.example/%63anary-7f3a9c/x",
      "redirect to https://evil.example/[redacted]/x",
    ],
    ["percent-encoded, upper-case hex", `at /${percentAll(TOKEN).toUpperCase()}/x`, "at /[redacted]/x"],
    ["base64", `field ${Buffer.from(TOKEN).toString("base64")} end`, "field [redacted]w== end"],
    [
      "base64 inside a longer value",
      `x ${Buffer.from(`ab:${TOKEN}:cd`).toString("base64")} end`,
      "x YWI6[redacted]zpjZA== end",
    ],
    ["URL-safe base64", `x ${Buffer.from(`??${TOKEN}>>`).toString("base64url")} end`, "x Pz9[redacted]Pj4 end"],
  ])("%s: %j is redacted", (_, text, want) => {
    expect(redact(text, [TOKEN])).toBe(want);
    expect(revealsSecret(text, [TOKEN])).toBe(true);
    expect(revealsSecret(redact(text, [TOKEN]), [TOKEN])).toBe(false);
  });

  it("refuses a text with one encoding inside another rather than show it", () => {
    // %5C is "\": the percent-encoding of a JSON escape of the token.
    const nested = `x %5Cu0063anary-7f3a9c y`;
    expect(revealsSecret(nested, [TOKEN])).toBe(true);
    expect(revealsSecret(redact(nested, [TOKEN]), [TOKEN])).toBe(false);
  });

  it("keeps text that only looks encoded", () => {
    expect(redact("100% sure: \\u00 and %zz and Y2Fu", [TOKEN])).toBe("100% sure: \\u00 and %zz and Y2Fu");
    expect(revealsSecret("canary-7f3a9 and anary-7f3a9c", [TOKEN])).toBe(false);
  });

  it("looks for base64 only where the token's spelling is long enough to tell (6 bytes or more)", () => {
    expect(base64Spellings("abcde")).toEqual([]);
    expect(base64Spellings(TOKEN).length).toBeGreaterThanOrEqual(3);
  });

  it("never returns the token in any of these spellings, wherever it is planted (property)", () => {
    const spelt = fc
      .tuple(
        fc.stringMatching(/^[A-Za-z0-9._-]{6,40}$/),
        fc.constantFrom("json", "percent", "base64", "base64url"),
        fc.string({ maxLength: 30 }),
        fc.string({ maxLength: 30 }),
        fc.nat(),
      )
      .map(([secret, how, before, after, cut]) => {
        const at = cut % (secret.length + 1);
        const spell = (s: string): string =>
          how === "json"
            ? escapedAll(s)
            : how === "percent"
              ? percentAll(s)
              : Buffer.from(s).toString(how === "base64" ? "base64" : "base64url");
        // JSON and percent spellings may leave part of the token literal; base64 spells it whole.
        const text = how.startsWith("base64")
          ? `${before}${spell(secret)}${after}`
          : `${before}${spell(secret.slice(0, at))}${secret.slice(at)}${after}`;
        return { secret, text };
      });
    fc.assert(
      fc.property(spelt, ({ secret, text }) => {
        const out = redact(text, [secret]);
        expect(revealsSecret(out, [secret])).toBe(false);
        expect(out.includes(secret)).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });
});
