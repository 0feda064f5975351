/**
 * The project's home, named once: `repository.url` of sdk/package.json, the one line a fork
 * changes. What names where the project lives derives from it here: the schema's homepage,
 * repository and publisher, the Go SDK's module path and the `pluginDownloadURL` from which Pulumi
 * downloads the plugin. (npm derives the package's `homepage` and `bugs` from the same field when
 * it publishes, which is why sdk/package.json has neither.)
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { bundledManifest } from "../core/bundle";

/** Where the project lives: a GitHub repository, whose releases carry the plugin's archives. */
export interface Home {
  /** The GitHub organization or user that owns the repository, e.g. `pulumi-turso-group`. */
  readonly owner: string;
  /** The repository's name, e.g. `pulumi-turso-group`. */
  readonly repo: string;
  /** The repository's page, `https://github.com/OWNER/REPO`: the packages' homepage and repository. */
  readonly url: string;
  /**
   * `github://api.github.com/OWNER/REPO`: Pulumi downloads
   * `pulumi-resource-turso-group-v<version>-<os>-<arch>.tar.gz` from the release `v<version>` there.
   */
  readonly pluginDownloadURL: string;
  /** `github.com/OWNER/REPO`: the root of every Go module path in the repository. */
  readonly goPath: string;
}

/** sdk/package.json as the plugin reads it: its version and where the project lives. */
export interface PackageManifest {
  readonly version: string;
  readonly repository: string;
}

// The forms npm writes and accepts for a GitHub repository: git+https, https, git, ssh.
const GITHUB =
  /^(?:git\+)?(?:https:\/\/|git:\/\/|ssh:\/\/git@)github\.com\/([A-Za-z0-9-]+)\/([A-Za-z0-9._-]+?)(?:\.git)?\/?$/;

/**
 * The home a repository URL names; throws when it is not a GitHub repository (Pulumi's
 * `github://` download scheme needs one).
 *
 * @example
 * homeOf("git+https://github.com/acme/pulumi-turso-group.git").pluginDownloadURL
 * // "github://api.github.com/acme/pulumi-turso-group"
 */
export function homeOf(repository: string): Home {
  const match = GITHUB.exec(repository);
  const [owner, repo] = [match?.[1], match?.[2]];
  if (owner === undefined || repo === undefined) {
    throw new Error(
      `sdk/package.json's repository.url must name a GitHub repository (git+https://github.com/OWNER/REPO.git): ` +
        `the plugin is downloaded from its releases. Got ${JSON.stringify(repository)}.`,
    );
  }
  return {
    owner,
    repo,
    url: `https://github.com/${owner}/${repo}`,
    pluginDownloadURL: `github://api.github.com/${owner}/${repo}`,
    goPath: `github.com/${owner}/${repo}`,
  };
}

/** Where the Go SDK lives in the repository (its tags are `plugin-sdks/go/v<version>`). */
export const GO_SDK_FOLDER = "plugin-sdks/go";

/**
 * The Go SDK's module path: `github.com/OWNER/REPO/plugin-sdks/go`, with the `/vN` suffix Go
 * requires of a module from major version 2 on.
 */
export function goModulePath(home: Home, version: string): string {
  const major = Number(version.split(".")[0]);
  return `${home.goPath}/${GO_SDK_FOLDER}${major >= 2 ? `/v${major}` : ""}`;
}

/**
 * sdk/package.json's version and home: stamped into the plugin executable's bundle, else read where
 * the compiled plugin finds it (dist/plugin/ → the package's root).
 */
export function packageManifest(): PackageManifest {
  const stamped = bundledManifest();
  if (stamped !== undefined) return stamped;
  const file = path.join(__dirname, "..", "..", "package.json");
  const pkg = JSON.parse(readFileSync(file, "utf8")) as { version: string; repository?: { url?: string } };
  return { version: pkg.version, repository: pkg.repository?.url ?? "" };
}
