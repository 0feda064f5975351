/**
 * What the plugin executable's bundler writes into the code (scripts/plugin-archives/build.js,
 * esbuild's `define`): a bundle has no package folder to read or resolve modules from, so the facts
 * that the package's files give at run time are stamped into it at build time.
 */
import path from "node:path";

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

/**
 * The gRPC library (`@grpc/grpc-js`) that `@pulumi/pulumi` runs on, whatever the package layout: the
 * copy beside `@pulumi/pulumi` when running from the package's files, the bundled one in a bundle.
 */
export function pulumiGrpc<T>(): T {
  /* eslint-disable @typescript-eslint/no-require-imports */
  if (bundledVersion() !== undefined) return require("@grpc/grpc-js") as T;
  const pulumiDir = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
  return require(require.resolve("@grpc/grpc-js", { paths: [pulumiDir] })) as T;
  /* eslint-enable @typescript-eslint/no-require-imports */
}
