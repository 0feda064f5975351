#!/usr/bin/env node
// Reads `pulumi stack output --json` on stdin and checks the group's placement against
// EXPECTED_PRIMARY (one location, or several separated by commas) and EXPECTED_LOCATIONS (each
// must be present). With EXPECTED_EVERY_PRIMARY (locations separated by commas) or
// EXPECTED_EVERY_CLOUD (clouds: aws, fly, unknown), it also checks every group of the organization
// (the `groups` output) in the same way. Exits 1 with a message saying what was expected and what
// was found.
"use strict";

let input = "";
process.stdin.on("data", (d) => (input += d));
process.stdin.on("end", () => {
  let outputs;
  try {
    outputs = JSON.parse(input);
  } catch {
    fail(`stack outputs are not JSON: ${JSON.stringify(input.slice(0, 80))}`);
  }
  const { primary, locations } = outputs;
  if (typeof primary !== "string" || !Array.isArray(locations)) {
    fail("the stack exports no primary/locations: did pulumi up run?");
  }
  const list = (name) =>
    (process.env[name] || "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
  const wantPrimary = list("EXPECTED_PRIMARY");
  const wantLocations = list("EXPECTED_LOCATIONS");
  const problems = [];
  if (wantPrimary.length > 0 && !wantPrimary.includes(primary)) {
    problems.push(`primary is "${primary}", expected ${wantPrimary.map((p) => `"${p}"`).join(" or ")}`);
  }
  const missing = wantLocations.filter((l) => !locations.includes(l));
  if (missing.length > 0) problems.push(`locations ${JSON.stringify(locations)} lack ${JSON.stringify(missing)}`);
  if (problems.length > 0) fail(`the group is not placed as this pipeline expects: ${problems.join("; ")}`);
  console.log(`placement ok: primary "${primary}", locations ${JSON.stringify(locations)}`);
  checkEveryGroup(outputs.groups, list("EXPECTED_EVERY_PRIMARY"), list("EXPECTED_EVERY_CLOUD"));
});

function checkEveryGroup(groups, wantPrimary, wantCloud) {
  if (wantPrimary.length === 0 && wantCloud.length === 0) return;
  if (!Array.isArray(groups)) fail("the stack exports no groups: did pulumi up run?");
  const problems = [];
  for (const { name, primary, primaryRegion } of groups) {
    if (wantPrimary.length > 0 && !wantPrimary.includes(primary)) {
      problems.push(
        `group "${name}" has primary "${primary}", expected ${wantPrimary.map((p) => `"${p}"`).join(" or ")}`,
      );
    }
    if (wantCloud.length > 0 && !wantCloud.includes(primaryRegion.cloud)) {
      problems.push(
        `group "${name}" runs on ${primaryRegion.cloud} ("${primary}"), expected ${wantCloud.join(" or ")}`,
      );
    }
  }
  if (problems.length > 0) fail(`not every group is placed as this pipeline expects: ${problems.join("; ")}`);
  console.log(`every group ok: ${groups.map((g) => `${g.name} "${g.primary}"`).join(", ")}`);
}

function fail(message) {
  console.error(`check-placement: ${message}`);
  process.exit(1);
}
