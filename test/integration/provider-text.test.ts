/**
 * The provider text (sdk/src/dynamic/provider/provider.ts), evaluated as Pulumi's dynamic-provider host
 * does (require-from-string, no file name, from the program's directory), in installation layouts
 * built on disk: it loads the copy recorded in it, even with another copy where the package's name
 * resolves; it falls back to the name when the recorded copy is gone; and it fails with one line
 * when neither is there.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import Module from "node:module";
import os from "node:os";
import path from "node:path";
import { startEmulator, type Emulator } from "../../sdk/src/emulator";
import { CONTRACT } from "../../sdk/src/dynamic/provider/lookup";
import { providerText, recordedLocation } from "../../sdk/src/dynamic/provider/provider";
import { ACME_PROD, ALICE, TEST_SEED } from "../helpers/seed";

// eslint-disable-next-line @typescript-eslint/no-require-imports -- what Pulumi's dynamic-provider host loads providers with
const requireFromString = require("require-from-string") as (code: string) => { handler(): Provider };

interface Provider {
  configure(req: { config: { get(key: string): string | undefined } }): Promise<void>;
  read(id: string, props: Record<string, unknown>): Promise<{ id: string; props: Record<string, unknown> }>;
  [method: string]: unknown;
}

const REPO = path.resolve(__dirname, "../..");
const SDK = path.join(REPO, "sdk");
let emu: Emulator;
let tmp: string;
const home = process.cwd();

beforeAll(async () => {
  emu = await startEmulator({ seed: TEST_SEED });
});
afterAll(() => emu.stop());
beforeEach(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), "provider-text-"));
});
/**
 * Node caches what a module without a file name (every provider text) required, by the request
 * alone: forget the copies loaded so far (here or by another suite in this process), as a new
 * provider process would.
 */
function forgetLoadedCopies(): void {
  const cache = (Module as unknown as { _cache: Record<string, unknown> })._cache;
  for (const file of Object.keys(cache)) if (file.startsWith(tmp) || file.startsWith(SDK)) delete cache[file];
}
beforeEach(forgetLoadedCopies);
afterEach(() => {
  process.chdir(home);
  forgetLoadedCopies();
  rmSync(tmp, { recursive: true, force: true });
});

/** A copy of this package (its built dist and manifest) at `dir`, with its dependencies linked. */
function copyOfThisPackage(dir: string): void {
  mkdirSync(dir, { recursive: true });
  cpSync(path.join(SDK, "package.json"), path.join(dir, "package.json"));
  cpSync(path.join(SDK, "dist"), path.join(dir, "dist"), { recursive: true });
  mkdirSync(path.join(dir, "node_modules"));
  // @pulumi (the peer dependency) and every dependency of the manifest, by its folder (a scope's).
  const manifest = JSON.parse(readFileSync(path.join(SDK, "package.json"), "utf8")) as {
    dependencies: Record<string, string>;
  };
  const folders = new Set(["@pulumi", ...Object.keys(manifest.dependencies).map((d) => d.split("/")[0] ?? d)]);
  for (const dep of folders) {
    symlinkSync(path.join(REPO, "node_modules", dep), path.join(dir, "node_modules", dep));
  }
}

/** Another version of the package at `dir`, whose provider module fails loudly if anything loads it. */
function decoy(dir: string, contract: number | "throws"): void {
  mkdirSync(path.join(dir, "dist", "provider"), { recursive: true });
  writeFileSync(
    path.join(dir, "package.json"),
    JSON.stringify({
      name: "pulumi-turso-group",
      version: "0.0.9",
      exports: { "./internal/provider": "./dist/provider/runtime.js" },
    }),
  );
  const body =
    contract === "throws"
      ? 'throw new Error("the decoy copy was loaded");'
      : `exports.contract = ${contract}; exports.runtime = () => ({ decoy: true });`;
  writeFileSync(path.join(dir, "dist", "provider", "runtime.js"), body);
}

/** The provider the host would make from `text`, in the program directory `program`. */
async function load(program: string, text: string): Promise<Provider> {
  process.chdir(program);
  const provider = requireFromString(text).handler();
  const config: Record<string, string> = { "turso:apiToken": ALICE, "turso:apiBaseUrl": emu.url };
  await provider.configure({ config: { get: (key) => config[key] } });
  return provider;
}

const READ = { lookup: { organization: "acme", group: "prod" } };

it("records where the copy is relative to the program's directory, never an absolute path", () => {
  expect(recordedLocation(path.join(tmp, "app"))).toBe(path.relative(path.join(tmp, "app"), SDK));
  expect(recordedLocation(SDK)).toBe("./");
  expect(recordedLocation(path.dirname(SDK))).toBe("./sdk");
  // A copy linked from outside the program (npm link, a file: folder): the path through its node_modules.
  const linked = path.join(tmp, "linked-app");
  mkdirSync(path.join(linked, "node_modules"), { recursive: true });
  expect(recordedLocation(linked)).toMatch(/^\.\.\//);
  symlinkSync(SDK, path.join(linked, "node_modules", "pulumi-turso-group"));
  expect(recordedLocation(linked)).toBe("./node_modules/pulumi-turso-group");
  // Another copy linked there is not this one: the path to this one stays.
  expect(recordedLocation(linked, path.join(tmp, "app"))).toMatch(/^\.\.\//);
  const text = providerText("./node_modules/lib/node_modules/pulumi-turso-group", "0.2.0");
  expect(text).not.toContain(REPO);
  expect(text).not.toMatch(/token|settings|process\.env|__dirname/i);
});

it("loads the recorded copy, a library's own, even with a copy that fails loudly where the name resolves", async () => {
  const app = path.join(tmp, "app");
  const nested = path.join(app, "node_modules", "mylib", "node_modules", "pulumi-turso-group");
  copyOfThisPackage(nested);
  decoy(path.join(app, "node_modules", "pulumi-turso-group"), "throws");
  const provider = await load(app, providerText("./node_modules/mylib/node_modules/pulumi-turso-group", "0.2.0"));
  // A lookup is always a read: the provider has nothing else.
  for (const method of ["create", "update", "delete", "diff", "check"]) expect(provider[method]).toBeUndefined();
  const result = await provider.read("acme/prod", READ);
  expect(result).toEqual({
    id: "acme/prod",
    props: {
      lookup: {
        organization: "acme",
        group: "prod",
        result: ACME_PROD,
      },
    },
  });
});

it("falls back to the package's name when the recorded copy is gone", async () => {
  const app = path.join(tmp, "app");
  copyOfThisPackage(path.join(app, "node_modules", "pulumi-turso-group"));
  const provider = await load(app, providerText("./node_modules/gone/node_modules/pulumi-turso-group", "0.2.0"));
  expect((await provider.read("acme/prod", READ)).props).toMatchObject({ lookup: { result: { name: "prod" } } });
});

it("fails in one line, naming the copy and version and how to get it, when no copy of its contract is there", () => {
  const app = path.join(tmp, "app");
  // The copy that resolves by name is of an older contract: not used.
  decoy(path.join(app, "node_modules", "pulumi-turso-group"), CONTRACT - 1);
  process.chdir(app);
  const text = providerText("./node_modules/.pnpm/pulumi-turso-group@0.2.0/node_modules/pulumi-turso-group", "0.2.0");
  let thrown: unknown;
  try {
    requireFromString(text).handler();
  } catch (err) {
    thrown = err;
  }
  const err = thrown as Error;
  expect(err.message).toBe(
    "pulumi-turso-group 0.2.0 or later is not at " +
      "./node_modules/.pnpm/pulumi-turso-group@0.2.0/node_modules/pulumi-turso-group (from the program's directory) " +
      "nor found by name: install the program's dependencies, or add pulumi-turso-group@0.2.0",
  );
  // What the host prints to stderr, `${e}: ${e.stack}`: one line, no stack frames.
  expect(`${String(err)}: ${err.stack}`).toBe("Error: ");
});
