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

it("finds the samples", () => {
  expect(samples.length).toBeGreaterThanOrEqual(4);
});

it.each(samples.map((s) => [`${s.readme}:${s.line}`, s] as const))("%s compiles", (_name, sample) => {
  const dir = path.join(OUT, sample.readme.replace(/[/.]/g, "_"));
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `line-${sample.line}.ts`);
  // Each sample is a module of its own (a top-level await needs one).
  writeFileSync(file, /^(import|export)\b/m.test(sample.code) ? sample.code : `${sample.code}\nexport {};\n`);
  const base = ts.readConfigFile(path.join(REPO, "tsconfig.base.json"), (f) => ts.sys.readFile(f)).config as object;
  const { options } = ts.parseJsonConfigFileContent(base, ts.sys, REPO);
  const shims = readdirSync(SHIMS).map((f) => path.join(SHIMS, f));
  const program = ts.createProgram([file, ...shims], { ...options, noEmit: true, noUnusedLocals: false });
  const problems = ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.file?.fileName === file || d.file === undefined)
    .map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
  expect(problems).toEqual([]);
});
