/**
 * Jest global teardown: after the whole suite, every file the end-to-end tests produced under
 * .e2e/ (state files, checkpoint backups, history, stack config, CLI output logs) is searched for
 * the API tokens the tests used. One hit fails the run.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { ALICE, BOB } from "./helpers/seed";

const TOKENS = [ALICE, BOB, "revoked-token-77", "demo-token"];

export default function secretScan(): void {
  const root = path.resolve(__dirname, "../.e2e");
  if (!existsSync(root)) return;
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((f) => {
      const p = path.join(dir, f);
      return statSync(p).isDirectory() ? walk(p) : [p];
    });
  const files = walk(root).filter((f) => path.basename(f) !== "jest-results.json");
  let bytes = 0;
  const hits: string[] = [];
  for (const file of files) {
    const text = readFileSync(file, "latin1");
    bytes += text.length;
    for (const token of TOKENS)
      if (text.includes(token)) hits.push(`${path.relative(root, file)} holds ${token.slice(0, 4)}…`);
  }
  process.stdout.write(`\nsecret scan: ${files.length} files, ${bytes} bytes under .e2e/, ${hits.length} token hits\n`);
  if (hits.length > 0) throw new Error(`API tokens found in files the tests produced:\n${hits.join("\n")}`);
}
