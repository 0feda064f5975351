/**
 * A secret in server text may be spelt otherwise than literally: with JSON escapes (`\u0063anary…`
 * in an error that is not JSON, so nothing decodes it), percent-encoded (a redirect target), or in
 * base64 (a field). Each spelling is found here, as a range of the text, so that `redact` can
 * remove it as it removes the literal secret, and `revealsSecret` can refuse a text that holds one.
 */

/** A text decoded, with where in the original each of its UTF-16 code units came from. */
interface View {
  readonly decoded: string;
  /** For each code unit of `decoded`: the start and end of its spelling in the original. */
  readonly from: readonly number[];
  readonly to: readonly number[];
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  '"': '"',
  "\\": "\\",
  "/": "/",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
};

/** The text with JSON string escapes (`\u0063`, `\"`, `\/`) decoded; other text as it is. */
function jsonView(text: string): View {
  let decoded = "";
  const from: number[] = [];
  const to: number[] = [];
  for (let i = 0; i < text.length;) {
    const unicode = /^\\u([0-9a-fA-F]{4})/u.exec(text.slice(i, i + 6));
    const simple = text[i] === "\\" ? SIMPLE_ESCAPES[text[i + 1] ?? ""] : undefined;
    const [unit, length] = unicode
      ? [String.fromCharCode(parseInt(unicode[1] ?? "0", 16)), 6]
      : simple !== undefined
        ? [simple, 2]
        : [text[i] ?? "", 1];
    decoded += unit;
    from.push(i);
    to.push(i + length);
    i += length;
  }
  return { decoded, from, to };
}

/**
 * The text with percent-encoding (`%63`, `%C3%A9`) decoded: an ASCII byte is one code unit; a run
 * of non-ASCII bytes is decoded as UTF-8 and each of its code units spans the whole run.
 */
function percentView(text: string): View {
  let decoded = "";
  const from: number[] = [];
  const to: number[] = [];
  const byteAt = (i: number): number | undefined =>
    /^%[0-9a-fA-F]{2}$/u.test(text.slice(i, i + 3)) ? parseInt(text.slice(i + 1, i + 3), 16) : undefined;
  for (let i = 0; i < text.length;) {
    const first = byteAt(i);
    if (first === undefined || first < 0x80) {
      decoded += first === undefined ? text[i] : String.fromCharCode(first);
      from.push(i);
      to.push(i + (first === undefined ? 1 : 3));
      i += first === undefined ? 1 : 3;
      continue;
    }
    const bytes: number[] = [];
    let end = i;
    for (let b = byteAt(end); b !== undefined && b >= 0x80; b = byteAt(end)) {
      bytes.push(b);
      end += 3;
    }
    const run = new TextDecoder().decode(Uint8Array.from(bytes));
    for (const unit of run.split("")) {
      decoded += unit;
      from.push(i);
      to.push(end);
    }
    i = end;
  }
  return { decoded, from, to };
}

/** The ranges `[start, end)` of `text` where `view` decodes to `secret`. */
function rangesIn(view: View, secret: string): [number, number][] {
  const ranges: [number, number][] = [];
  for (let at = view.decoded.indexOf(secret); at !== -1; at = view.decoded.indexOf(secret, at + secret.length)) {
    ranges.push([view.from[at] ?? 0, view.to[at + secret.length - 1] ?? 0]);
  }
  return ranges;
}

/** Secrets shorter than this (in bytes) are not looked for in base64: their spelling is too short to tell. */
const MIN_BASE64_BYTES = 6;

/**
 * The base64 spellings of `secret` (standard and URL-safe alphabets): for each of the three
 * alignments it may have inside a longer base64 text, the characters that its bytes alone decide.
 */
export function base64Spellings(secret: string): string[] {
  const bytes = Buffer.from(secret, "utf8");
  if (bytes.length < MIN_BASE64_BYTES) return [];
  const spellings = [0, 1, 2].flatMap((offset) => {
    const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString("base64");
    const core = encoded.slice(Math.ceil((8 * offset) / 6), Math.floor((8 * (offset + bytes.length)) / 6));
    return [core, core.replace(/\+/gu, "-").replace(/\//gu, "_")];
  });
  return [...new Set(spellings)];
}

/**
 * Where `text` spells one of `secrets` otherwise than literally: JSON escapes, percent-encoding,
 * base64. Ranges may overlap; each is `[start, end)`.
 */
export function encodedRanges(text: string, secrets: readonly string[]): [number, number][] {
  const ranges: [number, number][] = [];
  const views = [jsonView(text), percentView(text)];
  for (const secret of secrets) {
    for (const view of views) ranges.push(...rangesIn(view, secret));
    for (const spelling of base64Spellings(secret)) {
      for (let at = text.indexOf(spelling); at !== -1; at = text.indexOf(spelling, at + 1)) {
        ranges.push([at, at + spelling.length]);
      }
    }
  }
  return ranges;
}

/** `text` with each of `ranges` (merged where they overlap) replaced by `marker`. */
export function replaceRanges(text: string, ranges: readonly [number, number][], marker: string): string {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  let out = "";
  let at = 0;
  for (const [start, end] of sorted) {
    if (end <= at) continue;
    if (start >= at) out += `${text.slice(at, start)}${marker}`;
    at = end;
  }
  return out + text.slice(at);
}

/** `text` with its JSON string escapes decoded (`\u0063` → `c`). */
export function decodeJsonEscapes(text: string): string {
  return jsonView(text).decoded;
}

/** `text` with its percent-encoding decoded (`%63` → `c`); malformed `%` sequences stay. */
export function decodePercent(text: string): string {
  return percentView(text).decoded;
}
