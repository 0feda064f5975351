import { spawnSync } from "node:child_process";
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { codeBlocks, normalize, shellBlocks, type ShellBlock } from "../helpers/markdown";
import { scratchCopy } from "../helpers/scratch";
import { runBash } from "../helpers/shell";
import { REPO } from "./harness";

// Every shell block of README.md and of each examples/*/README.md, run as written: each README in a
// fresh scratch copy of the repository (tracked files as in the working tree), from the README's
// folder, its blocks one after the other in one bash session, as a user types them in one terminal,
// with a passphrase of their own exported. A block marked `# not run by the README test: REASON` is
// not run: its README's first test checks that it says why and is valid shell, names it and prints
// its reason. Each test runs what it needs itself (a README's session runs once per file run), so
// any one of them can run alone with -t.
jest.setTimeout(900_000);

const READMES = [
  "README.md",
  ...readdirSync(path.join(REPO, "examples"))
    .filter((e) => existsSync(path.join(REPO, "examples", e, "README.md")))
    .sort()
    .map((e) => `examples/${e}/README.md`),
];
const scratch = path.join(tmpdir(), `turso-readme-test-${process.pid}`);
const logs = path.join(REPO, ".e2e", "readme", "logs");
/** Each README's session, started by the first test that needs it, by README path. */
const sessions = new Map<string, Promise<{ code: number; output: string }>>();

beforeAll(() => {
  rmSync(path.dirname(logs), { recursive: true, force: true });
  mkdirSync(logs, { recursive: true });
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A user's shell: none of the variables npm test or the toolchain set, a passphrase of one's own. */
function userEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^(PULUMI_|TURSO_|npm_|INIT_CWD$|JEST_|NODE_OPTIONS$)/.test(k)) continue;
    env[k] = v;
  }
  return { ...env, PULUMI_CONFIG_PASSPHRASE: "a-passphrase-of-my-own" };
}

/** Runs the blocks in one `bash -e -o pipefail` session; a marker line before each splits the output. */
function session(name: string, cwd: string, blocks: readonly ShellBlock[]): Promise<{ code: number; output: string }> {
  const script = ["exec 2>&1", ...blocks.flatMap((b, i) => [`echo '::readme-block ${i}::'`, b.code])].join("\n");
  const file = path.join(scratch, `${name}.sh`);
  writeFileSync(file, `${script}\n`);
  return runBash(["--noprofile", "--norc", "-e", "-o", "pipefail", file], cwd, userEnv());
}

/** The session of a README's blocks that are run, in a scratch copy of its own, once; its output is logged. */
function readmeSession(readme: string): Promise<{ code: number; output: string }> {
  let started = sessions.get(readme);
  if (started === undefined) {
    const run = shellBlocks(readFileSync(path.join(REPO, readme), "utf8")).filter((b) => b.notRun === undefined);
    const name = readme.replace(/\W/g, "_");
    const copy = scratchCopy(path.join(scratch, name));
    started = session(name, path.dirname(path.join(copy, readme)), run).then((result) => {
      appendFileSync(path.join(logs, `${name}.log`), result.output);
      return result;
    });
    sessions.set(readme, started);
  }
  return started;
}

/** The output of block i: between its marker and the next one. */
function blockOutput(output: string, i: number): string {
  const start = output.indexOf(`::readme-block ${i}::`);
  if (start < 0) return "";
  const end = output.indexOf(`::readme-block ${i + 1}::`, start);
  return output.slice(start, end < 0 ? undefined : end);
}

describe.each(READMES)("%s", (readme) => {
  const markdown = readFileSync(path.join(REPO, readme), "utf8");
  const blocks = shellBlocks(markdown);
  const run = blocks.filter((b) => b.notRun === undefined);
  const notRun = blocks.filter((b) => b.notRun !== undefined);
  const where = (b: ShellBlock): string => `${readme}:${b.line}`;

  // The blocks not run are named in the title and their reasons printed: a report, not a skip.
  const names = notRun.length === 0 ? "none" : notRun.map((b) => `line ${b.line}`).join(", ");
  it(`does not run ${notRun.length} block(s) (${names}), each saying why in valid shell`, () => {
    for (const block of notRun) {
      expect([where(block), (block.notRun ?? "").length > 10]).toEqual([where(block), true]);
      const syntax = spawnSync("bash", ["-n"], { input: block.code, encoding: "utf8" });
      expect([where(block), syntax.status, syntax.stderr]).toEqual([where(block), 0, ""]);
    }
    if (readme.startsWith("examples/")) expect(run.length).toBeGreaterThan(0); // an example can be tried offline
    process.stdout.write(notRun.map((b) => `${where(b)} not run: ${b.notRun}\n`).join(""));
  });

  if (run.length === 0) return;
  it(`runs its ${run.length} shell block(s) as written, printing what the README shows`, async () => {
    const { code, output } = await readmeSession(readme);
    const failed = run.findIndex((_, i) => !output.includes(`::readme-block ${i + 1}::`));
    if (code !== 0) {
      const at = run[failed] ?? run[run.length - 1];
      throw new Error(`${at ? where(at) : readme} failed (exit ${code}):\n${output.slice(-3000)}`);
    }
    run.forEach((block, i) => {
      const printed = normalize(blockOutput(output, i));
      // Each line after the previous one: the README shows them in the order they are printed.
      let from = 0;
      for (const line of block.prints) {
        const at = printed.indexOf(normalize(line), from);
        expect([where(block), line, at >= 0 ? "printed in order" : printed.slice(from)]).toEqual([
          where(block),
          line,
          "printed in order",
        ]);
        from = at + normalize(line).length;
      }
    });
  });
});

it("the error README.md's `expect` sample promises is the one examples/organization's README prints for it", async () => {
  const sample = codeBlocks(readFileSync(path.join(REPO, "README.md"), "utf8")).find(
    (b) => b.lang === "ts" && b.code.includes("expect:") && b.code.includes("// error:"),
  );
  expect(sample).toBeDefined();
  const comment = (sample?.code ?? "").split("// error:")[1] ?? "";
  const promised = normalize(comment.replace(/^\s*\/\/\s?/gm, "").replace(/\.\.\.\s*$/, ""));
  expect(promised.length).toBeGreaterThan(40);
  // The example's own session (the one its test checks, run here if that test is not).
  const { code, output: organization } = await readmeSession("examples/organization/README.md");
  if (code !== 0) throw new Error(`examples/organization/README.md's blocks failed (exit ${code}): see its test`);
  // Where the organization came from is said only when it came from config, as in the example.
  expect(normalize(organization).replace(/ \(from [^)]*\)/g, "")).toContain(promised);
});
