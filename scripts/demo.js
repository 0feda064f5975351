// npm run demo: the main job. Starts the emulator (unless TURSO_EMULATOR=off), then runs
// `pulumi preview` and `pulumi up` on the root project (examples/basic) and prints the outputs.
"use strict";
const { spawn } = require("node:child_process");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const stack = process.env.DEMO_STACK || "demo";

function pulumi(args, { capture = false } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn("pulumi", [...args, "--non-interactive"], {
      cwd: root,
      stdio: ["ignore", capture ? "pipe" : "inherit", "inherit"],
    });
    let out = "";
    if (capture) child.stdout.on("data", (d) => (out += d));
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0 ? resolve(out) : reject(new Error(`pulumi ${args.join(" ")} exited with ${code}`)),
    );
  });
}

async function main() {
  let emulator;
  if (process.env.TURSO_EMULATOR === "off") {
    if (!process.env.TURSO_API_TOKEN) {
      throw new Error("TURSO_EMULATOR=off needs TURSO_API_TOKEN (create one: turso auth api-tokens mint NAME)");
    }
    console.log(
      "==> Using the real Turso API" + (process.env.TURSO_API_BASEURL ? ` at ${process.env.TURSO_API_BASEURL}` : ""),
    );
  } else {
    const { startEmulator } = require(path.join(root, "sdk/dist/emulator"));
    emulator = await startEmulator({ port: 0 });
    process.env.TURSO_API_BASEURL = emulator.url;
    process.env.TURSO_API_TOKEN = "demo-token";
    console.log(`==> Turso API emulator listening on ${emulator.url} (default seed; token demo-token)`);
  }
  try {
    await pulumi(["stack", "select", stack, "--create"]);
    console.log(`\n==> pulumi preview (stack ${stack})`);
    await pulumi(["preview"]);
    console.log(`\n==> pulumi up`);
    await pulumi(["up", "--yes", "--skip-preview"]);
    const outputs = JSON.parse(await pulumi(["stack", "output", "--json"], { capture: true }));
    console.log("\n==> pulumi stack output --json");
    console.log(`locations: ${JSON.stringify(outputs.locations)}`);
    console.log(`primary:   ${JSON.stringify(outputs.primary)}`);
    if (emulator) {
      const gets = emulator.requests().filter((r) => r.method === "GET");
      console.log(`\n(the emulator answered ${gets.length} GET requests: one per preview and one per up)`);
    }
  } finally {
    if (emulator) await emulator.stop();
  }
}

main().catch((err) => {
  console.error(`\ndemo failed: ${err.message}`);
  process.exit(1);
});
