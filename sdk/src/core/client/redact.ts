/**
 * Text from the server (the API's `error` field, an excerpt of a body, a redirect target) is data,
 * not output: before it reaches a message it goes through {@link redact}.
 */
import { decodeJsonEscapes, decodePercent, encodedRanges, replaceRanges } from "./encodings";

/** What stands where a secret or a credential was removed. */
export const REDACTED = "[redacted]";

/** The longest server text kept in a message, in characters; longer text is cut and ends with "…". */
export const MAX_SERVER_TEXT = 200;

// Terminal escape sequences (ECMA-48), in their 7-bit (ESC ...) and 8-bit (C1) forms: control
// sequences (CSI), control strings (OSC, as in OSC 8 hyperlinks and window titles; DCS, SOS, PM,
// APC) up to their terminator or the end of the text, and the other escapes.
const ESCAPE_SEQUENCES = new RegExp(
  [
    "(?:\\u001b\\[|\\u009b)[\\u0030-\\u003f]*[\\u0020-\\u002f]*[\\u0040-\\u007e]?",
    "(?:\\u001b[\\]PX^_]|[\\u0090\\u0098\\u009d-\\u009f])[^\\u0007\\u001b\\u009c]*(?:\\u0007|\\u001b\\\\|\\u009c)?",
    "\\u001b[\\u0020-\\u002f]*[\\u0030-\\u007e]?",
  ].join("|"),
  "gu",
);
// What is left that a terminal could act on or that hides text: control and format characters
// (bidirectional overrides, zero-width characters), line and paragraph separators, lone surrogates.
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/gu;

// What looks like a credential, whoever's it is.
const CREDENTIALS: readonly [RegExp, string][] = [
  // A header or field that carries one: `Authorization: Bearer x`, `"api_key":"x"`, `token=x`.
  [
    /\b((?:proxy-)?authorization|cookie|set-cookie|x-api-key|api[-_]?key|api[-_]?token|access[-_]?token|token|password|passwd|secret)(["']?\s*[:=]\s*["']?)(?:(?:bearer|basic)\s+)?[^\s,;"'&}…]+/giu,
    `$1$2${REDACTED}`,
  ],
  [/\b(bearer)\s+[^\s,;"'&}…]+/giu, `$1 ${REDACTED}`],
  [/\b(basic)\s+[A-Za-z0-9+/]{8,}={0,2}/gu, `$1 ${REDACTED}`],
  // JSON Web Tokens (Turso's API tokens are JWTs).
  [/\beyJ[\w-]{5,}\.[\w-]{5,}\.[\w-]*/gu, REDACTED],
  // Credentials in a URL: scheme://user:password@host.
  [/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#]*@/giu, `$1${REDACTED}@`],
];

/**
 * Turns any text from the server into text that is safe in a message: terminal escape sequences
 * and control characters are removed, whitespace is collapsed to single spaces, every occurrence
 * of each of `secrets` (the API token), literal or spelt with JSON escapes, percent-encoding or
 * base64 (see {@link revealsSecret}), and anything that looks like a credential (`Bearer …`,
 * `Authorization: …`, `token=…`, a JWT, `user:password@` in a URL) is replaced by `[redacted]`,
 * and the result is cut to `max` characters. The result never reveals one of `secrets`: where
 * cutting, the marker or an encoding nested in another would form one again, it is empty.
 *
 * @param text - text as the server sent it
 * @param secrets - values that must never be shown (empty strings are ignored)
 * @param max - the longest result, in characters (code points), "…" included
 *
 * @example
 * ```ts
 * redact('{"error":"bad token Bearer abc.def"}\u001b[2K', ["abc.def"]);
 * // '{"error":"bad token Bearer [redacted]"}'
 * ```
 */
export function redact(text: string, secrets: readonly string[] = [], max = MAX_SERVER_TEXT): string {
  let out = text
    .replace(ESCAPE_SEQUENCES, "")
    .replace(INVISIBLE, (ch) => (/[\t\n\v\f\r\u0085\u2028\u2029]/u.test(ch) ? " " : ""))
    .replace(/\s+/gu, " ")
    .trim();
  const hidden = secrets.filter((s) => s !== "");
  for (const secret of hidden) out = out.split(secret).join(REDACTED);
  // Removing one spelling may join the pieces of another: again, a few times at most.
  for (let pass = 0; pass < 3; pass++) {
    const ranges = encodedRanges(out, hidden);
    if (ranges.length === 0) break;
    out = replaceRanges(out, ranges, REDACTED);
  }
  for (const [pattern, replacement] of CREDENTIALS) out = out.replace(pattern, replacement);
  const chars = Array.from(out);
  if (chars.length > max) out = `${chars.slice(0, Math.max(0, max - 1)).join("")}…`;
  return revealsSecret(out, hidden) ? "" : out;
}

/**
 * Whether `text` holds one of `secrets`: literally, with JSON escapes (`\u0063anary…`),
 * percent-encoded (`%63anary…`), in base64 (standard or URL-safe, at any alignment), or with one of
 * these encodings inside the other (`%5Cu0063…`).
 *
 * @example
 * ```ts
 * revealsSecret("token was %63anary-1", ["canary-1"]); // true
 * ```
 */
export function revealsSecret(text: string, secrets: readonly string[]): boolean {
  const hidden = secrets.filter((s) => s !== "");
  if (hidden.length === 0) return false;
  if (hidden.some((s) => text.includes(s)) || encodedRanges(text, hidden).length > 0) return true;
  // One encoding inside another: decode the outer one, then look again.
  return [decodeJsonEscapes(text), decodePercent(text)].some(
    (inner) => inner !== text && (hidden.some((s) => inner.includes(s)) || encodedRanges(inner, hidden).length > 0),
  );
}
