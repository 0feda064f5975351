// The publish gate of `npm run release -- --publish`: publishing happens only in the release
// workflow, from the tag of this version, in the project's own repository, whose home is real.
// Every reason to refuse is listed, not only the first.
"use strict";
const { spawnSync } = require("node:child_process");
const { existsSync } = require("node:fs");
const path = require("node:path");

const REPO = path.resolve(__dirname, "..", "..");

/**
 * The project's home as sdk/package.json of the repository root names it, checked by the home check
 * (scripts/release/check.js home: a real GitHub repository, no placeholder, every SDK naming it),
 * or the reason there is none to publish to.
 */
function home(root) {
  const check = path.join(REPO, "scripts", "release", "check.js");
  if (!existsSync(check))
    return { problem: "missing: scripts/release/check.js (the home check): cannot check the home" };
  const r = spawnSync(process.execPath, [check, "home", "--root", root], { encoding: "utf8" });
  if (r.status !== 0) return { problem: `the home check fails: ${(r.stdout + r.stderr).trim()}` };
  const { homeOf } = require(path.join(REPO, "sdk", "dist", "plugin", "home.js"));
  return { home: homeOf(require(path.join(root, "sdk", "package.json")).repository.url) };
}

/**
 * Why `--publish` must refuse in the environment env for the repository at root (default: this
 * one); an empty list: go ahead.
 */
function refusals(env, root = REPO) {
  const version = require(path.join(root, "sdk", "package.json")).version;
  const reasons = [];
  const found = home(root);
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
