import { TursoInputError } from "../errors";

/** Longest group name or organization slug accepted (Turso documents 64 for database names). */
export const MAX_NAME_LENGTH = 64;

const ALLOWED = /^[A-Za-z0-9._-]+$/;

function show(value: string): string {
  const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
  return JSON.stringify(shown);
}

/**
 * The first rule `value` breaks, or undefined when it is a usable path segment. With `secret`, the
 * rule says nothing of the value (no length, no character of it).
 */
export function brokenRule(value: string, secret = false): string | undefined {
  if (value.length === 0) return "it must not be empty";
  if (value.length > MAX_NAME_LENGTH) {
    return `it must be at most ${MAX_NAME_LENGTH} characters long${secret ? "" : ` (it has ${value.length})`}`;
  }
  if (/\s/u.test(value)) return "it must not contain whitespace";
  if (/\p{Cc}/u.test(value)) return "it must not contain control characters";
  if (/[/\\]/.test(value)) return 'it must not contain "/" or "\\"';
  if (value === "." || value.includes("..")) return 'it must not be "." or contain ".."';
  if (!ALLOWED.test(value)) {
    const bad = [...value].find((ch) => !ALLOWED.test(ch)) ?? "";
    const found = secret ? "" : ` (found ${JSON.stringify(bad)})`;
    return `it may contain only ASCII letters, digits, "-", "_" and "."${found}`;
  }
  return undefined;
}

/**
 * Checks one path segment (a group name or an organization slug) before any request is made, so
 * that no value can change the request path. Returns the value; throws {@link TursoInputError}
 * naming the argument and the rule otherwise. A `secret` value is never shown: the message names
 * the argument, says that its value is secret, and gives a rule that discloses nothing of it.
 */
export function validateName(argument: string, value: unknown, secret = false): string {
  if (typeof value !== "string") {
    const got = value === null ? "null" : typeof value;
    throw new TursoInputError(
      argument,
      "must be a string",
      `${argument} must be a string, got ${got}. Pass the name as "turso group list" or "turso org list" shows it.`,
    );
  }
  const rule = brokenRule(value, secret);
  if (rule !== undefined && secret) {
    throw new TursoInputError(
      argument,
      rule,
      `${argument} (not shown: it may be a secret) is invalid: ${rule}. Use the name exactly as "turso group list" or "turso org list" shows it.`,
    );
  }
  if (rule !== undefined) {
    throw new TursoInputError(
      argument,
      rule,
      `${argument} ${show(value)} is invalid: ${rule}. Use the name exactly as "turso group list" or "turso org list" shows it.`,
    );
  }
  return value;
}
