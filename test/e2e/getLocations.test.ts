import path from "node:path";
import { ALICE } from "../helpers/seed";
import { suiteEmulator } from "./emulated";
import { Harness, PROGRAMS, lookupStacks } from "./harness";

jest.setTimeout(180_000);

// getLocations through the real CLI: preview and up, one request per operation for two calls.
const harness = new Harness("getLocations");
const emu = suiteEmulator();

it("reads every location the API offers in preview and up, with one request per operation", async () => {
  const stack = await lookupStacks(harness, { program: path.join(PROGRAMS, "locations"), api: emu, token: ALICE })(
    "dev",
  );
  emu.clearRequests();
  const preview = await stack.cli(["preview"]);
  expect(preview.stdout).toContain("read pulumi-nodejs:dynamic/turso:Locations locations");
  expect(preview.stdout).toMatch(/count\s*: 4\d/);
  await stack.up();
  expect(emu.requests().map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
    "GET /v1/locations 200",
    "GET /v1/locations 200",
  ]);
  const outputs = await stack.outputs();
  expect(outputs["fra"]).toEqual({
    code: "fra",
    description: expect.stringContaining("Frankfurt"),
    region: { cloud: "fly", region: "fra" },
  });
  expect(outputs["awsRegions"]).toEqual(expect.arrayContaining(["us-east-1", "eu-west-1"]));
  const reads = (await stack.resources()).filter((r) => r.type === "pulumi-nodejs:dynamic/turso:Locations");
  expect(reads.map((r) => r.id)).toEqual(["locations"]);
  // A refresh reads it again and finds nothing changed.
  const refresh = await stack.run(["refresh", "--yes", "--skip-preview", "--expect-no-changes"]);
  expect(refresh.code).toBe(0);
});
