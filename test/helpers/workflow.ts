/**
 * A small simulation of one GitHub Actions job, enough to check which steps of a workflow run and
 * with which environment, for given secrets and repository variables. It models what decides the
 * example pipeline's path: `${{ }}` expressions (context lookups, literals, `==`, `!=`, `!`, `&&`,
 * `||`, parentheses, with GitHub's loose equality and case-insensitive strings), env at workflow,
 * job and step level, a step's `if:` seeing the workflow's and job's env and $GITHUB_ENV but not its
 * own `env:`, and `echo "NAME=VALUE" >> "$GITHUB_ENV"` lines (a VALUE with `$` is kept as shell text).
 */
import { parse } from "yaml";

type Value = string | boolean | number | null;
type Context = Record<string, Record<string, string>>;

export interface SimulatedStep {
  readonly name: string;
  readonly ran: boolean;
  /** The environment the step's process gets from the workflow (not the runner's own variables). */
  readonly env: Readonly<Record<string, string>>;
}

interface Step {
  name?: string;
  uses?: string;
  if?: string | boolean;
  env?: Record<string, string>;
  run?: string;
}
interface Workflow {
  env?: Record<string, string>;
  jobs: Record<string, { env?: Record<string, string>; steps: Step[] }>;
}

export function simulateJob(
  yamlText: string,
  job: string,
  inputs: { secrets?: Record<string, string>; vars?: Record<string, string> },
): SimulatedStep[] {
  const workflow = parse(yamlText) as Workflow;
  const spec = workflow.jobs[job];
  if (!spec) throw new Error(`no job ${job}`);
  const ctx: Context = {
    secrets: inputs.secrets ?? {},
    vars: inputs.vars ?? {},
    github: { workspace: "/home/runner/work/repo" },
    env: {},
  };
  const level = (env: Record<string, string> | undefined, into: Record<string, string>): void => {
    for (const [k, v] of Object.entries(env ?? {})) into[k] = text(interpolate(String(v), ctx));
  };
  const base: Record<string, string> = {};
  level(workflow.env, base);
  ctx["env"] = { ...base };
  level(spec.env, base);
  const githubEnv: Record<string, string> = {};
  return spec.steps.map((step, i) => {
    ctx["env"] = { ...base, ...githubEnv };
    const name = step.name ?? step.uses ?? `step ${i + 1}`;
    const ran = step.if === undefined ? true : truthy(evaluate(unwrap(String(step.if)), ctx));
    const own: Record<string, string> = {};
    level(step.env, own);
    const env = { ...base, ...githubEnv, ...own };
    if (ran && step.run) {
      for (const m of step.run.matchAll(/^\s*echo "([A-Z_][A-Z0-9_]*)=([^"]*)" >> "\$GITHUB_ENV"/gm)) {
        const [, key = "", value = ""] = m;
        if (key in base) throw new Error(`${name} writes ${key} to $GITHUB_ENV, which the job's env also sets`);
        githubEnv[key] = value;
      }
    }
    return { name, ran, env };
  });
}

function unwrap(expr: string): string {
  const m = /^\s*\$\{\{([\s\S]*)\}\}\s*$/.exec(expr);
  return m?.[1] ?? expr;
}

function interpolate(value: string, ctx: Context): Value {
  const whole = /^\s*\$\{\{([\s\S]*?)\}\}\s*$/.exec(value);
  if (whole?.[1] !== undefined) return evaluate(whole[1], ctx);
  return value.replace(/\$\{\{([\s\S]*?)\}\}/g, (_m, e: string) => text(evaluate(e, ctx)));
}

const text = (v: Value): string => (v === null ? "" : String(v));
const truthy = (v: Value): boolean => v !== null && v !== false && v !== 0 && v !== "";
const toNumber = (v: Value): number =>
  v === null ? 0 : typeof v === "string" ? (v.trim() === "" ? 0 : Number(v)) : Number(v);

function equal(a: Value, b: Value): boolean {
  if (typeof a === "string" && typeof b === "string") return a.toLowerCase() === b.toLowerCase();
  if (typeof a === typeof b) return a === b;
  return toNumber(a) === toNumber(b);
}

/** Evaluates one expression (the text between `${{` and `}}`). */
export function evaluate(expr: string, ctx: Context): Value {
  const tokens = expr.match(/'(?:[^']|'')*'|==|!=|&&|\|\||[!()]|[\w.-]+/g) ?? [];
  let pos = 0;
  const peek = (): string | undefined => tokens[pos];
  const next = (): string => {
    const t = tokens[pos++];
    if (t === undefined) throw new Error(`unexpected end of expression: ${expr}`);
    return t;
  };
  const primary = (): Value => {
    const t = next();
    if (t === "(") {
      const v = or();
      if (next() !== ")") throw new Error(`missing ) in ${expr}`);
      return v;
    }
    if (t === "!") return !truthy(primary());
    if (t.startsWith("'")) return t.slice(1, -1).replace(/''/g, "'");
    if (t === "true" || t === "false") return t === "true";
    if (t === "null") return null;
    if (/^-?\d/.test(t)) return Number(t);
    const [context = "", ...rest] = t.split(".");
    const scope = ctx[context];
    if (!scope) throw new Error(`unknown context ${context} in ${expr}`);
    return scope[rest.join(".")] ?? "";
  };
  const comparison = (): Value => {
    let v = primary();
    while (peek() === "==" || peek() === "!=") {
      const op = next();
      const r = primary();
      v = op === "==" ? equal(v, r) : !equal(v, r);
    }
    return v;
  };
  const and = (): Value => {
    let v = comparison();
    while (peek() === "&&") {
      next();
      const r = comparison();
      v = truthy(v) ? r : v;
    }
    return v;
  };
  const or = (): Value => {
    let v = and();
    while (peek() === "||") {
      next();
      const r = and();
      v = truthy(v) ? v : r;
    }
    return v;
  };
  const value = or();
  if (pos !== tokens.length) throw new Error(`unexpected ${tokens[pos]} in ${expr}`);
  return value;
}
