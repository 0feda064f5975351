import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { simulateJob } from "../helpers/workflow";
import { REPO } from "./harness";

// Every GitHub Actions workflow of the repository passes actionlint (built by `npm test` into the
// cache and put on PATH), and the example pipeline takes the real-API path exactly when the
// TURSO_API_TOKEN secret reaches the run.
const WORKFLOWS = execFileSync("git", ["ls-files", "-z", "*.github/workflows/*.yml", "*.github/workflows/*.yaml"], {
  cwd: REPO,
  encoding: "utf8",
})
  .split("\0")
  .filter(Boolean);

const actionlint = (file: string): { code: number; output: string } => {
  const r = spawnSync("actionlint", ["-no-color", file], { cwd: REPO, encoding: "utf8" });
  if (r.error)
    throw new Error(`cannot run actionlint (${r.error.message}): run the tests with npm test, which builds it`);
  return { code: r.status ?? -1, output: r.stdout + r.stderr };
};

it("finds the workflows, the example pipeline's and the release's among them", () => {
  expect(WORKFLOWS).toContain("examples/pipeline/.github/workflows/turso-placement.yml");
  expect(WORKFLOWS).toContain(".github/workflows/release.yml");
});

it.each(WORKFLOWS)("actionlint passes %s", (file) => {
  expect(actionlint(file)).toEqual({ code: 0, output: "" });
});

it("actionlint is live: it reports a secret in an if: and an unclosed expression", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "turso-actionlint-"));
  try {
    const bad = path.join(dir, "bad.yml");
    writeFileSync(
      bad,
      "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n" +
        "      - if: ${{ secrets.X == '' }}\n        run: echo x\n      - run: echo ${{ env.Y }\n",
    );
    const r = actionlint(bad);
    expect(r.code).toBe(1);
    expect(r.output).toContain('context "secrets" is not allowed here');
    expect(r.output).toContain("got unexpected EOF while lexing end marker }}");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

describe("examples/pipeline: which API the run uses", () => {
  const yaml = readFileSync(path.join(REPO, "examples/pipeline/.github/workflows/turso-placement.yml"), "utf8");
  const steps = (secrets: Record<string, string>, vars: Record<string, string> = {}) => {
    const all = simulateJob(yaml, "placement", { secrets, vars });
    const find = (re: RegExp) => {
      const s = all.find((x) => re.test(x.name));
      if (!s) throw new Error(`no step named like ${re}`);
      return s;
    };
    return { emulator: find(/emulator/i), preview: find(/^Preview/) };
  };

  it("with the TURSO_API_TOKEN secret: no emulator, the secret and the organization variable reach the preview", () => {
    const { emulator, preview } = steps({ TURSO_API_TOKEN: "secret-token" }, { TURSO_ORGANIZATION: "my-org" });
    expect(emulator.ran).toBe(false);
    expect(preview.env["TURSO_API_TOKEN"]).toBe("secret-token");
    expect(preview.env["TURSO_ORGANIZATION"]).toBe("my-org");
    expect(preview.env["TURSO_API_BASEURL"]).toBeUndefined(); // the default: https://api.turso.tech
  });

  it("without it: the emulator starts and the preview uses it, its token and its organization", () => {
    const { emulator, preview } = steps({});
    expect(emulator.ran).toBe(true);
    expect(preview.env["TURSO_API_TOKEN"]).toBe("demo-token");
    expect(preview.env["TURSO_ORGANIZATION"]).toBe("acme");
    expect(preview.env["TURSO_API_BASEURL"]).toBe("$url");
  });

  it("the simulation sees the old mistake: a step's if: reading an env only that step sets never sees it", () => {
    const old = [
      "jobs:",
      "  placement:",
      "    steps:",
      "      - name: Start the emulator",
      "        if: ${{ env.TURSO_API_TOKEN == '' }}",
      "        env:",
      "          TURSO_API_TOKEN: ${{ secrets.TURSO_API_TOKEN }}",
      "        run: echo start",
    ].join("\n");
    const [start] = simulateJob(old, "placement", { secrets: { TURSO_API_TOKEN: "secret-token" } });
    expect(start?.ran).toBe(true); // the real-API path could never run
  });
});
