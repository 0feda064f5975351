import { validateName, MAX_NAME_LENGTH } from "../../sdk/src/core/client/validate";
import { TursoInputError } from "../../sdk/src/core/errors";

describe("validateName", () => {
  it.each(["default", "prod-eu", "a", "my_group", "v1.2", "A-Z0-9", "x".repeat(MAX_NAME_LENGTH)])(
    "accepts %j unchanged",
    (name) => {
      expect(validateName("group", name)).toBe(name);
    },
  );

  it.each([
    ["", "it must not be empty"],
    ["x".repeat(65), "it must be at most 64 characters long (it has 65)"],
    ["a b", "it must not contain whitespace"],
    [" default", "it must not contain whitespace"],
    ["a\u0000b", "it must not contain control characters"],
    ["a/b", 'it must not contain "/" or "\\"'],
    ["a\\b", 'it must not contain "/" or "\\"'],
    ["..", 'it must not be "." or contain ".."'],
    [".", 'it must not be "." or contain ".."'],
    ["a..b", 'it must not be "." or contain ".."'],
    ["a%2Fb", 'it may contain only ASCII letters, digits, "-", "_" and "." (found "%")'],
    ["a?b", 'it may contain only ASCII letters, digits, "-", "_" and "." (found "?")'],
    ["a#b", 'it may contain only ASCII letters, digits, "-", "_" and "." (found "#")'],
    ["dеfault", 'it may contain only ASCII letters, digits, "-", "_" and "." (found "е")'],
  ])("rejects %j: %s", (name, rule) => {
    const err = catchError(() => validateName("group", name));
    expect(err).toBeInstanceOf(TursoInputError);
    expect(err.argument).toBe("group");
    expect(err.rule).toBe(rule);
    expect(err.message).toContain(
      `group ${JSON.stringify(name.length > 40 ? name.slice(0, 40) + "…" : name)} is invalid: ${rule}`,
    );
  });

  it.each([
    [42, "number"],
    [null, "null"],
    [undefined, "undefined"],
    [["a"], "object"],
  ])("rejects the non-string %j naming the argument", (value, got) => {
    const err = catchError(() => validateName("organization", value));
    expect(err.message).toBe(
      `organization must be a string, got ${got}. Pass the name as "turso group list" or "turso org list" shows it.`,
    );
  });
});

function catchError(fn: () => unknown): TursoInputError {
  try {
    fn();
  } catch (err) {
    return err as TursoInputError;
  }
  throw new Error("expected an error");
}

describe("validateName of a secret value", () => {
  // A 94-character JWT-like secret, and values breaking each rule: the message never holds any of it.
  const JWT = `eyJ${"a".repeat(40)}.${"b".repeat(30)}.${"c".repeat(18)}`;
  it.each([
    [JWT, "it must be at most 64 characters long"],
    ["Sup3rSecret Org", "it must not contain whitespace"],
    ["Sup3rSecret%Org", 'it may contain only ASCII letters, digits, "-", "_" and "."'],
    ["Sup3r/Secret", 'it must not contain "/" or "\\"'],
    ["", "it must not be empty"],
  ])("refuses %j naming the argument and the rule, not the value", (value, rule) => {
    const err = catchError(() => validateName("organization", value, true));
    expect(err).toBeInstanceOf(TursoInputError);
    expect(err.rule).toBe(rule);
    expect(err.message).toBe(
      `organization (not shown: it may be a secret) is invalid: ${rule}. Use the name exactly as "turso group list" or "turso org list" shows it.`,
    );
    for (const part of value.split(/[\s/%]/u).filter((p) => p.length >= 3)) expect(err.message).not.toContain(part);
    expect(err.message).not.toContain(String(value.length));
  });
});
