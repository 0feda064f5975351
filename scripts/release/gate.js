// The publish gate of `npm run release -- --publish`: publishing happens only in the release
// workflow, from the tag of this version, in the project's own repository, whose home is real.
// Every reason to refuse is listed, not only the first.
"use strict";
const { existsSync } = require("node:fs");
const path = require("node:path");

const REPO = path.resolve(__dirname, "..", "..");

// Owners and names that only stand for one (templates, docs): a home named so is not a home.
const PLACEHOLDER = /^(owner|org|user|your[-_]?(org|organization|name|user|owner)?|example|changeme|todo)$/i;

/** sdk/package.json: its version and repository field. */
const manifest = () => require(path.join(REPO, "sdk", "package.json"));

/**
 * The project's home as the package that names it (sdk/src/plugin/home.ts) reads the repository
 * field of pkg (sdk/package.json), or the reason there is none to publish to.
 */
function home(pkg) {
  const url = pkg.repository?.url ?? "";
  const module = path.join(REPO, "sdk", "dist", "plugin", "home.js");
  if (!existsSync(module)) {
    return { problem: "missing: sdk/src/plugin/home.ts (the project's home, helper packages): cannot check it" };
  }
  try {
    const found = require(module).homeOf(url);
    if (PLACEHOLDER.test(found.owner) || PLACEHOLDER.test(found.repo)) {
      return { problem: `the home ${found.url} (sdk/package.json's repository field) is a placeholder` };
    }
    return { home: found };
  } catch (error) {
    return { problem: `the home is not a real one: ${error.message}` };
  }
}

/**
 * Why `--publish` must refuse in the environment env for the package pkg (default: sdk/package.json);
 * an empty list: go ahead.
 */
function refusals(env, pkg = manifest()) {
  const version = pkg.version;
  const reasons = [];
  const found = home(pkg);
  if (found.problem) reasons.push(found.problem);
  if (env.GITHUB_ACTIONS !== "true") reasons.push("not in GitHub Actions (GITHUB_ACTIONS is not true)");
  if (env.GITHUB_REF !== `refs/tags/v${version}`) {
    reasons.push(`GITHUB_REF is ${JSON.stringify(env.GITHUB_REF ?? "")}, not refs/tags/v${version} (sdk/package.json)`);
  }
  if (found.home && env.GITHUB_REPOSITORY !== `${found.home.owner}/${found.home.repo}`) {
    reasons.push(
      `GITHUB_REPOSITORY is ${JSON.stringify(env.GITHUB_REPOSITORY ?? "")}, not the home ` +
        `${found.home.owner}/${found.home.repo}: a fork does not publish`,
    );
  }
  if (!env.GITHUB_TOKEN) reasons.push("no GITHUB_TOKEN: the workflow's credentials are not here");
  return reasons;
}

module.exports = { refusals };
