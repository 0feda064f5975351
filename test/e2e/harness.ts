/**
 * End-to-end harness: drives the real Pulumi CLI (built by scripts/go-install.sh, put on PATH by
 * `npm test`) on throw-away stacks of any program folder, with stack config, secrets and
 * environment of the test's choosing. Each harness has its own file backend under .e2e/, and every
 * CLI output is kept in .e2e/<name>/logs for the secret scan.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { appendFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import path from "node:path";

export const REPO = path.resolve(__dirname, "../..");
export const PROGRAMS = path.join(__dirname, "programs");

export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** stdout and stderr together, in the order they arrived. */
  readonly output: string;
  /** Wall time of the command. */
  readonly ms: number;
  /** Peak RSS of the largest process of the command's tree (the CLI, the program, the provider), when measured. */
  readonly maxRssKb?: number;
}

/** GNU time, when the machine has it: measures the peak RSS of a command's process tree. */
const GNU_TIME = existsSync("/usr/bin/time") ? "/usr/bin/time" : undefined;
const RSS_MARK = "__e2e_maxrss_kb=";

export interface StackOptions {
  /** The program folder (holding Pulumi.yaml). */
  readonly program: string;
  /** @default "dev" */
  readonly stack?: string;
  readonly config?: Readonly<Record<string, string>>;
  readonly secrets?: Readonly<Record<string, string>>;
  /** Environment for every command; `undefined` removes a variable. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

export class Harness {
  readonly dir: string;
  readonly backend: string;
  readonly logs: string;

  constructor(readonly name: string) {
    this.dir = path.join(REPO, ".e2e", name);
    rmSync(this.dir, { recursive: true, force: true });
    this.backend = path.join(this.dir, "backend");
    this.logs = path.join(this.dir, "logs");
    mkdirSync(this.backend, { recursive: true });
    mkdirSync(this.logs, { recursive: true });
  }

  /** Creates (or selects) a stack of a program and sets its configuration. */
  async stack(options: StackOptions): Promise<TestStack> {
    const s = new TestStack(this, options);
    await s.cli(["stack", "select", "--create"]);
    for (const [key, value] of Object.entries(options.config ?? {})) await s.cli(["config", "set", key, value]);
    // A secret goes in on standard input, so that it is on no command line and in no log.
    for (const [key, value] of Object.entries(options.secrets ?? {}))
      await s.cli(["config", "set", "--secret", key], {}, value);
    return s;
  }

  /** The environment that points the CLI (or an Automation API process) at this harness's backend, offline. */
  backendEnv(): Record<string, string> {
    return {
      PULUMI_BACKEND_URL: `file://${this.backend}`,
      PULUMI_CONFIG_PASSPHRASE: "e2e-passphrase",
      PULUMI_SKIP_UPDATE_CHECK: "true",
      PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    };
  }

  /** Every file this harness wrote: state, backups, history, config and CLI logs. */
  files(): string[] {
    const walk = (dir: string): string[] =>
      readdirSync(dir).flatMap((f) => {
        const p = path.join(dir, f);
        return statSync(p).isDirectory() ? walk(p) : [p];
      });
    return walk(this.dir);
  }
}

export class TestStack {
  readonly name: string;
  env: Record<string, string | undefined>;

  constructor(
    private readonly harness: Harness,
    readonly options: StackOptions,
  ) {
    this.name = options.stack ?? "dev";
    this.env = { ...options.env };
  }

  /** Runs `pulumi ARGS --stack NAME --non-interactive`; rejects on a non-zero exit. */
  async cli(args: string[], extraEnv: Record<string, string | undefined> = {}, stdin?: string): Promise<RunResult> {
    const result = await this.run(args, extraEnv, stdin);
    if (result.code !== 0) throw new Error(`pulumi ${args.join(" ")} exited ${result.code}:\n${result.output}`);
    return result;
  }

  /** Runs a pulumi command and returns its result whatever the exit code. */
  run(
    args: string[],
    extraEnv: Record<string, string | undefined> = {},
    stdin?: string,
    measure = false,
    spawned?: (child: ChildProcess) => void,
  ): Promise<RunResult> {
    const env: Record<string, string | undefined> = {
      ...process.env,
      ...this.harness.backendEnv(),
      PULUMI_NODEJS_TRANSPILE_ONLY: "true",
      ...this.env,
      ...extraEnv,
    };
    for (const [k, v] of Object.entries(env)) if (v === undefined) delete env[k];
    // `version` takes no stack; every other command gets this stack.
    const full =
      args[0] === "version" ? args : [...args, "--stack", this.name, "--non-interactive", "--color", "never"];
    const timed = measure && GNU_TIME !== undefined;
    const [command, commandArgs] = timed
      ? [GNU_TIME as string, ["-f", `${RSS_MARK}%M`, "pulumi", ...full]]
      : ["pulumi", full];
    const started = Date.now();
    return new Promise((resolve, reject) => {
      const child = spawn(command, commandArgs, { cwd: this.options.program, env: env as NodeJS.ProcessEnv });
      spawned?.(child);
      child.stdin.end(stdin ?? "");
      let stdout = "";
      let stderr = "";
      let output = "";
      child.stdout.on("data", (d: Buffer) => ((stdout += d), (output += d)));
      child.stderr.on("data", (d: Buffer) => ((stderr += d), (output += d)));
      child.on("error", (err) =>
        reject(new Error(`cannot run pulumi (${err.message}): run the tests with "npm test", which puts it on PATH`)),
      );
      child.on("close", (code) => {
        const ms = Date.now() - started;
        let maxRssKb: number | undefined;
        if (timed) {
          const mark = new RegExp(`(?:Command exited with non-zero status \\d+\\n)?${RSS_MARK}(\\d+)\\n?$`);
          maxRssKb = Number(mark.exec(stderr)?.[1]);
          const strip = (text: string): string => text.replace(mark, "");
          [stderr, output] = [strip(stderr), strip(output)];
        }
        appendFileSync(path.join(this.harness.logs, `${this.name}.log`), `$ pulumi ${full.join(" ")}\n${output}\n`);
        resolve({ code: code ?? -1, stdout, stderr, output, ms, ...(maxRssKb === undefined ? {} : { maxRssKb }) });
      });
    });
  }

  preview(): Promise<RunResult> {
    return this.cli(["preview", "--diff"]);
  }
  up(): Promise<RunResult> {
    return this.cli(["up", "--yes", "--skip-preview"]);
  }
  refresh(): Promise<RunResult> {
    return this.cli(["refresh", "--yes", "--skip-preview"]);
  }
  destroy(): Promise<RunResult> {
    return this.cli(["destroy", "--yes", "--skip-preview"]);
  }
  async outputs(): Promise<Record<string, unknown>> {
    return JSON.parse((await this.cli(["stack", "output", "--json"])).stdout) as Record<string, unknown>;
  }
  /** The stack's resources from `pulumi stack export`. */
  async resources(): Promise<{ type: string; id?: string; outputs?: Record<string, unknown> }[]> {
    const exported = JSON.parse((await this.cli(["stack", "export"])).stdout) as {
      deployment: { resources?: { type: string; id?: string; outputs?: Record<string, unknown> }[] };
    };
    return exported.deployment.resources ?? [];
  }
  /** The project's name, from its Pulumi.yaml. */
  project(): string {
    const yaml = readFileSync(path.join(this.options.program, "Pulumi.yaml"), "utf8");
    return /^name:\s*(\S+)/m.exec(yaml)?.[1] ?? "";
  }
  /** The state file of this stack in the file backend. */
  stateFile(): string {
    const file = path.join(this.harness.backend, ".pulumi", "stacks", this.project(), `${this.name}.json`);
    if (!existsSync(file)) throw new Error(`no state file at ${file}`);
    return file;
  }
}

/**
 * The TURSO_* variables the package reads, unset: a test stack takes its settings from its config,
 * and from the environment only what the test sets, never what the tests' own environment holds.
 */
export const NO_TURSO_ENV = { TURSO_API_TOKEN: undefined, TURSO_API_BASEURL: undefined, TURSO_ORGANIZATION: undefined };

/** How a stack of a lookup program is set up (see {@link lookupStacks}). */
export interface LookupStackOptions {
  /** The program folder. @default PROGRAMS/lookup */
  readonly program?: string;
  /** The API (an emulator, a stub server) whose URL goes into turso:apiBaseUrl; none leaves it unset. */
  readonly api?: { readonly url: string } | undefined;
  /** The token set as the secret turso:apiToken; none leaves it unset. */
  readonly token?: string | undefined;
  /** More stack config, set after e2e:lookups and turso:apiBaseUrl (so it may replace them). */
  readonly config?: Readonly<Record<string, string>> | undefined;
  /** More secret config. */
  readonly secrets?: Readonly<Record<string, string>> | undefined;
  /** Environment on top of {@link NO_TURSO_ENV}; `undefined` removes a variable. */
  readonly env?: Readonly<Record<string, string | undefined>> | undefined;
}

/**
 * The one set-up of a lookup stack: a function that makes stacks of a lookup program in `harness`,
 * its calls (`lookups`) in e2e:lookups, `api` and `token` as turso:apiBaseUrl and the secret
 * turso:apiToken, and no TURSO_* variable but those `env` sets. A stack's options override the
 * `defaults`' `program`, `api` and `token` (`{ token: undefined }`: none), and add to their
 * `config`, `secrets` and `env`.
 */
export function lookupStacks(
  harness: Harness,
  defaults: LookupStackOptions = {},
): (stack: string, lookups?: readonly unknown[], options?: LookupStackOptions) => Promise<TestStack> {
  return (stack, lookups, options = {}) => {
    const { program = path.join(PROGRAMS, "lookup"), api, token } = { ...defaults, ...options };
    return harness.stack({
      program,
      stack,
      config: {
        ...(lookups === undefined ? {} : { "e2e:lookups": JSON.stringify(lookups) }),
        ...(api === undefined ? {} : { "turso:apiBaseUrl": api.url }),
        ...defaults.config,
        ...options.config,
      },
      secrets: { ...(token === undefined ? {} : { "turso:apiToken": token }), ...defaults.secrets, ...options.secrets },
      env: { ...NO_TURSO_ENV, ...defaults.env, ...options.env },
    });
  };
}
