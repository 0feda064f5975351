import { checkBaseUrl, describeRef, groupUrl } from "../../sdk/src/core/client/url";

describe("groupUrl", () => {
  it("uses the organization path when an organization is given", () => {
    expect(groupUrl("https://api.turso.tech", { organization: "acme", group: "prod" })).toBe(
      "https://api.turso.tech/v1/organizations/acme/groups/prod",
    );
  });
  it("uses the user path without an organization", () => {
    expect(groupUrl("https://api.turso.tech", { group: "default" })).toBe("https://api.turso.tech/v1/groups/default");
  });
  it("encodes every segment", () => {
    expect(groupUrl("http://127.0.0.1:1", { organization: "a b", group: "c/d" })).toBe(
      "http://127.0.0.1:1/v1/organizations/a%20b/groups/c%2Fd",
    );
  });
  it("keeps a base path", () => {
    expect(groupUrl("https://proxy.example/turso", { group: "g" })).toBe("https://proxy.example/turso/v1/groups/g");
  });
});

describe("checkBaseUrl", () => {
  it.each([
    ["https://api.turso.tech", "https://api.turso.tech"],
    ["https://api.turso.tech/", "https://api.turso.tech"],
    ["http://127.0.0.1:8080", "http://127.0.0.1:8080"],
    ["http://localhost:9/", "http://localhost:9"],
    ["http://[::1]:9", "http://[::1]:9"],
    ["https://proxy.example/turso/", "https://proxy.example/turso"],
  ])("accepts %s as %s", (raw, want) => {
    expect(checkBaseUrl(raw, "turso:apiBaseUrl")).toBe(want);
  });
  it.each([
    ["http://api.turso.tech", "it must use https"],
    ["ftp://api.turso.tech", "it must be an https URL"],
    ["https://user:pw@api.turso.tech", "it must not contain credentials"],
    ["https://api.turso.tech/?x=1", "it must not contain a query or fragment"],
    ["not a url", "is not a URL"],
  ])("rejects %s", (raw, why) => {
    expect(() => checkBaseUrl(raw, "TURSO_API_BASEURL")).toThrow(why);
    expect(() => checkBaseUrl(raw, "TURSO_API_BASEURL")).toThrow("TURSO_API_BASEURL");
  });
});

describe("describeRef", () => {
  it("names the organization or the personal account", () => {
    expect(describeRef({ organization: "acme", group: "prod" })).toBe('group "prod" in organization "acme"');
    expect(describeRef({ group: "default" })).toBe('group "default" in your personal account');
  });
});
