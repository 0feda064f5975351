/**
 * Jest global teardown: after the whole suite, every file the end-to-end tests produced under
 * .e2e/ (state files, checkpoint backups, history, stack config, CLI output logs; not installed
 * packages) is searched for the API tokens the tests used: one hit fails the run. Then every
 * stack whose state holds encrypted values is exported with `pulumi stack export --show-secrets`
 * and the decrypted state is searched too: a token may be in exactly the entries of
 * {@link ALLOWED_ENTRIES} (the stack configuration that Pulumi copies into the default provider
 * of dynamic resources), nowhere else.
 */
import { execFile } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { ACME_ORG_TOKEN, ACME_PROD_READ_TOKEN, ALICE, BOB } from "./helpers/seed";

const TOKENS = [ALICE, BOB, ACME_ORG_TOKEN, ACME_PROD_READ_TOKEN, "revoked-token-77", "demo-token"];

/**
 * Where Pulumi keeps a token set with `pulumi config set --secret turso:apiToken` (encrypted): the
 * inputs and outputs of the stack's default `pulumi-nodejs` provider, which hold the whole stack
 * configuration, as every default provider's state does. Never a lookup's state.
 */
export const ALLOWED_ENTRIES = [
  'pulumi:providers:pulumi-nodejs inputs["turso:apiToken"]',
  'pulumi:providers:pulumi-nodejs outputs["turso:apiToken"]',
  // A second account's token, in the secret config key its lookups' tokenFrom names (getGroup.test.ts).
  'pulumi:providers:pulumi-nodejs inputs["e2e:bobToken"]',
  'pulumi:providers:pulumi-nodejs outputs["e2e:bobToken"]',
  // The same, for the tokenFrom lookup of lifecycle.test.ts's refresh that drops two lookups.
  'pulumi:providers:pulumi-nodejs inputs["e2e:aliceAgain"]',
  'pulumi:providers:pulumi-nodejs outputs["e2e:aliceAgain"]',
  // The provider plugin's default provider holds its config (turso-group:apiToken) the same way.
  'pulumi:providers:turso-group inputs["apiToken"]',
  'pulumi:providers:turso-group outputs["apiToken"]',
];

/** The passphrases of the suite's file backends (test/e2e/harness.ts, test/e2e/readme.test.ts). */
const PASSPHRASES = ["e2e-passphrase", "a-passphrase-of-my-own"];

type Resource = { type: string; inputs?: unknown; outputs?: unknown };

/**
 * The entries of an exported stack (`pulumi stack export`, with or without `--show-secrets`) that
 * hold one of `tokens`, as `<resource type> <inputs|outputs>["<top-level key>"]`.
 */
export function tokenEntries(exported: string, tokens: readonly string[]): string[] {
  const deployment = (JSON.parse(exported) as { deployment?: { resources?: Resource[] } }).deployment;
  const entries: string[] = [];
  for (const resource of deployment?.resources ?? []) {
    for (const part of ["inputs", "outputs"] as const) {
      const values = (resource[part] ?? {}) as Record<string, unknown>;
      for (const [key, value] of Object.entries(values)) {
        const text = JSON.stringify(value);
        if (tokens.some((t) => text.includes(t))) entries.push(`${resource.type} ${part}[${JSON.stringify(key)}]`);
      }
    }
  }
  return entries;
}

/** The stacks of a file backend that hold encrypted values: `organization/<project>/<stack>`. */
function stacksWithSecrets(backend: string): string[] {
  const stacksDir = path.join(backend, ".pulumi", "stacks");
  if (!existsSync(stacksDir)) return [];
  return readdirSync(stacksDir).flatMap((project) =>
    readdirSync(path.join(stacksDir, project))
      .filter(
        (f) => f.endsWith(".json") && readFileSync(path.join(stacksDir, project, f), "utf8").includes("ciphertext"),
      )
      .map((f) => `organization/${project}/${f.slice(0, -".json".length)}`),
  );
}

/** The decrypted state of a stack, trying each passphrase of the suite. */
async function exportWithSecrets(backend: string, stack: string): Promise<string> {
  let last: unknown;
  for (const passphrase of PASSPHRASES) {
    try {
      const { stdout } = await promisify(execFile)(
        "pulumi",
        ["stack", "export", "--show-secrets", "--stack", stack, "--non-interactive"],
        {
          env: {
            ...process.env,
            PULUMI_BACKEND_URL: `file://${backend}`,
            PULUMI_CONFIG_PASSPHRASE: passphrase,
            PULUMI_SKIP_UPDATE_CHECK: "true",
          },
          maxBuffer: 64 * 1024 * 1024,
        },
      );
      return stdout;
    } catch (err) {
      last = err;
    }
  }
  throw new Error(
    `secret scan: cannot decrypt ${stack} in ${backend} with the suite's passphrases (add its passphrase to ` +
      `PASSPHRASES in test/secret-scan.ts): ${String(last)}`,
  );
}

function onPath(command: string): boolean {
  return (process.env["PATH"] ?? "")
    .split(path.delimiter)
    .some((dir) => dir !== "" && existsSync(path.join(dir, command)));
}

/** Tokens in the decrypted state of every stack with encrypted values; prints where they are. */
async function decryptedHits(root: string): Promise<string[]> {
  const backends = readdirSync(root)
    .map((h) => path.join(root, h, "backend"))
    .filter((b) => existsSync(b));
  const stacks = backends.flatMap((backend) => stacksWithSecrets(backend).map((stack) => ({ backend, stack })));
  if (stacks.length > 0 && !onPath("pulumi")) {
    // `npx jest FILE` without scripts/lib.sh's bootstrap; `npm test` always has the CLI.
    process.stdout.write(`secret scan, decrypted: skipped, no pulumi on PATH (npm test has it)\n`);
    return [];
  }
  const hits: string[] = [];
  const found = new Map<string, number>();
  const worker = async (): Promise<void> => {
    for (let next = stacks.shift(); next; next = stacks.shift()) {
      const entries = tokenEntries(await exportWithSecrets(next.backend, next.stack), TOKENS);
      for (const entry of entries) {
        if (ALLOWED_ENTRIES.includes(entry)) found.set(entry, (found.get(entry) ?? 0) + 1);
        else hits.push(`${path.relative(root, next.backend)} ${next.stack}: decrypted state holds a token in ${entry}`);
      }
    }
  };
  const count = stacks.length;
  await Promise.all([worker(), worker()]);
  const account = [...found].map(([entry, n]) => `${entry} (${n} stacks)`).join(", ") || "nowhere";
  process.stdout.write(
    `secret scan, decrypted: ${count} stacks with encrypted state exported; a token is in ${account}\n`,
  );
  return hits;
}

/** `text` with every JSON `\uXXXX` escape (and `\/`) replaced by the character it stands for. */
export function unescapeJson(text: string): string {
  return text
    .replace(/\\u([0-9a-fA-F]{4})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    .replace(/\\\//g, "/");
}

export default async function secretScan(): Promise<void> {
  const root = path.resolve(__dirname, "../.e2e");
  if (!existsSync(root)) return;
  // Installed packages (node_modules, e.g. the emulator's seed with its public demo-token) are
  // not something the tests produced.
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((f) => {
      const p = path.join(dir, f);
      if (!statSync(p).isDirectory()) return [p];
      return f === "node_modules" ? [] : walk(p);
    });
  const files = walk(root).filter((f) => path.basename(f) !== "jest-results.json");
  let bytes = 0;
  const hits: string[] = [];
  for (const file of files) {
    const text = readFileSync(file, "latin1");
    bytes += text.length;
    // A copy spelt with JSON escapes ("\u0074ok…") is a copy too.
    const unescaped = unescapeJson(text);
    for (const token of TOKENS)
      if (text.includes(token) || unescaped.includes(token))
        hits.push(`${path.relative(root, file)} holds ${token.slice(0, 4)}…`);
  }
  process.stdout.write(`\nsecret scan: ${files.length} files, ${bytes} bytes under .e2e/, ${hits.length} token hits\n`);
  hits.push(...(await decryptedHits(root)));
  if (hits.length > 0) throw new Error(`API tokens found in files the tests produced:\n${hits.join("\n")}`);
}
