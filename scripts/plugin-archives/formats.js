// Reads an executable's header the way its loader and Node.js's single-executable support do, to
// check a built plugin executable that cannot run here (darwin, windows): its format (ELF, Mach-O,
// PE), its architecture, the injected SEA blob where Node.js looks for it at start (ELF: a PT_NOTE
// named NODE_SEA_BLOB; Mach-O: section __NODE_SEA_BLOB of segment NODE_SEA; PE: RT_RCDATA resource
// NODE_SEA_BLOB), the SEA fuse, and whether a signature is attached (Mach-O, PE); a Mach-O's code
// signature is checked against the file, page by page.
"use strict";

const crypto = require("node:crypto");

const FUSE = "NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2";
const ELF_MACHINES = { 62: "x86-64", 183: "arm64" };
const MACHO_CPUS = { 0x01000007: "x86-64", 0x0100000c: "arm64" };
const PE_MACHINES = { 0x8664: "x86-64", 0xaa64: "arm64" };

const cstring = (buf, at, max) => {
  const end = buf.indexOf(0, at);
  return buf.toString("latin1", at, end < 0 || end > at + max ? at + max : end);
};

/** ELF: the description of the note named NODE_SEA_BLOB in a PT_NOTE segment. */
function elf(buf) {
  const arch = ELF_MACHINES[buf.readUInt16LE(18)] ?? `machine ${buf.readUInt16LE(18)}`;
  const phoff = Number(buf.readBigUInt64LE(32));
  const [phentsize, phnum] = [buf.readUInt16LE(54), buf.readUInt16LE(56)];
  let blob;
  for (let i = 0; i < phnum && !blob; i++) {
    const ph = phoff + i * phentsize;
    if (buf.readUInt32LE(ph) !== 4) continue; // PT_NOTE
    let at = Number(buf.readBigUInt64LE(ph + 8));
    const end = at + Number(buf.readBigUInt64LE(ph + 32));
    while (at + 12 <= end) {
      const [namesz, descsz] = [buf.readUInt32LE(at), buf.readUInt32LE(at + 4)];
      const desc = at + 12 + Math.ceil(namesz / 4) * 4;
      if (cstring(buf, at + 12, namesz) === "NODE_SEA_BLOB") blob = buf.subarray(desc, desc + descsz);
      at = desc + Math.ceil(descsz / 4) * 4;
    }
  }
  return { format: "ELF", arch, blob };
}

/**
 * A Mach-O code signature (the SuperBlob at `offset`, big-endian) checked as the kernel checks
 * pages: its CodeDirectory's flags, and whether each page hash is the SHA-256 of that page of
 * `buf` up to the signature itself (codeLimit), i.e. whether it covers the file as it is.
 */
function codeSignature(buf, offset) {
  if (buf.readUInt32BE(offset) !== 0xfade0cc0) return { valid: false, why: "no SuperBlob" };
  const count = buf.readUInt32BE(offset + 8);
  const index = Array.from({ length: count }, (_, i) => ({
    type: buf.readUInt32BE(offset + 12 + i * 8),
    at: offset + buf.readUInt32BE(offset + 16 + i * 8),
  }));
  const cd = index.find((e) => e.type === 0)?.at;
  if (cd === undefined || buf.readUInt32BE(cd) !== 0xfade0c02) return { valid: false, why: "no CodeDirectory" };
  const flags = buf.readUInt32BE(cd + 12);
  const [hashOffset, codeSlots, codeLimit] = [
    buf.readUInt32BE(cd + 16),
    buf.readUInt32BE(cd + 28),
    buf.readUInt32BE(cd + 32),
  ];
  const [hashSize, hashType, pageSize] = [buf[cd + 36], buf[cd + 37], 2 ** buf[cd + 39]];
  if (hashType !== 2 || hashSize !== 32) return { valid: false, why: `hash type ${hashType}, not SHA-256` };
  let bad = 0;
  for (let i = 0; i < codeSlots; i++) {
    const page = buf.subarray(i * pageSize, Math.min((i + 1) * pageSize, codeLimit));
    const want = buf.subarray(cd + hashOffset + i * 32, cd + hashOffset + (i + 1) * 32);
    if (!crypto.createHash("sha256").update(page).digest().equals(want)) bad++;
  }
  const covers = codeLimit === offset && codeSlots === Math.ceil(codeLimit / pageSize);
  const why =
    bad > 0 ? `${bad} of ${codeSlots} page hashes differ` : covers ? undefined : "does not cover the file up to it";
  return { valid: why === undefined, why, adhoc: Boolean(flags & 0x2), pages: codeSlots };
}

/** Mach-O (64-bit, little-endian): section NODE_SEA/__NODE_SEA_BLOB, and LC_CODE_SIGNATURE. */
function macho(buf) {
  const arch = MACHO_CPUS[buf.readUInt32LE(4)] ?? `cputype ${buf.readUInt32LE(4)}`;
  let [at, blob, signed, signature] = [32, undefined, false, undefined];
  for (let i = 0, n = buf.readUInt32LE(16); i < n; i++) {
    const [cmd, size] = [buf.readUInt32LE(at), buf.readUInt32LE(at + 4)];
    if (cmd === 0x1d) [signed, signature] = [true, codeSignature(buf, buf.readUInt32LE(at + 8))]; // LC_CODE_SIGNATURE
    if (cmd === 0x19 && cstring(buf, at + 8, 16) === "NODE_SEA") {
      for (let s = 0, sections = buf.readUInt32LE(at + 64); s < sections; s++) {
        const sect = at + 72 + s * 80;
        if (cstring(buf, sect, 16) !== "__NODE_SEA_BLOB") continue;
        const offset = buf.readUInt32LE(sect + 48);
        blob = buf.subarray(offset, offset + Number(buf.readBigUInt64LE(sect + 40)));
      }
    }
    at += size;
  }
  return { format: "Mach-O", arch, blob, signed, signature };
}

/** PE: the data of resource type RT_RCDATA (10), name NODE_SEA_BLOB, first language. */
function pe(buf) {
  const nt = buf.readUInt32LE(0x3c);
  if (buf.toString("latin1", nt, nt + 4) !== "PE\0\0") return { format: "unknown" };
  const arch = PE_MACHINES[buf.readUInt16LE(nt + 4)] ?? `machine ${buf.readUInt16LE(nt + 4)}`;
  const [sections, optSize] = [buf.readUInt16LE(nt + 6), buf.readUInt16LE(nt + 20)];
  const opt = nt + 24;
  const rsrcRva = buf.readUInt32LE(opt + 112 + 2 * 8); // PE32+ data directory 2: resources
  const table = opt + optSize;
  const fileOffset = (rva) => {
    for (let i = 0; i < sections; i++) {
      const s = table + i * 40;
      const [va, rawSize, raw] = [buf.readUInt32LE(s + 12), buf.readUInt32LE(s + 16), buf.readUInt32LE(s + 20)];
      if (rva >= va && rva < va + rawSize) return rva - va + raw;
    }
    return undefined;
  };
  const base = fileOffset(rsrcRva);
  if (base === undefined) return { format: "PE", arch, blob: undefined };
  const entries = (dir) => {
    const count = buf.readUInt16LE(dir + 12) + buf.readUInt16LE(dir + 14);
    return Array.from({ length: count }, (_, i) => {
      const [name, target] = [buf.readUInt32LE(dir + 16 + i * 8), buf.readUInt32LE(dir + 20 + i * 8)];
      const label =
        name & 0x80000000
          ? buf.toString(
              "utf16le",
              base + (name & 0x7fffffff) + 2,
              base + (name & 0x7fffffff) + 2 + 2 * buf.readUInt16LE(base + (name & 0x7fffffff)),
            )
          : name;
      return { label, at: base + (target & 0x7fffffff), dir: Boolean(target & 0x80000000) };
    });
  };
  const type = entries(base).find((e) => e.label === 10 && e.dir);
  const named = type && entries(type.at).find((e) => e.label === "NODE_SEA_BLOB" && e.dir);
  const lang = named && entries(named.at)[0];
  const dataAt = lang && !lang.dir ? fileOffset(buf.readUInt32LE(lang.at)) : undefined;
  const blob = dataAt === undefined ? undefined : buf.subarray(dataAt, dataAt + buf.readUInt32LE(lang.at + 4));
  const signed = buf.readUInt32LE(opt + 112 + 4 * 8 + 4) !== 0; // data directory 4: certificates
  return { format: "PE", arch, blob, signed };
}

/**
 * What an executable's bytes say: { format, arch, blob (the injected SEA blob, a Buffer, or
 * undefined), fuse ("on", "off" or "missing"), signed (Mach-O: a code signature is attached; PE: an Authenticode
 * certificate table is), signature (Mach-O: { valid, why, adhoc, pages }) }.
 */
function inspect(buf) {
  const fuseAt = buf.indexOf(`${FUSE}:`);
  const fuse = fuseAt < 0 ? "missing" : buf[fuseAt + FUSE.length + 1] === 0x31 ? "on" : "off";
  let found = { format: "unknown" };
  if (buf.readUInt32BE(0) === 0x7f454c46) found = elf(buf);
  else if (buf.readUInt32LE(0) === 0xfeedfacf) found = macho(buf);
  else if (buf.toString("latin1", 0, 2) === "MZ") found = pe(buf);
  return { ...found, fuse };
}

module.exports = { inspect, FUSE };
