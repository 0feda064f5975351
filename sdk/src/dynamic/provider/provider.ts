/**
 * The provider text: what every lookup stores in state as `__provider` (twice: in its inputs and
 * its outputs), and what Pulumi's dynamic-provider host evaluates, from the program's directory,
 * to read it. It is written by hand rather than serialized from a closure, so that it is small and
 * captures nothing (no token, no settings, no module).
 *
 * It loads the copy of this package that registered the lookup: the copy's folder is recorded
 * relative to the program's directory (never an absolute path), so that pnpm's layouts, a library's
 * nested copy and a workspace load the right code even when another version sits where the
 * package's name resolves. Resolution by name is the fallback, for a state moved to another
 * checkout. A copy is accepted when its runtime speaks this contract or a later one; when none is
 * found, the read fails with one line naming the version it needs and how to get it.
 *
 * Contract 2 (this version): the text below; a lookup's props are `{ lookup }` (see lookup.ts), and
 * `dist/provider/runtime.js` of the recorded folder exports `contract` and `runtime()`.
 * Earlier texts (`require("pulumi-turso-group/internal/provider").runtime()`) keep working: the
 * runtime reads their flat props too. Raise {@link CONTRACT} when a lookup's props gain a meaning
 * that an older runtime would ignore.
 */
import { readFileSync, realpathSync } from "node:fs";
import path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { CONTRACT } from "./lookup";

/** The text for a copy at `at` (relative to the program's directory, `/`-separated) of `version`. */
export function providerText(at: string, version: string): string {
  // The folder is named once (a pnpm folder is long): the text refers to it as `p`.
  const missing = [
    `pulumi-turso-group ${version} or later is not at `,
    ` (from the program's directory) nor found by name: install the program's dependencies, ` +
      `or add pulumi-turso-group@${version}`,
  ].map((part) => JSON.stringify(part));
  return (
    `exports.handler=()=>{const p=${JSON.stringify(at)};` +
    `for(const f of[()=>require(p+"/dist/provider/runtime.js"),()=>require("pulumi-turso-group/internal/provider")])` +
    `{let r;try{r=f()}catch(e){if(e.code!="MODULE_NOT_FOUND")throw e;continue}if(r.contract>=${CONTRACT})return r.runtime()}` +
    `throw Object.assign(Error(${missing.join("+p+")}),{stack:"",toString:()=>"Error"})}`
  );
}

/** The folder of this copy of the package (realpath: a pnpm or workspace link resolved). */
const PACKAGE_ROOT = path.resolve(__dirname, "..", "..", "..");

/**
 * Where the dynamic-provider process will find this copy: its folder relative to the project's
 * root directory, which is the working directory of the provider process (the program's own
 * working directory when the SDK does not say). A copy outside that folder (`npm link`, a `file:`
 * folder, a workspace elsewhere) is recorded as the program reaches it, through its own
 * `node_modules`, when that leads to this copy: a path climbing out of the program's folder would
 * put the machine's layout into shared state.
 */
export function recordedLocation(root: string = programDirectory(), copy: string = PACKAGE_ROOT): string {
  const relative = path.relative(root, copy).split(path.sep).join("/");
  if (relative !== ".." && !relative.startsWith("../")) return `./${relative}`;
  const linked = path.join(root, "node_modules", "pulumi-turso-group");
  try {
    if (realpathSync(linked) === realpathSync(copy)) return "./node_modules/pulumi-turso-group";
  } catch {
    // not linked there: the relative path is the only way to it
  }
  return relative;
}

function programDirectory(): string {
  const fromSdk = (pulumi.runtime as { getRootDirectory?: () => string }).getRootDirectory?.();
  return fromSdk || process.cwd();
}

/** The texts made in this process, by program directory (an Automation API process runs several). */
const texts = new Map<string, string>();

/** This copy's provider text for the program being run. */
export function thisProviderText(): string {
  const root = programDirectory();
  let text = texts.get(root);
  if (text === undefined) {
    const manifest = JSON.parse(readFileSync(path.join(PACKAGE_ROOT, "package.json"), "utf8")) as { version: string };
    texts.set(root, (text = providerText(recordedLocation(root), manifest.version)));
  }
  return text;
}
