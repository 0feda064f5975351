// The emulator's command line as a pipeline runs it: `node sdk/dist/emulator/cli.js` (what
// `npx turso-api-emulator` runs), its exit codes, its messages and its ready file.
import { spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { get } from "../helpers/http";

const ROOT = path.resolve(__dirname, "../..");
const CLI = path.join(ROOT, "sdk/dist/emulator/cli.js");
const USAGE_LINE =
  "usage: turso-api-emulator [--seed FILE] [--port N] [--host ADDRESS [--allow-remote]] [--ready-file FILE] [--log-limit N] [--log-bytes N]";
const dir = mkdtempSync(path.join(tmpdir(), "emulator-cli-"));

/** Runs the command to its end (the wait helper must end on its own: 20 s is a no-hang bound). */
function run(...args: string[]): { code: number | null; stdout: string; stderr: string; ms: number } {
  const t0 = Date.now();
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: dir, encoding: "utf8", timeout: 20_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, ms: Date.now() - t0 };
}

/** Starts the emulator in the background, as `cmd &` does. */
const background = (...args: string[]) => spawn(process.execPath, [CLI, ...args], { cwd: dir, stdio: "ignore" });

let taken: Server;
let takenPort: number;
beforeAll(async () => {
  taken = createServer().listen(0, "127.0.0.1");
  await once(taken, "listening");
  takenPort = (taken.address() as { port: number }).port;
});
afterAll(() => taken.close());

describe("help, version and usage errors", () => {
  it.each([["--help"], ["-h"]])("%s prints the usage and exits 0", (flag) => {
    const r = run(flag);
    expect([r.code, r.stderr]).toEqual([0, ""]);
    expect(r.stdout.split("\n")[0]).toBe(USAGE_LINE);
    expect(r.stdout).toContain("--ready-file FILE");
  });

  it("--version prints the package's version", () => {
    const { version } = JSON.parse(readFileSync(path.join(ROOT, "sdk/package.json"), "utf8")) as { version: string };
    expect(run("--version")).toMatchObject({ code: 0, stdout: `${version}\n`, stderr: "" });
  });

  it.each([
    [["--port", ""], '--port must be a whole number from 0 to 65535 (got "")'],
    [["--port", "0x1F90"], '--port must be a whole number from 0 to 65535 (got "0x1F90")'],
    [["--port", "80.5"], '--port must be a whole number from 0 to 65535 (got "80.5")'],
    [["--port", "65536"], '--port must be a whole number from 0 to 65535 (got "65536")'],
    [["--log-limit", "1e3"], '--log-limit must be a whole number from 0 to 10000000 (got "1e3")'],
    [["--log-bytes", "8MiB"], '--log-bytes must be a whole number from 0 to 4294967296 (got "8MiB")'],
    [["--bogus"], "Unknown option '--bogus'"],
    [["extra"], "Unexpected argument 'extra'"],
    [["--seed", ""], '--seed must be a file path (got "")'],
    [["--host", "0.0.0.0"], "--host 0.0.0.0 is beyond loopback"],
    [["wait"], "wait needs --ready-file FILE"],
    [["wait", "--ready-file", "f", "--timeout", ""], '--timeout must be a whole number from 1 to 86400 (got "")'],
    [["wait", "--ready-file", "f", "--pid=0"], '--pid must be a whole number from 1 to 2147483647 (got "0")'],
  ])("%j exits 2 with the problem and the usage line", (args, message) => {
    const r = run(...args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr.split("\n")[0]).toContain(`turso-api-emulator: ${message}`);
    expect(r.stderr).toContain(`\n${USAGE_LINE}\n`);
  });
});

describe("binding beyond loopback", () => {
  it("--allow-remote binds and warns, naming the unauthenticated admin routes", async () => {
    const child = spawn(process.execPath, [CLI, "--host", "0.0.0.0", "--allow-remote", "--port", "0"], { cwd: dir });
    let out = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    for (let i = 0; i < 200 && !out.includes("\n"); i++) await new Promise((r) => setTimeout(r, 50));
    expect(out).toMatch(/^Turso API emulator listening on http:\/\/0\.0\.0\.0:\d+\n$/);
    expect(err).toBe(
      "turso-api-emulator: warning: listening on 0.0.0.0, beyond loopback: whoever reaches this port can read with the " +
        "seeded tokens and use the admin routes /__emulator/*, which take no token (faults, groups, reset)\n",
    );
    child.kill("SIGTERM");
    expect(await once(child, "exit")).toEqual([0, null]);
  });
});

describe("the ready file and wait", () => {
  const file = (name: string): string => path.join(dir, name);
  const readyState = (name: string): Record<string, unknown> =>
    JSON.parse(readFileSync(file(name), "utf8")) as Record<string, unknown>;

  it("waits until ready, prints the URL, and reports the stop", async () => {
    const child = background("--port", "0", "--ready-file", file("ok.json"));
    const r = run("wait", "--ready-file", file("ok.json"), "--pid", String(child.pid));
    expect([r.code, r.stderr]).toEqual([0, ""]);
    const url = r.stdout.trim();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await get(`${url}/v1/groups/default`, "demo-token")).status).toBe(200);
    expect(readyState("ok.json")).toEqual({ state: "ready", pid: child.pid, url });
    child.kill("SIGTERM");
    expect(await once(child, "exit")).toEqual([0, null]);
    expect(readyState("ok.json")).toEqual({ state: "stopped", pid: child.pid });
    const after = run("wait", "--ready-file", file("ok.json"));
    expect([after.code, after.stderr]).toEqual([
      1,
      `turso-api-emulator: the emulator (pid ${child.pid}) has stopped\n`,
    ]);
  });

  it("ends at once with the reason when the port is taken", async () => {
    const child = background("--port", String(takenPort), "--ready-file", file("taken.json"));
    const r = run("wait", "--ready-file", file("taken.json"), "--pid", String(child.pid), "--timeout", "60");
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `turso-api-emulator: the emulator failed to start: cannot listen on 127.0.0.1 port ${takenPort}: the port is already in use\n`,
    );
    expect(r.ms).toBeLessThan(15_000); // far below the 60 s timeout: it did not wait for it
    expect((await once(child, "exit"))[0]).toBe(1);
  });

  it("ends at once with the reason when the seed is bad", async () => {
    const seed = file("typo-seed.json");
    writeFileSync(seed, JSON.stringify({ users: [], organizations: {}, fautls: [] }));
    const child = background("--seed", seed, "--ready-file", file("bad-seed.json"));
    const r = run("wait", "--ready-file", file("bad-seed.json"), "--pid", String(child.pid), "--timeout", "60");
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `turso-api-emulator: the emulator failed to start: ${seed}: seed.fautls: unknown key; did you mean "faults"?\n`,
    );
    expect(r.ms).toBeLessThan(15_000);
    expect((await once(child, "exit"))[0]).toBe(1);
  });

  it("ends when the process dies without writing anything, or dies after it was ready", async () => {
    const never = spawn(process.execPath, ["-e", "process.exit(3)"]);
    await once(never, "exit");
    const r = run("wait", "--ready-file", file("never.json"), "--pid", String(never.pid), "--timeout", "60");
    expect([r.code, r.stderr]).toEqual([
      1,
      `turso-api-emulator: process ${never.pid} exited before the emulator was ready (${file("never.json")} was never written)\n`,
    ]);

    const killed = background("--port", "0", "--ready-file", file("killed.json"));
    expect(run("wait", "--ready-file", file("killed.json")).code).toBe(0);
    killed.kill("SIGKILL");
    await once(killed, "exit");
    const dead = run("wait", "--ready-file", file("killed.json"), "--timeout", "60");
    expect([dead.code, dead.stderr]).toEqual([
      1,
      `turso-api-emulator: the emulator (pid ${killed.pid}) exited without a word\n`,
    ]);
  });

  describe("the example workflow's start step", () => {
    // The step's shell lines as the workflow has them, with the installed command, a port of the
    // test's choosing and a local GITHUB_ENV.
    const workflow = readFileSync(path.join(ROOT, "examples/pipeline/.github/workflows/turso-placement.yml"), "utf8");
    const step = /- name: Start the Turso API emulator[^\n]*\n(?:.*\n)*?\s+run: \|\n((?:\s{10}.*\n)+)/.exec(workflow);
    const script = (port: number, env: string): string =>
      (step?.[1] ?? "")
        .replace(/npx turso-api-emulator/g, `"${process.execPath}" "${CLI}"`)
        .replace(/8787/g, String(port))
        .replace(/\$GITHUB_ENV/g, env);
    const bash = (text: string) => {
      const t0 = Date.now();
      const r = spawnSync("bash", ["-e", "-c", text], { cwd: dir, encoding: "utf8", timeout: 20_000 });
      return { code: r.status, out: r.stdout + r.stderr, ms: Date.now() - t0 };
    };

    it("fails at once, printing the emulator's reason, when the port is taken", () => {
      expect(step).not.toBeNull();
      const r = bash(script(takenPort, file("env-taken")));
      expect(r.code).toBe(1);
      expect(r.out).toContain(`cannot listen on 127.0.0.1 port ${takenPort}: the port is already in use`);
      expect(r.ms).toBeLessThan(15_000);
    });

    it("exports the URL once the emulator is ready", async () => {
      const probe = createServer().listen(0, "127.0.0.1");
      await once(probe, "listening");
      const port = (probe.address() as { port: number }).port;
      await new Promise((r) => probe.close(r));
      const r = bash(script(port, file("env-ok")));
      const pid = readyState("emulator.ready")["pid"] as number;
      try {
        expect(r.code).toBe(0);
        expect(readFileSync(file("env-ok"), "utf8")).toBe(
          `TURSO_API_BASEURL=http://127.0.0.1:${port}\nTURSO_API_TOKEN=demo-token\nTURSO_ORGANIZATION=acme\n`,
        );
        expect((await get(`http://127.0.0.1:${port}/v1/organizations/acme/groups/prod`, "demo-token")).status).toBe(
          200,
        );
      } finally {
        process.kill(pid, "SIGTERM");
      }
    });
  });

  it("--log-limit caps the request log", async () => {
    const child = background("--port", "0", "--log-limit", "2", "--ready-file", file("limit.json"));
    const url = run("wait", "--ready-file", file("limit.json"), "--pid", String(child.pid)).stdout.trim();
    for (const g of ["a", "b", "c"]) await get(`${url}/v1/groups/${g}`, "demo-token");
    const log = (await get(`${url}/__emulator/requests`)).body as { path: string }[];
    expect(log.map((r) => r.path)).toEqual(["/v1/groups/b", "/v1/groups/c"]);
    expect((await get(`${url}/__emulator/stats`)).body).toMatchObject({ requests: 2, dropped: 1 });
    child.kill("SIGTERM");
    await once(child, "exit");
  });

  it("gives up after --timeout when nothing happens", () => {
    const r = run("wait", "--ready-file", file("nothing.json"), "--timeout", "1");
    expect([r.code, r.stderr]).toEqual([
      1,
      `turso-api-emulator: the emulator was not ready after 1 s (${file("nothing.json")} does not exist)\n`,
    ]);
  });
});
