# shellcheck shell=bash
# Shared by the release steps (scripts/release/*.sh): each is run by scripts/release/main.js as
#   bash scripts/release/STEP.sh OUT_DIR
# after run.sh's bootstrap, writes its artifacts into OUT_DIR/<kind>/ (emptied first), and fails with
# a message naming what went wrong. A piece another script builds that is not in this tree yet is
# reported as "missing: <script>".
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
VERSION="$(node -p 'require(process.argv[1]).version' "$REPO_ROOT/sdk/package.json")"

# fresh_dir DIR: DIR, emptied, as an absolute path.
fresh_dir() {
  rm -rf "$1"
  mkdir -p "$1"
  (cd "$1" && pwd)
}

# missing WHAT WHO: the step cannot run because WHAT (a script, an npm script) is not in this tree.
missing() {
  echo "missing: $1 ($2)" >&2
  exit 1
}

# need_file PATH...: each file exists and is not empty, or the step fails naming it.
need_file() {
  local f
  for f in "$@"; do
    [ -s "$f" ] || {
      echo "expected ${f#"$REPO_ROOT"/}, not there (the folder has: $(ls "$(dirname "$f")" 2>/dev/null | tr '\n' ' '))" >&2
      exit 1
    }
  done
}
