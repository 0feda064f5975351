/**
 * The package as a stranger installs it: `npm pack` of the workspace's sdk/ into a folder outside
 * the repository, and the versions of this repository's own dependencies to install beside it.
 */
import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";

const REPO = path.resolve(__dirname, "../..");

/** Runs npm in `cwd` and returns its output; throws with npm's output when it fails. */
export const npm = (args: string[], cwd: string): string =>
  execFileSync("npm", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

/** The version of a dependency installed in this repository (e.g. to pin the same typescript). */
export const devVersion = (name: string): string =>
  (JSON.parse(readFileSync(path.join(REPO, "node_modules", name, "package.json"), "utf8")) as { version: string })
    .version;

/** Packs the package into `outside` (which must exist) and returns the tarball's path. */
export function packInto(outside: string): string {
  npm(["pack", "--workspace", "sdk", "--pack-destination", outside, "--loglevel=error"], REPO);
  return path.join(outside, readdirSync(outside).find((f) => f.endsWith(".tgz")) ?? "");
}
