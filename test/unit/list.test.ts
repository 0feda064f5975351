import { parseGroupsBody } from "../../sdk/src/core/client/parse";
import { describeRef, groupsUrl } from "../../sdk/src/core/client/url";
import { TursoResponseError } from "../../sdk/src/core/errors";

const ctx = { method: "GET", url: "http://127.0.0.1:1/v1/organizations/acme/groups" };

describe("groupsUrl", () => {
  it.each([
    [{}, "https://api.turso.tech/v1/groups"],
    [{ organization: "acme" }, "https://api.turso.tech/v1/organizations/acme/groups"],
    [{ organization: "a b/c" }, "https://api.turso.tech/v1/organizations/a%20b%2Fc/groups"],
  ])("%j -> %s", (scope, url) => {
    expect(groupsUrl("https://api.turso.tech", scope)).toBe(url);
  });
});

describe("describeRef of a list", () => {
  it("names the scope's groups", () => {
    expect(describeRef({ organization: "acme" })).toBe('the groups of organization "acme"');
    expect(describeRef({})).toBe("the groups of your personal account");
    expect(describeRef({ organization: "acme", organizationSource: "environment variable TURSO_ORGANIZATION" })).toBe(
      'the groups of organization "acme" (from environment variable TURSO_ORGANIZATION)',
    );
  });
});

describe("parseGroupsBody", () => {
  it("reads every group as parseGroupBody reads one, in the API's order", () => {
    const body = JSON.stringify({
      groups: [
        { name: "z", locations: ["fra"], primary: "fra", delete_protection: false, extra: 1 },
        { name: "a", locations: ["aws-eu-west-1"], primary: "aws-eu-west-1", uuid: "u", version: "v", archived: true },
      ],
      pagination: null,
    });
    expect(parseGroupsBody(200, body, ctx)).toEqual([
      { name: "z", locations: ["fra"], primary: "fra", deleteProtection: false },
      { name: "a", locations: ["aws-eu-west-1"], primary: "aws-eu-west-1", uuid: "u", version: "v", archived: true },
    ]);
  });

  it("reads an organization without groups", () => {
    expect(parseGroupsBody(200, '{"groups":[]}', ctx)).toEqual([]);
  });

  it.each([
    ["not json", 'the body is not JSON ("not json")'],
    ["{}", 'the body has no "groups" array'],
    ['{"groups":{}}', 'the body has no "groups" array'],
    ['{"group":{"name":"g","locations":[],"primary":"fra"}}', 'the body has no "groups" array'],
    ['{"groups":[7]}', '"groups[0]" is not an object'],
    [
      '{"groups":[{"name":"a","locations":[],"primary":"fra"},{"locations":[],"primary":"a"}]}',
      '"groups[1].name" is not a string',
    ],
    ['{"groups":[{"name":"g","locations":"fra","primary":"fra"}]}', '"groups[0].locations" is not an array of strings'],
    ['{"groups":[{"name":"g","locations":[],"primary":null}]}', '"groups[0].primary" is not a string'],
  ])("refuses %s: %s", (text, fault) => {
    expect(() => parseGroupsBody(200, text, ctx)).toThrow(
      new TursoResponseError(
        `The Turso API answered 200 but ${fault}. Retry later; if it persists, report it to Turso.`,
        {
          ...ctx,
          status: 200,
        },
      ),
    );
  });

  it("refuses a body that holds the token", () => {
    expect(() => parseGroupsBody(200, '{"groups":[],"echo":"tok-123"}', ctx, ["tok-123"])).toThrow(
      "the body contains an API token, which must never reach state",
    );
  });
});
