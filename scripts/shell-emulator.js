// The emulator of `source scripts/activate.sh --emulator`: the Turso API emulator (default seed)
// on a free port, for as long as the shell whose process id is the first argument lives.
// Prints `TURSO_API_BASEURL=URL` and `TURSO_EMULATOR_PID=PID` lines once it is listening.
"use strict";
const path = require("node:path");
const { startEmulator } = require(path.join(__dirname, "../sdk/dist/emulator"));

const shell = Number(process.argv[2]);
const alive = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === "EPERM";
  }
};

async function main() {
  if (!Number.isInteger(shell) || shell <= 0) throw new Error("usage: shell-emulator.js SHELL_PID");
  const emulator = await startEmulator({ port: 0 });
  process.stdout.write(`TURSO_API_BASEURL=${emulator.url}\nTURSO_EMULATOR_PID=${process.pid}\n`);
  const stop = () => emulator.stop().then(() => process.exit(0));
  const watch = setInterval(() => alive(shell) || (clearInterval(watch), stop()), 500);
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.once(signal, stop);
}

main().catch((err) => {
  process.stderr.write(`shell-emulator: ${err.message}\n`);
  process.exit(1);
});
