import { TursoNotFoundError } from "../../sdk/src/core/errors";
import { HIDDEN, HiddenNames } from "../../sdk/src/core/lookup/hidden";

describe("HiddenNames", () => {
  it("hides each name where it stands whole, the longest first", () => {
    const hidden = new HiddenNames();
    expect(hidden.hide('group "prod" in organization "acme"')).toBe('group "prod" in organization "acme"');
    hidden.add("acme", "acme-prod", undefined, null, "");
    expect(
      hidden.hide('group "acme-prod" in organization "acme": GET http://x/v1/organizations/acme/groups/acme-prod'),
    ).toBe(`group "${HIDDEN}" in organization "${HIDDEN}": GET http://x/v1/organizations/${HIDDEN}/groups/${HIDDEN}`);
    // Part of a longer name is not the name.
    expect(hidden.hide("acmes xacme acme.io acme")).toBe(`acmes xacme acme.io ${HIDDEN}`);
  });
  it("names with regular-expression characters are taken literally", () => {
    const hidden = new HiddenNames();
    hidden.add("a.b");
    expect(hidden.hide("a.b axb")).toBe(`${HIDDEN} axb`);
  });
  it("rewrites an error's message and URL in place", () => {
    const hidden = new HiddenNames();
    hidden.add("Sup3rSecretOrg");
    const err = new TursoNotFoundError('organization "Sup3rSecretOrg" …', {
      url: "http://x/v1/organizations/Sup3rSecretOrg/groups/prod",
      attempts: 1,
      missing: "organization",
    });
    expect(hidden.hideIn(err)).toBe(err);
    expect(err.message).toBe(`organization "${HIDDEN}" …`);
    expect(err.url).toBe(`http://x/v1/organizations/${HIDDEN}/groups/prod`);
  });
});
