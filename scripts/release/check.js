#!/usr/bin/env node
// The checks a release must pass before anything is published, each from the files of a
// repository (default: this one), with the compiled package (sdk/dist, which bootstrap builds):
//
//   node scripts/release/check.js home      the project's home is a real GitHub repository (not a
//                                           placeholder), and every generated SDK names it
//   node scripts/release/check.js versions  sdk/package.json's version is the one of every SDK's
//                                           metadata, CHANGELOG.md's top entry and the READMEs, and no
//                                           script hard-codes an archive's version
//   node scripts/release/check.js schema    the schema breaks nothing of the released one
//                                           (sdk/schema/released.schema.json) unless the version's
//                                           major part changed; --record makes the current schema
//                                           the released one (at a release)
//   node scripts/release/check.js all       the three
//
// Options: --root DIR (the repository to read). Prints one line per check; exits 1 when one fails.
const fs = require("node:fs");
const path = require("node:path");

const DIST = path.join(__dirname, "..", "..", "sdk", "dist", "plugin");
const { homeOf, goModulePath } = require(path.join(DIST, "home.js"));
const { packageSchema } = require(path.join(DIST, "schema.js"));
const { breakingChanges, breakingAllowed } = require(path.join(DIST, "compatibility.js"));

// Owners that only stand for one: a release under them would publish nowhere anyone owns.
const PLACEHOLDER_OWNERS = ["owner", "your-org", "your-name", "example", "example-org", "pulumi-turso-group-owner"];
const RELEASED = "sdk/schema/released.schema.json";

const args = process.argv.slice(2);
const option = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const root = path.resolve(option("--root") ?? path.join(__dirname, "..", ".."));
const read = (file) => fs.readFileSync(path.join(root, file), "utf8");
const json = (file) => JSON.parse(read(file));
const manifest = json("sdk/package.json");
const version = manifest.version;

/** A failed check: its message names the file and what it holds. */
class Failure extends Error {}
const expectEqual = (file, what, have, want) => {
  if (have !== want) throw new Failure(`${file}: ${what} is ${JSON.stringify(have)}, expected ${JSON.stringify(want)}`);
};
/** The first match's group 1 of `re` in `file`, or a failure naming what is missing. */
const find = (file, re, what) => {
  const m = re.exec(read(file));
  if (!m) throw new Failure(`${file}: no ${what} (${re})`);
  return m[1];
};

/** sdk/package.json's repository, as a home; never a placeholder. */
function home() {
  const url = manifest.repository?.url ?? "";
  let h;
  try {
    h = homeOf(url);
  } catch (err) {
    throw new Failure(err.message);
  }
  if (PLACEHOLDER_OWNERS.includes(h.owner.toLowerCase())) {
    throw new Failure(`sdk/package.json: repository.url names the placeholder owner "${h.owner}": name the real one`);
  }
  for (const field of ["homepage", "bugs"]) {
    if (manifest[field] !== undefined) {
      throw new Failure(`sdk/package.json: ${field} is set; npm derives it from repository.url, so leave it out`);
    }
  }
  return h;
}

/** Each generated SDK's file that states the plugin's name, version and download URL. */
const PLUGIN_FILES = [
  "plugin-sdks/python/pulumi_turso_group/pulumi-plugin.json",
  "plugin-sdks/go/tursogroup/pulumi-plugin.json",
  "plugin-sdks/dotnet/pulumi-plugin.json",
  "plugin-sdks/java/src/main/resources/com/pulumi/turso-group/plugin.json",
];

const checks = {
  home() {
    const h = home();
    for (const file of PLUGIN_FILES) expectEqual(file, "server", json(file).server, h.pluginDownloadURL);
    const go = "plugin-sdks/go/tursogroup/internal/pulumiUtilities.go";
    expectEqual(
      go,
      "PluginDownloadURL",
      find(go, /pulumi\.PluginDownloadURL\("([^"]*)"\)/, "PluginDownloadURL"),
      h.pluginDownloadURL,
    );
    expectEqual(
      "plugin-sdks/go/go.mod",
      "module",
      find("plugin-sdks/go/go.mod", /^module (\S+)$/m, "module"),
      goModulePath(h, version),
    );
    const pyproject = "plugin-sdks/python/pyproject.toml";
    expectEqual(pyproject, "Homepage", find(pyproject, /^\s*Homepage = "([^"]*)"$/m, "Homepage"), h.url);
    expectEqual(
      "plugin-sdks/java/pom.xml",
      "groupId",
      find("plugin-sdks/java/pom.xml", /<groupId>([^<]*)</, "groupId"),
      `io.github.${h.owner}`,
    );
    const csproj = "plugin-sdks/dotnet/Pulumi.TursoGroup.csproj";
    expectEqual(csproj, "RepositoryUrl", find(csproj, /<RepositoryUrl>([^<]*)</, "RepositoryUrl"), h.url);
    return `${h.url}, plugins from ${h.pluginDownloadURL}, Go module ${goModulePath(h, version)}`;
  },

  versions() {
    for (const file of PLUGIN_FILES) expectEqual(file, "version", json(file).version, version);
    const pyproject = "plugin-sdks/python/pyproject.toml";
    expectEqual(pyproject, "version", find(pyproject, /^\s*version = "([^"]*)"$/m, "version"), pypiVersion(version));
    const go = "plugin-sdks/go/tursogroup/internal/pulumiUtilities.go";
    expectEqual(
      go,
      "the version invokes ask for",
      find(go, /semver\.MustParse\("([^"]*)"\)/, "semver.MustParse"),
      version,
    );
    expectEqual("plugin-sdks/dotnet/version.txt", "version", read("plugin-sdks/dotnet/version.txt").trim(), version);
    const csproj = "plugin-sdks/dotnet/Pulumi.TursoGroup.csproj";
    expectEqual(csproj, "Version", find(csproj, /<Version>([^<]*)</, "Version"), version);
    const pom = "plugin-sdks/java/pom.xml";
    expectEqual(pom, "version", find(pom, /<artifactId>[^<]*<\/artifactId>\s*<version>([^<]*)</, "version"), version);
    const javaVersion = "plugin-sdks/java/src/main/resources/com/pulumi/turso-group/version.txt";
    expectEqual(javaVersion, "version", read(javaVersion).trim(), version);
    expectEqual(
      "CHANGELOG.md",
      "the top entry",
      find("CHANGELOG.md", /^## \[(?!Unreleased\])([^\]]+)\]/m, "version entry"),
      version,
    );
    for (const file of ["README.md", "sdk/README.md"]) {
      for (const m of read(file).matchAll(
        /(?:turso-group-v|pulumi-turso-group-|resource turso-group )(\d+\.\d+\.\d+(?:-(?:alpha|beta|rc)\.\d+)?)/g,
      )) {
        expectEqual(file, `"${m[0]}"`, m[1], version);
      }
    }
    for (const file of scripts(root)) {
      const m = /pulumi-resource-turso-group-v\d/.exec(read(file));
      if (m)
        throw new Failure(
          `${file}: an archive name with a written version ("${m[0]}…"); take it from sdk/package.json`,
        );
    }
    return `${version} everywhere`;
  },

  schema() {
    const current = packageSchema(version, homeOf(manifest.repository.url));
    if (args.includes("--record")) {
      fs.writeFileSync(path.join(root, RELEASED), JSON.stringify(current, null, 2) + "\n");
      return `${RELEASED} is now ${version}'s schema`;
    }
    const released = json(RELEASED);
    const breaking = breakingChanges(released, current);
    if (breaking.length > 0 && !breakingAllowed(released.version, version)) {
      throw new Failure(
        `the schema breaks programs written for ${released.version} (${RELEASED}), and ${version} is not a new ` +
          `major version:\n  ${breaking.join("\n  ")}`,
      );
    }
    return breaking.length === 0
      ? `nothing of ${released.version}'s schema broken`
      : `${breaking.length} breaking changes since ${released.version}, allowed in ${version}`;
  },
};

/** The version as PyPI writes it (PEP 440): 1.2.3, 1.2.3a1, 1.2.3b1, 1.2.3rc1. */
function pypiVersion(v) {
  const m = /^(\d+\.\d+\.\d+)(?:-(alpha|beta|rc)\.(\d+))?$/.exec(v);
  if (!m) throw new Failure(`sdk/package.json: version ${v} has no PyPI form (X.Y.Z or X.Y.Z-alpha|beta|rc.N)`);
  return m[2] === undefined ? m[1] : `${m[1]}${{ alpha: "a", beta: "b", rc: "rc" }[m[2]]}${m[3]}`;
}

/** The repository's scripts (shell and JavaScript, this one aside), relative to root. */
function scripts(dir, rel = "scripts") {
  return fs.readdirSync(path.join(dir, rel), { withFileTypes: true }).flatMap((e) => {
    const file = path.join(rel, e.name);
    if (e.isDirectory()) return scripts(dir, file);
    return /\.(sh|js)$/.test(e.name) && file !== path.join("scripts", "release", "check.js") ? [file] : [];
  });
}

const wanted = args[0] === "all" ? Object.keys(checks) : [args[0]];
if (!wanted.every((name) => name in checks)) {
  console.error("usage: check.js home|versions|schema|all [--root DIR] [--record]");
  process.exit(2);
}
let failed = false;
for (const name of wanted) {
  try {
    console.log(`ok   ${name}: ${checks[name]()}`);
  } catch (err) {
    if (!(err instanceof Failure)) throw err;
    failed = true;
    console.log(`FAIL ${name}: ${err.message}`);
  }
}
process.exit(failed ? 1 : 0);
