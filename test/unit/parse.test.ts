import { apiErrorMessage, parseGroupBody } from "../../sdk/src/core/client/parse";
import { TursoResponseError } from "../../sdk/src/core/errors";

const ctx = { method: "GET", url: "http://127.0.0.1:1/v1/groups/g" };

describe("parseGroupBody", () => {
  it("reads every field and ignores unknown ones", () => {
    const body = JSON.stringify({
      group: {
        name: "g",
        locations: ["fra", "ams"],
        primary: "fra",
        uuid: "u",
        version: "v1",
        delete_protection: true,
        archived: false,
        extra: { nested: 1 },
      },
      more: true,
    });
    expect(parseGroupBody(200, body, ctx)).toEqual({
      name: "g",
      locations: ["fra", "ams"],
      primary: "fra",
      uuid: "u",
      version: "v1",
      deleteProtection: true,
      archived: false,
    });
  });
  it("tolerates missing optional fields, empty locations and a primary outside them", () => {
    expect(parseGroupBody(200, '{"group":{"name":"g","locations":[],"primary":"lhr"}}', ctx)).toEqual({
      name: "g",
      locations: [],
      primary: "lhr",
    });
  });
  it.each([
    ["not json", 'the body is not JSON ("not json")'],
    ["{}", 'the body has no "group" object'],
    ['{"group":[]}', 'the body has no "group" object'],
    ['{"group":{"locations":[],"primary":"a"}}', '"group.name" is not a string'],
    ['{"group":{"name":"g","locations":"fra","primary":"fra"}}', '"group.locations" is not an array of strings'],
    ['{"group":{"name":"g","locations":[1],"primary":"fra"}}', '"group.locations" is not an array of strings'],
    ['{"group":{"name":"g","locations":["fra"],"primary":7}}', '"group.primary" is not a string'],
  ])("rejects %s", (body, what) => {
    let err: unknown;
    try {
      parseGroupBody(200, body, ctx);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(TursoResponseError);
    expect((err as TursoResponseError).message).toBe(
      `The Turso API answered 200 but ${what}. Retry later; if it persists, report it to Turso.`,
    );
    expect((err as TursoResponseError).status).toBe(200);
    expect((err as TursoResponseError).url).toBe(ctx.url);
  });
});

describe("apiErrorMessage", () => {
  it.each([
    ['{"error":"group not found"}', "group not found"],
    ['{"error":"x","code":"y"}', "x"],
    ["<html>Bad gateway</html>", "<html>Bad gateway</html>"],
    ["", undefined],
  ])("reads %j", (body, want) => expect(apiErrorMessage(body)).toBe(want));
});

describe("a group without locations (Turso deprecates the field)", () => {
  it.each([
    ['{"group":{"name":"g","primary":"us-east-1"}}'],
    ['{"group":{"name":"g","primary":"us-east-1","locations":null}}'],
  ])("%s is a group on one location, its primary, said in one note", (body) => {
    const notes: string[] = [];
    expect(parseGroupBody(200, body, { ...ctx, note: (m) => notes.push(m) })).toEqual({
      name: "g",
      primary: "us-east-1",
      locations: ["us-east-1"],
    });
    expect(notes).toEqual([
      `GET ${ctx.url}: a group without "locations" (Turso deprecates the field) is taken as on one location, its primary`,
    ]);
  });
  it("with locations present, they are used as sent, and nothing is noted", () => {
    const notes: string[] = [];
    const body = '{"group":{"name":"g","primary":"fra","locations":["fra","ams"]}}';
    expect(parseGroupBody(200, body, { ...ctx, note: (m) => notes.push(m) }).locations).toEqual(["fra", "ams"]);
    expect(notes).toEqual([]);
  });
});
