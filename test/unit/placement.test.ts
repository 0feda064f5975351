import { placementProblems, validateExpectation } from "../../sdk/src/core/placement";

describe("placementProblems", () => {
  const group = { primary: "fra", locations: ["fra", "ams"] };
  it.each([
    [{}, []],
    [{ primaryIn: ["fra", "ams"] }, []],
    [{ locationsInclude: ["ams"] }, []],
    [{ primaryIn: ["iad"] }, ['primary is "fra", expected one of ["iad"]']],
    [{ locationsInclude: ["ams", "lhr", "nrt"] }, ['locations are ["fra","ams"], missing ["lhr","nrt"]']],
  ])("%j -> %j", (expectation, problems) => {
    expect(placementProblems(group, expectation)).toEqual(problems);
  });
});

describe("validateExpectation", () => {
  it("accepts the two fields and nothing else", () => {
    expect(validateExpectation(undefined)).toBeUndefined();
    expect(validateExpectation({ primaryIn: ["fra"] })).toEqual({ primaryIn: ["fra"] });
  });
  it.each([
    [[], "expect is invalid: it must be an object."],
    [{ primary: ["fra"] }, 'expect is invalid: it has an unknown field "primary" (use primaryIn, locationsInclude).'],
    [{ primaryIn: "fra" }, "expect is invalid: expect.primaryIn must be an array of location codes."],
    [{ primaryIn: [] }, "expect is invalid: expect.primaryIn must not be empty."],
    [{ locationsInclude: [1] }, "expect is invalid: expect.locationsInclude must be an array of location codes."],
  ])("rejects %j", (value, message) => {
    expect(() => validateExpectation(value)).toThrow(message);
  });
});

describe("placementProblems with what a hostile server sends", () => {
  it("cleans every server value: no escape, control or bidirectional character, each short", () => {
    const hostile = {
      primary: "\u001b]8;;https://evil.example/\u0007fra\u001b]8;;\u0007\u001b[2J\u202e",
      locations: ["ams\u202e", `\u0085${"x".repeat(300)}`],
    };
    const [primary, locations] = placementProblems(hostile, { primaryIn: ["iad"], locationsInclude: ["lhr"] });
    expect(primary).toBe('primary is "fra", expected one of ["iad"]');
    expect(locations).toBe(`locations are ["ams","${"x".repeat(39)}…"], missing ["lhr"]`);
  });
  it("lists at most 12 locations and counts the rest", () => {
    const locations = Array.from({ length: 200 }, (_, i) => `l${i}`);
    const [problem] = placementProblems({ primary: "l0", locations }, { locationsInclude: ["lhr"] });
    expect(problem).toBe(
      `locations are [${locations
        .slice(0, 12)
        .map((l) => JSON.stringify(l))
        .join(",")}, and 188 more], missing ["lhr"]`,
    );
  });
});

describe("validateExpectation of a secret value", () => {
  it("names no field of the value", () => {
    expect(() => validateExpectation({ Sup3rSecretField: ["fra"] }, true)).toThrow(
      "expect (not shown: it may be a secret) is invalid: it has an unknown field (use primaryIn, locationsInclude).",
    );
  });
});
