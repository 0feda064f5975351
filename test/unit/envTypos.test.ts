import { misspeltVariables } from "../../sdk/src/dynamic/program/envTypos";

describe("misspelt TURSO_ variables", () => {
  it.each([
    [{ TURSO_ORGANISATION: "acme" }, [["TURSO_ORGANISATION", "TURSO_ORGANIZATION"]]],
    [{ TURSO_API_TOKN: "t" }, [["TURSO_API_TOKN", "TURSO_API_TOKEN"]]],
    [{ TURSO_API_BASE_URL: "http://127.0.0.1:1" }, [["TURSO_API_BASE_URL", "TURSO_API_BASEURL"]]],
  ])("%j is reported", (env, want) => {
    expect(misspeltVariables(env)).toEqual(want);
  });
  it.each([
    [{ TURSO_ORGANIZATION: "acme", TURSO_API_TOKEN: "t", TURSO_LOG: "debug" }],
    // The right name is set too: the other one is someone else's.
    [{ TURSO_ORGANIZATION: "acme", TURSO_ORGANISATION: "acme" }],
    // Far from every name this package reads (the Turso CLI's own variables, for instance).
    [{ TURSO_DATABASE_URL: "libsql://x", TURSO_AUTH_TOKEN: "t" }],
    [{ PATH: "/bin", TURSO_ORGANISATION: undefined }],
  ])("%j is not", (env) => {
    expect(misspeltVariables(env)).toEqual([]);
  });
});
