import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parse } from "yaml";
import { REPO } from "./harness";

// What keeps a release from happening by mistake: `npm run release -- --publish` refuses outside the
// tagged workflow of the project's home (before it builds anything), and the release workflow runs
// on v* tags of the home only, checks the tag against sdk/package.json's version, and names its
// secrets without holding any. (test/e2e/workflows.test.ts runs actionlint on it; the release itself:
// test/e2e/release.test.ts.)

const VERSION = (JSON.parse(readFileSync(path.join(REPO, "sdk", "package.json"), "utf8")) as { version: string })
  .version;
// The gate itself (plain JavaScript, as scripts/release runs it), to try environments a test cannot be in.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { refusals } = require(path.join(REPO, "scripts", "release", "gate.js")) as {
  refusals: (env: Record<string, string>, root?: string) => string[];
};
const HOME_REPO = "pulumi-turso-group/pulumi-turso-group";
const CI = {
  GITHUB_ACTIONS: "true",
  GITHUB_REF: `refs/tags/v${VERSION}`,
  GITHUB_REPOSITORY: HOME_REPO,
  GITHUB_TOKEN: "ghs_not-a-real-token",
};

/** The environment of this process without the GitHub Actions variables a CI run would bring. */
function plainEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !k.startsWith("GITHUB_")) env[k] = v;
  return env;
}

describe("npm run release -- --publish", () => {
  it("refuses on a developer's machine, saying why, and builds nothing", () => {
    const marker = path.join(REPO, "dist", "release", "artifacts.json");
    const before = statOrNull(marker);
    const r = spawnSync("node", [path.join(REPO, "scripts", "release", "main.js"), "--publish"], {
      cwd: REPO,
      encoding: "utf8",
      env: plainEnv(),
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("npm run release -- --publish refuses:");
    expect(r.stderr).toContain("not in GitHub Actions (GITHUB_ACTIONS is not true)");
    expect(r.stderr).toContain(`not refs/tags/v${VERSION} (sdk/package.json)`);
    expect(r.stderr).toContain("no GITHUB_TOKEN");
    expect(r.stdout).toBe("");
    expect(statOrNull(marker)).toEqual(before);
  });

  it("goes ahead in the home's workflow on the tag of this version (the home being real)", () => {
    expect(refusals(CI)).toEqual([]);
  });

  it.each([
    ["another tag", { GITHUB_REF: "refs/tags/v9.9.9" }, `GITHUB_REF is "refs/tags/v9.9.9", not refs/tags/v${VERSION}`],
    ["a branch", { GITHUB_REF: "refs/heads/main" }, `GITHUB_REF is "refs/heads/main", not refs/tags/v${VERSION}`],
    ["a fork", { GITHUB_REPOSITORY: "someone/pulumi-turso-group" }, "a fork does not publish"],
    ["no token", { GITHUB_TOKEN: "" }, "no GITHUB_TOKEN"],
  ])("refuses on %s", (_what, change, reason) => {
    expect(refusals({ ...CI, ...change }).join("\n")).toContain(reason);
  });

  it.each([
    ["a placeholder owner", "git+https://github.com/OWNER/pulumi-turso-group.git", 'the placeholder owner "OWNER"'],
    ["a home that is not on GitHub", "https://example.invalid/pulumi-turso-group.git", "must name a GitHub repository"],
  ])("refuses with %s, from the home check (scripts/release/check.js home)", (_what, url, reason) => {
    // A repository root whose sdk/package.json names that home.
    const root = mkdtempSync(path.join(tmpdir(), "turso-release-home-"));
    try {
      mkdirSync(path.join(root, "sdk"));
      const pkg = JSON.parse(readFileSync(path.join(REPO, "sdk", "package.json"), "utf8")) as object;
      writeFileSync(
        path.join(root, "sdk", "package.json"),
        JSON.stringify({ ...pkg, repository: { type: "git", url } }),
      );
      const reasons = refusals(CI, root).join("\n");
      expect(reasons).toContain("the home check fails:");
      expect(reasons).toContain(reason);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe(".github/workflows/release.yml", () => {
  interface Step {
    name?: string;
    uses?: string;
    run?: string;
    with?: Record<string, string>;
    env?: Record<string, string>;
  }
  interface Job {
    if?: string;
    needs?: string | string[];
    permissions?: Record<string, string>;
    steps: Step[];
  }
  const text = readFileSync(path.join(REPO, ".github", "workflows", "release.yml"), "utf8");
  const workflow = parse(text) as { on: unknown; permissions: Record<string, string>; jobs: Record<string, Job> };
  const jobs = workflow.jobs;

  it("runs on a v* tag push only, from the home only: every other job needs the build job, which checks the repository", () => {
    expect(workflow.on).toEqual({ push: { tags: ["v*"] } });
    expect(jobs["build"]?.if).toBe(`github.repository == '${HOME_REPO}'`);
    for (const [name, job] of Object.entries(jobs))
      if (name !== "build") expect({ name, needs: job.needs }).toEqual({ name, needs: "build" });
    expect(workflow.permissions).toEqual({ contents: "read" });
  });

  it("builds with the tests, then npm run release -- --publish, in that order", () => {
    const runs = (jobs["build"]?.steps ?? []).map((s) => s.run ?? "");
    const tests = runs.indexOf(".ci/run");
    const build = runs.indexOf("npm run release -- --publish");
    expect(tests).toBeGreaterThan(-1);
    expect(build).toBeGreaterThan(tests);
  });

  it("publishes each kind where its users install it", () => {
    const all = (job: string) => (jobs[job]?.steps ?? []).map((s) => `${s.uses ?? ""}\n${s.run ?? ""}`).join("\n");
    expect(all("github-release")).toContain("gh release create");
    expect(all("github-release")).toContain("dist/release/plugin/SHA256SUMS");
    expect(all("npm")).toContain("npm publish --provenance");
    expect(jobs["npm"]?.permissions?.["id-token"]).toBe("write");
    expect(jobs["pypi"]?.steps.map((s) => s.uses)).toContain("pypa/gh-action-pypi-publish@release/v1");
    expect(jobs["pypi"]?.permissions).toEqual({ "id-token": "write" });
    expect(all("maven-central")).toContain("central.sonatype.com/api/v1/publisher/upload");
    expect(all("go-tag")).toContain('git push origin "refs/tags/$tag"');
    expect(all("dotnet")).toContain("is not published");
  });

  it("names its secrets and holds none: PyPI gets no password, and only OIDC jobs may write id-tokens", () => {
    const secrets = [...text.matchAll(/secrets\.([A-Z_]+)/g)].map((m) => m[1]);
    expect([...new Set(secrets)].sort()).toEqual([
      "MAVEN_CENTRAL_PASSWORD",
      "MAVEN_CENTRAL_USERNAME",
      "MAVEN_GPG_PASSPHRASE",
      "MAVEN_GPG_PRIVATE_KEY",
      "NPM_TOKEN",
    ]);
    expect(JSON.stringify(jobs["pypi"])).not.toMatch(/password/i);
    const writers = Object.entries(jobs)
      .filter(([, j]) => j.permissions?.["id-token"] === "write")
      .map(([n]) => n);
    expect(writers.sort()).toEqual(["npm", "pypi"]);
  });

  describe("the step that checks the tag against sdk/package.json's version", () => {
    const step = jobs["build"]?.steps.find((s) => s.name === "The tag is v + sdk/package.json's version");
    const dir = mkdtempSync(path.join(tmpdir(), "turso-release-tag-"));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const runStep = (tag: string) => {
      const output = path.join(dir, `output-${tag}`);
      writeFileSync(output, "");
      const r = spawnSync("bash", ["-e", "-c", step?.run ?? "exit 99"], {
        cwd: REPO,
        encoding: "utf8",
        env: { ...plainEnv(), GITHUB_REF_NAME: tag, GITHUB_OUTPUT: output },
      });
      return { status: r.status, stdout: r.stdout, output: readFileSync(output, "utf8") };
    };

    it("passes on v<version> and gives the version to the publishing jobs", () => {
      expect(runStep(`v${VERSION}`)).toEqual({ status: 0, stdout: "", output: `version=${VERSION}\n` });
    });

    it("fails on any other tag, saying which version it wanted", () => {
      const r = runStep("v0.0.1-not-it");
      expect(r.status).toBe(1);
      expect(r.stdout).toContain(`::error::the tag v0.0.1-not-it is not v${VERSION}, sdk/package.json's version`);
      expect(r.output).toBe("");
    });
  });
});

function statOrNull(file: string): number | null {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return null;
  }
}
