/**
 * What the plugin executable's bundler writes into the code (scripts/plugin-archives/build.js,
 * esbuild's `define`): a bundle has no package folder to read or resolve modules from, so the facts
 * that the package's files give at run time are stamped into it at build time.
 */
/** Replaced by the package version, as a string literal, in the plugin executable's bundle. */
declare const TURSO_GROUP_BUNDLED_VERSION: string | undefined;
/** Replaced by the package's `repository.url` (the project's home), as a string literal, in the bundle. */
declare const TURSO_GROUP_BUNDLED_REPOSITORY: string | undefined;

/** The package version stamped into the bundle; undefined when running from the package's files. */
export function bundledVersion(): string | undefined {
  return typeof TURSO_GROUP_BUNDLED_VERSION === "string" ? TURSO_GROUP_BUNDLED_VERSION : undefined;
}

/** The package's version and home stamped into the bundle; undefined when running from the package's files. */
export function bundledManifest(): { readonly version: string; readonly repository: string } | undefined {
  const version = bundledVersion();
  if (version === undefined || typeof TURSO_GROUP_BUNDLED_REPOSITORY !== "string") return undefined;
  return { version, repository: TURSO_GROUP_BUNDLED_REPOSITORY };
}
