import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { stripVTControlCharacters } from "node:util";
import { scratchCopy } from "../helpers/scratch";
import { runBash } from "../helpers/shell";

// `npm run demo` in a scratch copy of the repository, as a user with a passphrase of their own
// runs it; then with another passphrase than the one that made the demo's stack.
jest.setTimeout(600_000);

const copy = path.join(tmpdir(), `turso-demo-test-${process.pid}`);
beforeAll(() => scratchCopy(copy));
afterAll(() => rmSync(copy, { recursive: true, force: true }));

function run(command: string, passphrase: string | undefined): Promise<{ code: number; output: string }> {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^(PULUMI_|TURSO_|npm_)/.test(k)) env[k] = v;
  if (passphrase !== undefined) env["PULUMI_CONFIG_PASSPHRASE"] = passphrase;
  return runBash(["-c", command], copy, env).then((r) => ({ ...r, output: stripVTControlCharacters(r.output) }));
}

it("works with the passphrase you export, and says how to recover when the stack was made with another", async () => {
  const first = await run("npm run demo", "mine");
  expect([first.code, first.output]).toEqual([0, expect.stringContaining('primary:   "fra"')]);

  const other = await run("npm run demo", undefined);
  expect(other.code).toBe(1);
  expect(other.output).toContain(
    'The demo stack "demo" was created with another passphrase than the default local-stacks-only (no PULUMI_CONFIG_PASSPHRASE exported).',
  );
  const recovery = /^ {2}(npm run pulumi -- stack rm demo --yes --force && npm run demo)$/m.exec(other.output)?.[1];
  expect(recovery).toBeDefined();

  const recovered = await run(recovery ?? "false", undefined);
  expect([recovered.code, recovered.output]).toEqual([0, expect.stringContaining('primary:   "fra"')]);
});
