import { appendFileSync } from "node:fs";
import path from "node:path";
import { ALICE } from "../helpers/seed";
import { previewCtrlCOnceConnected, stalledApi } from "../helpers/stalled";
import { Harness, NO_TURSO_ENV, PROGRAMS } from "./harness";

jest.setTimeout(120_000);

// Ctrl-C during a stalled invoke, through the real CLI: the engine's Cancel reaches the plugin,
// which aborts the request at once; the CLI ends in seconds, not at turso-group:totalTimeoutMs.
const harness = new Harness("plugin-cancel");

it("a Ctrl-C during a stalled invoke ends the preview within 5 s, saying the lookup was cancelled", async () => {
  const api = await stalledApi();
  try {
    const stack = await harness.stack({
      program: path.join(PROGRAMS, "plugin-yaml"),
      stack: "stalled",
      config: { "turso-group:apiBaseUrl": api.url },
      secrets: { "turso-group:apiToken": ALICE },
      env: NO_TURSO_ENV,
    });
    const { result, interruptedAt, afterCtrlC } = await previewCtrlCOnceConnected(stack, api);
    expect(interruptedAt).toBeGreaterThan(0);
    expect(result.code).not.toBe(0);
    // The plugin hides every name given as an argument (turso-group:showNames is not set).
    expect(result.output).toMatch(
      /The lookup of (group "\[secret\]" in your personal account|the groups of organization "\[secret\]") was cancelled \(Ctrl-C\)/,
    );
    expect(result.output).not.toMatch(/group "default"|organization "acme"/);
    expect(result.output).not.toContain("retrying");
    // The default deadline is 30 s and one attempt's 10 s; the bound the plugin promises is 5 s.
    expect(afterCtrlC).toBeLessThan(5_000);
    appendFileSync(path.join(harness.dir, "figures.md"), `Ctrl-C to the end of the YAML preview: ${afterCtrlC} ms\n`);
  } finally {
    await api.close();
  }
});
