#!/usr/bin/env bash
# The npm package: `npm pack ./sdk` (its prepack compiles it) into OUT_DIR/npm, then the registry's
# own check of that very tarball, `npm publish --dry-run` (no upload, no credentials).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
out="$(fresh_dir "${1:?usage: npm.sh OUT_DIR}/npm")"
(cd "$REPO_ROOT" && npm pack ./sdk --pack-destination "$out" --loglevel=error >/dev/null)
tarball="$out/pulumi-turso-group-$VERSION.tgz"
need_file "$tarball"
# From the tarball's own folder: the workspace root's package.json is private and not what is published.
(cd "$out" && npm publish --dry-run "$tarball" --loglevel=warn 2>&1 | tail -n 3 >&2)
