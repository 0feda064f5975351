/**
 * The Python program of the generated SDK (test/e2e/programs/plugin-python) as a Python user
 * installs it: the wheel that scripts/build-python.sh builds and Pulumi's Python SDK (the program's
 * requirements.txt), both pip-installed into a virtualenv, from the wheelhouse that npm test's set-up
 * filled from PyPI (PIP_FIND_LINKS; no index asked). For the suites that run the program another
 * way than plugin-python.test.ts does (the standalone executable, the downloaded plugin).
 */
import { execFileSync } from "node:child_process";
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const REPO = path.resolve(__dirname, "../..");
/** The program: a component takes get_group_output's primary; get_groups; get_locations. */
export const PYTHON_PROGRAM = path.join(REPO, "test/e2e/programs/plugin-python");
/** What one preview or up of the program asks the API, sorted: one request per invoke. */
export const PYTHON_PROGRAM_REQUESTS = ["GET /v1/groups 200", "GET /v1/groups/default 200", "GET /v1/locations 200"];

/**
 * A virtualenv at `venv` holding Pulumi's Python SDK and the wheel of the SDK (built into the
 * folder `<venv>-wheel`); returns `venv`.
 */
export function pythonVenv(venv: string): string {
  if (!process.env["PIP_FIND_LINKS"]?.includes("python/wheels"))
    throw new Error("no wheelhouse in PIP_FIND_LINKS: run the tests with npm test, whose set-up fills it");
  const built = execFileSync("bash", [path.join(REPO, "scripts/build-python.sh"), `${venv}-wheel`], {
    encoding: "utf8",
  });
  const wheel = built.split("\n").find((l) => l.endsWith(".whl"));
  if (wheel === undefined) throw new Error(`build-python.sh printed no wheel:\n${built}`);
  const env = { ...process.env, PIP_NO_INDEX: "1" };
  execFileSync("python3", ["-m", "venv", "--clear", venv], { env });
  const pip = [path.join(venv, "bin/python"), ["-m", "pip", "install", "--quiet"]] as const;
  execFileSync(pip[0], [...pip[1], "-r", path.join(PYTHON_PROGRAM, "requirements.txt"), wheel], { env });
  return venv;
}

/**
 * A copy of the program in `dir` whose Pulumi.yaml names `venv` as its virtualenv and, as
 * `plugin` says, either runs the plugin in that folder or (undefined) names none: the CLI then
 * finds it as the wheel's pulumi-plugin.json says, installed or downloaded.
 */
export function pythonProgramCopy(dir: string, venv: string, plugin: string | undefined): string {
  cpSync(PYTHON_PROGRAM, dir, { recursive: true });
  const yaml = readFileSync(path.join(dir, "Pulumi.yaml"), "utf8");
  let rewritten = yaml.replace(/^(\s+virtualenv:) .*$/m, `$1 ${venv}`);
  rewritten =
    plugin === undefined
      ? rewritten.replace(/^plugins:\n(?:\s.*\n)*/m, "")
      : rewritten.replace(/^(\s+path:) .*$/m, `$1 ${plugin}`);
  if (
    !rewritten.includes(`virtualenv: ${venv}`) ||
    (plugin === undefined ? /^plugins:/m : /path: \.\./).test(rewritten)
  )
    throw new Error(`${PYTHON_PROGRAM}/Pulumi.yaml changed its shape: this helper cannot rewrite it`);
  writeFileSync(path.join(dir, "Pulumi.yaml"), rewritten);
  return dir;
}
