/**
 * The keys of the stack's config file, as far as the plugin can see them. The engine gives a
 * provider only its own namespace (`turso-group:*`); a key set in the TypeScript data source's
 * (`turso:apiToken`) is found here, for a hint, in the files `pulumi config set` writes:
 * `Pulumi.<stack>.yaml` (in the project's `stackConfigDir`, if it names one) and `Pulumi.yaml`'s
 * `config:`, both in the plugin's working directory, which is the program's. Keys set elsewhere
 * (an ESC environment, `--config-file`) are not seen.
 */
import { readFileSync } from "node:fs";
import path from "node:path";

/** The stack's name in a resource URN (`urn:pulumi:dev::project::type::name` → `dev`). */
export function stackOfUrn(urn: string): string | undefined {
  const match = /^urn:pulumi:([^:]+)::/u.exec(urn);
  return match?.[1];
}

function read(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return "";
  }
}

/**
 * The names of the keys of `namespace` (`turso` → `apiToken`, …) set in the config files of
 * `stack`, read from `dir`; empty when none can be read.
 */
export function keysInConfigFiles(namespace: string, stack: string | undefined, dir: string = process.cwd()): string[] {
  const project = read(path.join(dir, "Pulumi.yaml")) || read(path.join(dir, "Pulumi.yml"));
  const configDir = /^stackConfigDir:\s*["']?([^"'\s#]+)/mu.exec(project)?.[1] ?? ".";
  const stackFile = stack === undefined ? "" : read(path.join(dir, configDir, `Pulumi.${stack}.yaml`));
  const escaped = namespace.replace(/[.*+?^${}()|[\]\\-]/gu, "\\$&");
  const key = new RegExp(`^\\s+["']?${escaped}:([A-Za-z0-9_.-]+)["']?:`, "gmu");
  const names = [...`${project}\n${stackFile}`.matchAll(key)].map((m) => m[1] ?? "");
  return [...new Set(names)];
}
