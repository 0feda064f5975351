// Loaded with --require in the profiled previews only: counts, in the program process, the calls of
// the Pulumi SDK's debuggablePromise (each captures a stack trace with `new Error().stack`) and
// writes the count to $BENCH_COUNT_DIR/promises-<pid>.json when the program exits.
"use strict";
const fs = require("node:fs");
const path = require("node:path");

if (process.argv.some((a) => a.includes("cmd/run")) && process.env.BENCH_COUNT_DIR) {
  const debuggable = require(require.resolve("@pulumi/pulumi/runtime/debuggable", { paths: [process.cwd()] }));
  const original = debuggable.debuggablePromise;
  let calls = 0;
  debuggable.debuggablePromise = function (...args) {
    calls++;
    return original.apply(this, args);
  };
  process.on("exit", () => {
    const file = path.join(process.env.BENCH_COUNT_DIR, `promises-${process.pid}.json`);
    fs.writeFileSync(file, JSON.stringify({ debuggablePromise: calls }));
  });
}
