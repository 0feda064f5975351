// What the release wrote, as rows of a table: artifact (path under the release folder), size and
// sha256. A file is a row; a folder shipped as a whole (the Go module tree, the .NET project) is one
// row whose sha256 is that of its manifest: the `sha256sum` lines ("<sha256>  <path>\n") of its
// files, by path in byte order, as `find . -type f | LC_ALL=C sort | xargs sha256sum` would print.
"use strict";
const { createHash } = require("node:crypto");
const { readdirSync, readFileSync, statSync } = require("node:fs");
const path = require("node:path");

const sha256 = (data) => createHash("sha256").update(data).digest("hex");

/** The files under dir, as paths relative to it with "/" separators, in byte order. */
function files(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join("/"))
    .sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
}

/** The rows of out; folders listed in `whole` (relative paths) are one row each. */
function rows(out, whole) {
  const result = [];
  for (const folder of whole) {
    const dir = path.join(out, folder);
    let manifest = "";
    let bytes = 0;
    for (const f of safeFiles(dir)) {
      const data = readFileSync(path.join(dir, f));
      manifest += `${sha256(data)}  ./${f}\n`;
      bytes += data.length;
    }
    if (manifest !== "") result.push({ artifact: `${folder}/`, bytes, sha256: sha256(manifest) });
  }
  for (const f of safeFiles(out)) {
    if (f === "artifacts.json" || whole.some((w) => f.startsWith(`${w}/`))) continue;
    const data = readFileSync(path.join(out, f));
    result.push({ artifact: f, bytes: statSync(path.join(out, f)).size, sha256: sha256(data) });
  }
  return result.sort((a, b) => (a.artifact < b.artifact ? -1 : 1));
}

const safeFiles = (dir) => {
  try {
    return files(dir);
  } catch {
    return [];
  }
};

/** 29168 → "28.5 KiB". */
function human(bytes) {
  const units = ["B", "KiB", "MiB", "GiB"];
  let n = bytes;
  let u = 0;
  while (n >= 1024 && u < units.length - 1) {
    n /= 1024;
    u++;
  }
  return u === 0 ? `${n} B` : `${n.toFixed(1)} ${units[u]}`;
}

/** The table as printed: a header and one line per row, columns padded. */
function format(table) {
  const width = Math.max("artifact".length, ...table.map((r) => r.artifact.length));
  const line = (a, s, h) => `${a.padEnd(width)}  ${s.padStart(10)}  ${h}`;
  return [line("artifact", "size", "sha256"), ...table.map((r) => line(r.artifact, human(r.bytes), r.sha256))].join(
    "\n",
  );
}

module.exports = { rows, format, human };
