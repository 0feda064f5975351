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
      stdio: ["ignore", capture ? "pipe" : "inherit", "pipe"],
    });
    let out = "";
    let err = "";
    if (capture) child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (process.stderr.write(d), (err += d)));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0) return resolve(out);
      const failure = new Error(`pulumi ${args.join(" ")} exited with ${code}`);
      if (err.includes("incorrect passphrase")) failure.message += `\n\n${passphraseHelp()}`;
      reject(failure);
    });
  });
}

// The demo's state (.pulumi-state/) and Pulumi.demo.yaml were made with another passphrase.
function passphraseHelp() {
  const now =
    process.env.PULUMI_CONFIG_PASSPHRASE === "local-stacks-only"
      ? "the default local-stacks-only (no PULUMI_CONFIG_PASSPHRASE exported)"
      : "the PULUMI_CONFIG_PASSPHRASE you exported";
  return [
    `The demo stack "${stack}" was created with another passphrase than ${now}.`,
    "Either export the passphrase it was created with, or start the demo stack afresh (it holds",
    "nothing but the demo's outputs; this removes .pulumi-state's demo stack and Pulumi.demo.yaml):",
    `  npm run pulumi -- stack rm ${stack} --yes --force && npm run demo`,
  ].join("\n");
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
    console.log(
      `==> Turso API emulator listening on ${emulator.url} (default seed; TURSO_API_TOKEN is its demo token)`,
    );
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
