import fc from "fast-check";
import { closest, distance } from "../../sdk/src/core/lookup/suggest";

describe("closest: the name a misspelt one meant", () => {
  it("finds a group a letter or two away, case ignored", () => {
    expect(closest("prd", ["prod", "staging"])).toBe("prod");
    expect(closest("Prod", ["prod", "staging"])).toBe("prod");
    expect(closest("stagign", ["prod", "staging"])).toBe("staging");
    expect(closest("defualt", ["default"])).toBe("default");
  });

  it("suggests nothing when nothing is close, when two are equally close, or for the name itself", () => {
    expect(closest("zzzzz", ["prod", "staging"])).toBeUndefined();
    expect(closest("eu-1", ["eu-2", "eu-3"])).toBeUndefined();
    expect(closest("prod", ["prod"])).toBeUndefined();
    expect(closest("prod", [])).toBeUndefined();
  });

  it("takes the closest of several within reach", () => {
    expect(closest("prods", ["prod-eu", "prod"])).toBe("prod");
  });

  it("never suggests a name further than max edits", () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 8 }),
        fc.array(fc.string({ maxLength: 8 }), { maxLength: 6 }),
        (name, names) => {
          const meant = closest(name, names);
          if (meant === undefined) return;
          expect(names).toContain(meant);
          expect(meant).not.toBe(name);
          expect(distance(name.toLowerCase(), meant.toLowerCase(), 2)).toBeLessThanOrEqual(2);
        },
      ),
    );
  });
});
