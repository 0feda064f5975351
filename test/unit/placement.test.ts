import { placementProblems, validateExpectation } from "../../sdk/src/placement";

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
