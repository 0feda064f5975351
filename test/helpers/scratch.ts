/**
 * A scratch copy of the repository, for tests that run commands the way a user does (they write
 * stacks, state and logs where a user's would go): every file of the working tree that git tracks
 * or would track (not ignored), as it is now, plus the built sdk/dist. The installed packages are shared, not copied: each node_modules
 * folder is a folder of links to the repository's entries, so a command that reinstalls in the copy
 * replaces links and never touches the repository's node_modules. The workspace links point into the
 * copy, as npm made them.
 */
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, lstatSync, mkdirSync, readdirSync, readlinkSync, rmSync, symlinkSync } from "node:fs";
import path from "node:path";
import { REPO } from "../e2e/harness";

export function scratchCopy(dest: string): string {
  rmSync(dest, { recursive: true, force: true });
  const tracked = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], {
    cwd: REPO,
    encoding: "utf8",
  }).split("\0");
  for (const file of tracked) {
    const from = path.join(REPO, file);
    if (!file || !existsSync(from)) continue; // deleted in the working tree
    mkdirSync(path.dirname(path.join(dest, file)), { recursive: true });
    cpSync(from, path.join(dest, file), { preserveTimestamps: true, verbatimSymlinks: true });
  }
  // The compiled package, with its build info: the copy's `tsc -b` finds it up to date.
  cpSync(path.join(REPO, "sdk/dist"), path.join(dest, "sdk/dist"), { recursive: true, preserveTimestamps: true });
  for (const dir of ["", "sdk", ...readdirSync(path.join(REPO, "examples")).map((e) => `examples/${e}`)]) {
    const modules = path.join(REPO, dir, "node_modules");
    if (existsSync(modules)) linkEntries(modules, path.join(dest, dir, "node_modules"));
  }
  return dest;
}

function linkEntries(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from)) {
    const source = path.join(from, entry);
    if (entry === ".lock-hash") cpSync(source, path.join(to, entry));
    // A workspace link (../sdk, ../examples/x) keeps its relative target: it points into the copy.
    else if (lstatSync(source).isSymbolicLink()) symlinkSync(readlinkSync(source), path.join(to, entry));
    else symlinkSync(source, path.join(to, entry));
  }
}
