/**
 * The plugin's standalone executables (npm run plugin-archives) for the end-to-end tests: built once
 * per content of their inputs into .e2e/plugin-archives/<key>/, whichever test file asks first (a
 * lock serialises parallel jest workers), and a PATH with no Node.js on it to run them.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync } from "node:fs";
import path from "node:path";
import { homeOf } from "../../sdk/src/plugin/home";

const REPO = path.resolve(__dirname, "../..");
const BUILD = path.join(REPO, "scripts/plugin-archives/build.js");

/** The package's version: the archives' and the plugin's. */
export const VERSION = (JSON.parse(readFileSync(path.join(REPO, "sdk/package.json"), "utf8")) as { version: string })
  .version;

/**
 * Where the plugin is released, as the schema and SDKs name it (pluginDownloadURL, from the home in
 * sdk/package.json): the repository's GitHub releases, github://api.github.com/<owner>/<repo>.
 */
export const PLUGIN_DOWNLOAD_URL = homeOf(
  (JSON.parse(readFileSync(path.join(REPO, "sdk/package.json"), "utf8")) as { repository: { url: string } }).repository
    .url,
).pluginDownloadURL;

/** The archive of a platform (linux-amd64, ...) as Pulumi downloads it. */
export function archiveName(platform: string): string {
  return `pulumi-resource-turso-group-v${VERSION}-${platform}.tar.gz`;
}

function files(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const full = path.join(dir, name);
      return statSync(full).isDirectory() ? files(full) : [full];
    });
}

/** The folder holding the archives of `platforms` and SHA256SUMS, built unless already there. */
export function pluginArchives(platforms: readonly string[]): string {
  const hash = createHash("sha256").update(platforms.join(","));
  const inputs = [
    ...files(path.join(REPO, "sdk/dist")).filter((f) => f.endsWith(".js")),
    ...files(path.join(REPO, "scripts/plugin-archives")),
    path.join(REPO, "scripts/toolchain.env"),
    path.join(REPO, "sdk/package.json"),
  ];
  for (const file of inputs) hash.update(file).update(readFileSync(file));
  const root = path.join(REPO, ".e2e", "plugin-archives");
  const dir = path.join(root, hash.digest("hex").slice(0, 12));
  mkdirSync(root, { recursive: true });
  const script =
    'test -f "$1/SHA256SUMS" && exit 0; rm -rf "$1.tmp"; "$2" "$3" "$1.tmp" --only "$4" && mv "$1.tmp" "$1"';
  execFileSync(
    "flock",
    [path.join(root, "lock"), "sh", "-c", script, "sh", dir, process.execPath, BUILD, platforms.join(",")],
    {
      stdio: ["ignore", "ignore", "inherit"],
    },
  );
  return dir;
}

/** Unpacks `archive` into `dir` (emptied first); returns `dir`. */
export function unpack(archive: string, dir: string): string {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  execFileSync("tar", ["-xzf", archive, "-C", dir]);
  return dir;
}

/** Commands a PATH without Node.js still offers: the shell and coreutils the CLI and hosts may call. */
export const COREUTILS = ["sh", "env", "cat", "ls", "mkdir", "rm", "cp", "mv", "uname", "dirname", "basename"];

/**
 * A folder of symlinks to `commands` (found on this process's PATH), to be the whole PATH of a
 * command; throws if one is missing, or if `node` resolves through it.
 */
export function pathWithout(dir: string, commands: readonly string[]): string {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const command of commands) {
    const found = (process.env["PATH"] ?? "")
      .split(path.delimiter)
      .map((d) => path.join(d, command))
      .find((f) => existsSync(f));
    if (found === undefined) throw new Error(`${command} is not on PATH; the tests need it`);
    symlinkSync(found, path.join(dir, command));
  }
  const node = spawnSync("node", ["--version"], { env: { PATH: dir } });
  if ((node.error as NodeJS.ErrnoException | undefined)?.code !== "ENOENT") {
    throw new Error(`node still runs with PATH=${dir}`);
  }
  return dir;
}
