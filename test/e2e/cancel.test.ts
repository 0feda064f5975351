import { appendFileSync } from "node:fs";
import path from "node:path";
import { ALICE } from "../helpers/seed";
import { previewCtrlCOnceConnected, stalledApi } from "../helpers/stalled";
import { Harness, lookupStacks } from "./harness";

jest.setTimeout(120_000);

// Ctrl-C during a stalled lookup, through the real CLI: the engine's Cancel reaches the lookup,
// which stops its request and its retries at once instead of running to turso:totalTimeoutMs.
const harness = new Harness("cancel");

it("a Ctrl-C during a stalled lookup ends the preview in seconds, saying the lookup was cancelled", async () => {
  const api = await stalledApi();
  try {
    const stack = await lookupStacks(harness)("stalled", [{ group: "default" }], {
      api,
      env: { TURSO_API_TOKEN: ALICE },
    });
    // Ctrl-C once the request is in flight (the API has its connection).
    const { result, interruptedAt, afterCtrlC } = await previewCtrlCOnceConnected(stack, api);
    expect(interruptedAt).toBeGreaterThan(0);
    expect(result.code).not.toBe(0);
    expect(result.output).toContain('The lookup of group "default" in your personal account was cancelled (Ctrl-C)');
    expect(result.output).not.toContain("retrying");
    // One attempt: no retry after the cancellation.
    expect(api.connections()).toBe(1);
    // The default deadline is 30 s and one attempt's 10 s; a no-hang bound well below both.
    expect(afterCtrlC).toBeLessThan(8_000);
    appendFileSync(path.join(harness.dir, "figures.md"), `Ctrl-C to the end of the preview: ${afterCtrlC} ms\n`);
  } finally {
    await api.close();
  }
});
