import { spawnSync } from "node:child_process";
import { appendFileSync, cpSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { startEmulator, type Emulator } from "../../sdk/src/emulator";
import { pluginStackOptions, previewAndUpReadDefaultOnce } from "./emulated";
import { homeOf } from "../../sdk/src/plugin/home";
import { Harness, PROGRAMS, REPO } from "./harness";

jest.setTimeout(600_000);

// The generated Java SDK as a Java user gets it: built with Maven by scripts/build-java.sh (against
// com.pulumi:pulumi from Maven Central, Maven's repository in the cache, which MAVEN_OPTS names),
// installed into that repository with `mvn install:install-file`, and used by a Maven project
// (test/e2e/programs/plugin-java) that the real CLI runs through pulumi-language-java (built by
// scripts/go-install.sh, on PATH in npm test), which runs `mvn compile exec:java`.
const harness = new Harness("plugin-java");
let emulator: Emulator; // the default seed: demo-token, the group `default` in fra and ams
const figure = (line: string): void => appendFileSync(path.join(harness.dir, "figures.md"), `${line}\n`);
const MANIFEST = JSON.parse(readFileSync(path.join(REPO, "sdk/package.json"), "utf8")) as {
  version: string;
  repository: { url: string };
};
const VERSION = MANIFEST.version;
/** The SDK's pom as gen-sdk writes it (plugin-sdks/java/pom.xml): its coordinates and dependencies. */
const SDK_POM = readFileSync(path.join(REPO, "plugin-sdks/java/pom.xml"), "utf8");
const GROUP_ID = /^ {2}<groupId>([^<]+)<\/groupId>$/m.exec(SDK_POM)?.[1];
const SDK = path.join(harness.dir, "java-sdk");
const JAR = path.join(SDK, `turso-group-${VERSION}`);
// As deep below the repository as the program itself, so that its Pulumi.yaml's plugin path
// (../../../../sdk/plugin) names the same folder; a copy, so that Maven's target/ stays out of test/.
const PROGRAM = path.join(harness.dir, "programs", "plugin-java");

function run(command: string, args: string[], cwd: string): { code: number; output: string; ms: number } {
  const started = Date.now();
  const r = spawnSync(command, args, { cwd, encoding: "utf8", maxBuffer: 64 << 20 });
  if (r.error) throw new Error(`cannot run ${command} (${r.error.message}): run the tests with npm test`);
  return { code: r.status ?? -1, output: r.stdout + r.stderr, ms: Date.now() - started };
}

function ok(command: string, args: string[], cwd: string): { output: string; ms: number } {
  const r = run(command, args, cwd);
  if (r.code !== 0) throw new Error(`${command} ${args.join(" ")} exited ${r.code}:\n${r.output.slice(-4000)}`);
  return r;
}

beforeAll(async () => {
  emulator = await startEmulator();
  const build = ok("bash", [path.join(REPO, "scripts/build-java.sh"), SDK], REPO);
  figure(`scripts/build-java.sh: ${build.ms} ms`);
  // As examples/java/README.md installs it (into the cache's repository, which MAVEN_OPTS names).
  const install = ok(
    "mvn",
    [
      "-B",
      "-q",
      "install:install-file",
      `-Dfile=${JAR}.jar`,
      `-DpomFile=${JAR}.pom`,
      `-Dsources=${JAR}-sources.jar`,
      `-Djavadoc=${JAR}-javadoc.jar`,
    ],
    harness.dir,
  );
  figure(`mvn install:install-file: ${install.ms} ms`);
  mkdirSync(path.dirname(PROGRAM), { recursive: true });
  cpSync(path.join(PROGRAMS, "plugin-java"), PROGRAM, { recursive: true });
});
afterAll(() => emulator?.stop());

it("scripts/build-java.sh makes a jar, sources and javadoc jars and the generated pom, of sdk/package.json's version", () => {
  const pom = readFileSync(`${JAR}.pom`, "utf8");
  expect(GROUP_ID).toBe("io.github.pulumi-turso-group");
  expect(pom).toBe(SDK_POM);
  expect(pom).toContain(
    `<groupId>${GROUP_ID}</groupId>\n  <artifactId>turso-group</artifactId>\n  <version>${VERSION}</version>`,
  );
  expect(pom).toMatch(
    /<groupId>com\.pulumi<\/groupId>\s*<artifactId>pulumi<\/artifactId>\s*<version>\d+\.\d+\.\d+<\/version>/,
  );
  const classes = ok("jar", ["tf", `${JAR}.jar`], REPO).output.split("\n");
  expect(classes).toEqual(
    expect.arrayContaining([
      "com/pulumi/tursogroup/TursogroupFunctions.class",
      "com/pulumi/tursogroup/outputs/GetGroupResult.class",
      "com/pulumi/turso-group/version.txt",
      "com/pulumi/turso-group/plugin.json",
    ]),
  );
  expect(ok("jar", ["tf", `${JAR}-sources.jar`], REPO).output).toContain(
    "com/pulumi/tursogroup/TursogroupFunctions.java",
  );
  expect(ok("jar", ["tf", `${JAR}-javadoc.jar`], REPO).output).toContain(
    "com/pulumi/tursogroup/TursogroupFunctions.html",
  );
});

it("pulumi-language-java's plugin discovery (its own mvn command) finds the SDK's plugin.json", () => {
  // The first mvn of the program: Maven fetches what it lacks (exec-maven-plugin) into the cache.
  const found = ok(
    "mvn",
    [
      "-Dorg.slf4j.simpleLogger.logFile=System.err",
      "--no-transfer-progress",
      "compile",
      "exec:java",
      "-DmainClass=com.pulumi.bootstrap.internal.Main",
      "-DmainArgs=packages",
    ],
    PROGRAM,
  );
  figure(`first mvn compile exec:java (plugin discovery): ${found.ms} ms`);
  // The server is the schema's pluginDownloadURL: where Pulumi downloads the plugin from.
  const server = homeOf(MANIFEST.repository.url).pluginDownloadURL;
  expect(found.output).toContain(
    `[{"resource":true,"name":"turso-group","version":"${VERSION}","server":"${server}"}]`,
  );
});

it("a Java program reads a group through TursogroupFunctions.getGroup in preview and up, Maven offline, one request per invoke", async () => {
  // Everything is in the cache's repository now: the CLI's mvn runs must not need the network.
  mkdirSync(path.join(PROGRAM, ".mvn"), { recursive: true });
  writeFileSync(path.join(PROGRAM, ".mvn", "maven.config"), "--offline\n");
  const stack = await harness.stack(pluginStackOptions(PROGRAM, emulator));
  const started = Date.now();
  const { outputs, printed } = await previewAndUpReadDefaultOnce(stack, emulator);
  figure(`plugin-java preview and up: ${Date.now() - started} ms`);
  expect(outputs).toEqual({ primary: "fra", locations: ["fra", "ams"] });
  expect(printed).not.toContain("demo-token");
});

it("a group that does not exist fails the preview with the plugin's message, in seconds", async () => {
  const stack = await harness.stack({
    ...pluginStackOptions(PROGRAM, emulator),
    stack: "missing",
    // Names shown (the plugin hides every argument's name by default: plugin-secrets.test.ts).
    config: { "turso-group:apiBaseUrl": emulator.url, group: "nope", "turso-group:showNames": "true" },
  });
  const failed = await stack.run(["preview"]);
  expect(failed.code).not.toBe(0);
  expect(failed.output).toContain('Group "nope" was not found in your personal account (404');
  figure(`plugin-java failed preview: ${failed.ms} ms`);
  expect(failed.ms).toBeLessThan(120_000); // a generous no-hang bound: two mvn runs
});

it("the Java host is the generator's pulumi-java release, and the Maven projects use the SDK as its pom names it, of this version", () => {
  const host = /^PULUMI_JAVA_VERSION=(\S+)$/m.exec(readFileSync(path.join(REPO, "scripts/toolchain.env"), "utf8"));
  const generator = /github\.com\/pulumi\/pulumi-java\/pkg v(\S+)/.exec(
    readFileSync(path.join(REPO, "scripts/gen-sdk/go.mod"), "utf8"),
  );
  expect(host?.[1]).toBe(generator?.[1]);
  for (const pom of ["test/e2e/programs/plugin-java/pom.xml", "examples/java/pom.xml"]) {
    const text = readFileSync(path.join(REPO, pom), "utf8");
    const sdk =
      /<groupId>([^<]+)<\/groupId>\s*<artifactId>turso-group<\/artifactId>\s*<version>([^<]+)<\/version>/.exec(text);
    expect([pom, sdk?.[1], sdk?.[2]]).toEqual([pom, GROUP_ID, VERSION]);
  }
  expect(readFileSync(path.join(REPO, "examples/java/README.md"), "utf8")).toContain(`turso-group-${VERSION}.jar`);
});
