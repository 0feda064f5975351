// Layout cells of the compatibility matrix: not which release, but where the package is
// installed. In each, the Pulumi program (test/compat/layouts/app) reaches the package only through
// a library (test/compat/layouts/mylib), so that its lookups must run the library's copy, which the
// name does not resolve to from the program's directory.
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const FILES = path.resolve(__dirname, "../../test/compat/layouts");
const NPM_INSTALL = ["install", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error"];

/** Copies a folder of test/compat/layouts into `to`, with `manifest` as its package.json. */
function place(name, to, manifest) {
  fs.mkdirSync(to, { recursive: true });
  for (const file of fs.readdirSync(path.join(FILES, name)))
    fs.copyFileSync(path.join(FILES, name, file), path.join(to, file));
  fs.writeFileSync(path.join(to, "package.json"), JSON.stringify(manifest, null, 2));
}

/** The library's manifest: the package under test as its own dependency. */
const library = (tarball, sdk) => ({
  name: "mylib",
  version: "1.0.0",
  main: "index.js",
  dependencies: { "pulumi-turso-group": `file:${tarball}` },
  peerDependencies: { "@pulumi/pulumi": sdk },
});

/** The library packed, as a registry would serve it. */
async function packedLibrary(project, tarball, sdk, sh) {
  const source = path.join(project, "..", "mylib");
  place("mylib", source, library(tarball, sdk));
  const name = (await sh("npm", ["pack", "--loglevel=error", "--pack-destination", project], source)).trim();
  return path.join(project, name.split("\n").pop());
}

/**
 * A project of `manager` with only the library (and @pulumi/pulumi) as dependencies; `npmrc`
 * chooses the layout (pnpm's `hoist=false`, npm's `install-strategy=nested`, which leaves the
 * package only under the library).
 */
function onlyUnderALibrary(manager, npmrc) {
  return async ({ project, tarball, sdk, sh, pnpm }) => {
    const lib = await packedLibrary(project, tarball, sdk, sh);
    place("app", project, {
      name: "app",
      private: true,
      main: "index.js",
      dependencies: { "@pulumi/pulumi": sdk, mylib: `file:${lib}` },
    });
    if (npmrc) fs.writeFileSync(path.join(project, ".npmrc"), npmrc);
    if (manager === "npm") {
      await sh("npm", NPM_INSTALL);
    } else {
      // pnpm exits non-zero on build scripts it was not told to allow (protobufjs, under @pulumi/pulumi).
      fs.writeFileSync(path.join(project, "pnpm-workspace.yaml"), "allowBuilds:\n  protobufjs: true\n");
      await sh(pnpm, ["install", "--reporter=silent"]);
    }
    return project;
  };
}

/**
 * npm, the library's own copy nested under it, and at the top a decoy: another version of the
 * package whose provider module throws when loaded.
 */
async function besideADecoy({ project, tarball, sdk, sh }) {
  const lib = await packedLibrary(project, tarball, sdk, sh);
  const decoySource = path.join(project, "..", "decoy");
  const exportsMap = { ".": "./dist/provider/runtime.js", "./internal/provider": "./dist/provider/runtime.js" };
  fs.mkdirSync(path.join(decoySource, "dist", "provider"), { recursive: true });
  fs.copyFileSync(path.join(FILES, "decoy", "runtime.js"), path.join(decoySource, "dist", "provider", "runtime.js"));
  fs.writeFileSync(
    path.join(decoySource, "package.json"),
    JSON.stringify({ name: "pulumi-turso-group", version: "0.1.99-decoy", exports: exportsMap }),
  );
  const decoy = path.join(
    project,
    (await sh("npm", ["pack", "--loglevel=error", "--pack-destination", project], decoySource)).trim(),
  );
  const dependencies = { "@pulumi/pulumi": sdk, mylib: `file:${lib}`, "pulumi-turso-group": `file:${decoy}` };
  place("app", project, { name: "app", private: true, main: "index.js", dependencies });
  await sh("npm", NPM_INSTALL);
  const nested = path.join(project, "node_modules", "mylib", "node_modules", "pulumi-turso-group", "package.json");
  if (!fs.existsSync(nested)) throw new Error("npm did not nest the library's own copy under it");
  return project;
}

/** An npm workspace: the library and the program are workspace packages, the package hoisted to the root. */
async function workspace({ project, tarball, sdk, sh }) {
  fs.mkdirSync(project, { recursive: true });
  fs.writeFileSync(
    path.join(project, "package.json"),
    JSON.stringify({ name: "monorepo", private: true, workspaces: ["packages/*"] }, null, 2),
  );
  place("mylib", path.join(project, "packages", "mylib"), library(tarball, sdk));
  const app = path.join(project, "packages", "app");
  place("app", app, {
    name: "app",
    private: true,
    main: "index.js",
    dependencies: { "@pulumi/pulumi": sdk, mylib: "1.0.0" },
  });
  await sh("npm", NPM_INSTALL);
  return app;
}

/** The layout cells: the name to run one with (`--layout NAME`), what it lays out, and how. */
const LAYOUTS = {
  "pnpm-library": { what: "pnpm, the package only under a library", build: onlyUnderALibrary("pnpm") },
  "pnpm-hoist-false-library": {
    what: "pnpm with hoist=false, the package only under a library",
    build: onlyUnderALibrary("pnpm", "hoist=false\n"),
  },
  "npm-nested-library": {
    what: "npm with install-strategy=nested, the package only under a library",
    build: onlyUnderALibrary("npm", "install-strategy=nested\n"),
  },
  "npm-decoy": { what: "npm, the library's own copy beside a decoy version at the top", build: besideADecoy },
  "npm-workspace": { what: "an npm workspace: the library and the program as workspace packages", build: workspace },
};

module.exports = { LAYOUTS, FIXTURE: FILES };
