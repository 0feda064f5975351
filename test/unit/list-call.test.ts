import { TursoInputError } from "../../sdk/src/core/errors";
import { checkOptions } from "../../sdk/src/dynamic/program/toolkit";
import { resolveListArgs } from "../../sdk/src/dynamic/program/list";

describe("a getGroups call's arguments", () => {
  it("takes the organization given, else the fallback's with where it came from, else none", () => {
    const fallback = { organization: "acme", source: "environment variable TURSO_ORGANIZATION" };
    expect(resolveListArgs({ organization: "beta" }, fallback)).toEqual({ kind: "list", organization: "beta" });
    expect(resolveListArgs({}, fallback)).toEqual({
      kind: "list",
      organization: "acme",
      organizationSource: "environment variable TURSO_ORGANIZATION",
    });
    expect(resolveListArgs({}, undefined)).toEqual({ kind: "list" });
    expect(resolveListArgs({ tokenFrom: { env: "TURSO_ACME_TOKEN" } }, undefined)).toEqual({
      kind: "list",
      tokenFrom: { env: "TURSO_ACME_TOKEN" },
    });
  });

  it("refuses a malformed organization or tokenFrom, naming it", () => {
    expect(() => resolveListArgs({ organization: "Not Valid" }, undefined)).toThrow(
      'organization "Not Valid" is invalid: it must not contain whitespace.',
    );
    expect(() => resolveListArgs({ organization: 7 }, undefined)).toThrow(TursoInputError);
    expect(() => resolveListArgs({ tokenFrom: { config: "acmeToken" } }, undefined)).toThrow(
      'tokenFrom is invalid: tokenFrom.config must be a namespaced stack config key such as "turso:acmeToken" (got "acmeToken").',
    );
  });
});

describe("a getGroups call's options", () => {
  it("refuses dependsOn on the Promise form, pointing to getGroupsOutput, which takes it", () => {
    const db = {} as never;
    expect(() => checkOptions("getGroups", { dependsOn: [db] })).toThrow(
      "getGroups cannot take the option dependsOn: getGroups returns a Promise, which in a preview cannot wait for resources that are not created yet; use getGroupsOutput with dependsOn.",
    );
    expect(checkOptions("getGroupsOutput", { dependsOn: [db] })).toEqual({ dependsOn: [db] });
  });

  it("refuses what a read cannot honour, as getGroup does", () => {
    expect(() => checkOptions("getGroupsOutput", { provider: {} })).toThrow(
      /^getGroupsOutput cannot take the option provider: a lookup is a read of Pulumi's Node.js dynamic provider/,
    );
    expect(() => checkOptions("getGroups", { async: false })).toThrow(
      "getGroups cannot take the option async: a lookup is always asynchronous.",
    );
    expect(checkOptions("getGroups", { async: true, dependsOn: undefined })).toEqual({});
  });

  it.each(["retainOnDelete", "constructor", "toString", "__proto__"])("refuses %s as having no meaning", (key) => {
    expect(() => checkOptions("getGroup", JSON.parse(`{"${key}": 1}`) as object)).toThrow(
      `getGroup cannot take the option ${key}: it has no meaning for a lookup.`,
    );
  });
});
