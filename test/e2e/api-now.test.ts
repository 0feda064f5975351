import { hostileApi, suitePeers } from "../helpers/hostile";
import { ALICE } from "../helpers/seed";
import { Harness, lookupStacks } from "./harness";

jest.setTimeout(120_000);

// The Turso API as it is now (issue 23), through the real CLI: the OpenAPI marks a group's
// `locations` deprecated, and its examples give an AWS group's primary as a bare region.
const harness = new Harness("api-now");
const keep = suitePeers();

it("a group answer without locations gives locations [primary], and a bare AWS primary maps to AWS", async () => {
  const api = await hostileApi(() => ({
    status: 200,
    body: JSON.stringify({ group: { name: "default", primary: "us-east-1", archived: false, uuid: "u-1" } }),
  }));
  keep(api);
  const stack = await lookupStacks(harness)("no-locations", [{ group: "default" }], {
    api,
    env: { TURSO_API_TOKEN: ALICE },
  });
  const preview = await stack.run(["preview", "--debug"]);
  expect(preview.code).toBe(0);
  expect(preview.stdout).toMatch(/locations\s*: \[\s*\[0\]: "us-east-1"\s*\]/);
  // Said once: Pulumi shows each debug line twice, in the progress and under Diagnostics, as it
  // does the request's own line.
  const count = (text: string): number => preview.output.split(text).length - 1;
  expect(count('a group without "locations" (Turso deprecates the field)')).toBe(2);
  expect(count("/v1/groups/default -> 200 (attempt 1/4")).toBe(2);
  await stack.up();
  const outputs = await stack.outputs();
  expect(outputs["locations"]).toEqual(["us-east-1"]);
  expect(outputs["primary"]).toBe("us-east-1");
  const [result] = outputs["all"] as { primaryRegion: unknown; archived: unknown }[];
  expect(result?.primaryRegion).toEqual({ cloud: "aws", region: "us-east-1" });
  expect(result?.archived).toBe(false);
  // One request per operation: the preview's and the update's.
  expect(api.requests).toHaveLength(2);
});
