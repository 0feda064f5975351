import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startEmulator, type Emulator } from "../../sdk/src/emulator";
import { codeBlocks } from "../helpers/markdown";
import { devVersion, npm, packInto } from "../helpers/pack";
import { pluginStackOptions, previewAndUpReadDefaultOnce } from "./emulated";
import { Harness, REPO } from "./harness";

jest.setTimeout(300_000);

// A stranger's Pulumi YAML project: a folder outside the repository, the packed tarball installed
// with npm, its Pulumi.yaml the one README.md's plugin section gives. The plugin runs from the
// package's plugin/ folder, as it ships.
const harness = new Harness("plugin-package");
const outside = path.join(tmpdir(), `turso-plugin-package-test-${process.pid}`);
const app = path.join(outside, "app");
let tarball: string;
let emulator: Emulator;

/** The README's Pulumi YAML program: its yaml block with `runtime: yaml`. */
function readmeProgram(): string {
  const block = codeBlocks(readFileSync(path.join(REPO, "README.md"), "utf8")).find(
    (b) => b.lang === "yaml" && /^runtime: yaml$/m.test(b.code),
  );
  if (!block) throw new Error("README.md has no yaml block with runtime: yaml");
  return block.code;
}

beforeAll(async () => {
  rmSync(outside, { recursive: true, force: true });
  mkdirSync(app, { recursive: true });
  tarball = packInto(outside);
  writeFileSync(
    path.join(app, "package.json"),
    JSON.stringify({
      name: "stranger-yaml-app",
      private: true,
      dependencies: { "@pulumi/pulumi": devVersion("@pulumi/pulumi"), "pulumi-turso-group": `file:${tarball}` },
    }),
  );
  npm(["install", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error"], app);
  writeFileSync(path.join(app, "Pulumi.yaml"), readmeProgram());
  emulator = await startEmulator();
});

afterAll(async () => {
  await emulator?.stop();
  rmSync(outside, { recursive: true, force: true });
});

it("ships the plugin folder with its executable", () => {
  const listing = execFileSync("tar", ["-tvzf", tarball], { encoding: "utf8" });
  expect(listing).toMatch(/^-rwxr-xr-x .* package\/plugin\/pulumi-resource-turso-group$/m);
  expect(listing).toMatch(/ package\/dist\/plugin\/main\.js$/m);
});

it("the README's YAML program previews and runs against the emulator, one request per invoke", async () => {
  const stack = await harness.stack(pluginStackOptions(app, emulator));
  expect((await previewAndUpReadDefaultOnce(stack, emulator)).outputs).toEqual({
    primary: "fra",
    locations: ["fra", "ams"],
    primaryRegion: { cloud: "fly", region: "fra" },
  });
});
