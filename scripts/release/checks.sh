#!/usr/bin/env bash
# The release checks of scripts/release/check.js: the project's home is real and every SDK names it
# (the Go module path among them), one version everywhere, and no breaking schema change within a
# major version.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
[ -f "$REPO_ROOT/scripts/release/check.js" ] || missing "scripts/release/check.js" "the home, versions and schema checks of issue 32"
node "$REPO_ROOT/scripts/release/check.js" all >&2
