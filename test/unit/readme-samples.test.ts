/**
 * Every TypeScript sample of README.md, sdk/README.md (the package's) and each examples/*\/README.md compiles, against the
 * package's published types (sdk/dist, as an installed package resolves), in strict mode with
 * exactOptionalPropertyTypes: a sample can no longer drift from the API.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { codeBlocks } from "../helpers/markdown";

const REPO = path.resolve(__dirname, "../..");
const OUT = path.join(REPO, ".e2e", "readme-samples");
const SHIMS = path.join(REPO, "test", "types", "shims");

const readmes = [
  "README.md",
  path.join("sdk", "README.md"),
  ...readdirSync(path.join(REPO, "examples"))
    .map((d) => path.join("examples", d, "README.md"))
    .filter((f) => {
      try {
        readFileSync(path.join(REPO, f));
        return true;
      } catch {
        return false;
      }
    }),
];

const samples = readmes.flatMap((readme) =>
  codeBlocks(readFileSync(path.join(REPO, readme), "utf8"))
    .filter((b) => b.lang === "ts" || b.lang === "typescript")
    .map((b) => ({ readme, line: b.line, code: b.code })),
);

/** Where a sample is written: each one is a module of its own (a top-level await needs one). */
const fileOf = (sample: { readme: string; line: number }): string =>
  path.join(OUT, sample.readme.replace(/[/.]/g, "_"), `line-${sample.line}.ts`);

// One program compiles every sample (loading @pulumi/pulumi's types once, not once per sample);
// each test reads the diagnostics of its own file.
let program: ts.Program;
beforeAll(() => {
  rmSync(OUT, { recursive: true, force: true });
  for (const sample of samples) {
    const file = fileOf(sample);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, /^(import|export)\b/m.test(sample.code) ? sample.code : `${sample.code}\nexport {};\n`);
  }
  const base = ts.readConfigFile(path.join(REPO, "tsconfig.base.json"), (f) => ts.sys.readFile(f)).config as object;
  const { options } = ts.parseJsonConfigFileContent(base, ts.sys, REPO);
  const shims = readdirSync(SHIMS).map((f) => path.join(SHIMS, f));
  program = ts.createProgram([...samples.map(fileOf), ...shims], { ...options, noEmit: true, noUnusedLocals: false });
});

it("finds the samples", () => {
  expect(samples.length).toBeGreaterThanOrEqual(4);
});

it.each(samples.map((s) => [`${s.readme}:${s.line}`, s] as const))("%s compiles", (_name, sample) => {
  const file = fileOf(sample);
  const problems = ts
    .getPreEmitDiagnostics(program, program.getSourceFile(file))
    .filter((d) => d.file?.fileName === file || d.file === undefined)
    .map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
  expect(problems).toEqual([]);
});
