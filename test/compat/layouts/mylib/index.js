// A library that uses pulumi-turso-group: the layout cells' program reaches the package only
// through it (scripts/compat/layouts.js gives it its own copy of the package under test).
"use strict";
const turso = require("pulumi-turso-group");

// One group, read through the library's copy.
exports.prod = () => turso.getGroupOutput({ organization: "acme", group: "prod" });

// ifExists: an absent group is undefined, not a failure (an older copy's code ignored it).
exports.maybe = () =>
  turso
    .getGroupOutput({ organization: "acme", group: "nope", ifExists: true })
    .apply((group) => (group === undefined ? "absent" : group.primary));

// getGroupsOutput: the list lookup (an older copy's code failed it).
exports.names = () => turso.getGroupsOutput({ organization: "acme" }).groups.apply((gs) => gs.map((g) => g.name));
