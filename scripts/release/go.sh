#!/usr/bin/env bash
# The Go SDK: a copy of plugin-sdks/go as the tag will publish it (OUT_DIR/go/module), checked with
# `go vet ./...` and `go mod verify`; the tag that publishes it (OUT_DIR/go/TAG: a module in a
# sub-folder is tagged <folder>/v<version>); and a Go module proxy folder (OUT_DIR/go/proxy, for
# GOPROXY=file://...) serving that version, zipped by scripts/release/gomodproxy, built by run.sh.
# (That the module path is the home's, where go get finds the tag, is checks.sh's.)
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
out="$(fresh_dir "${1:?usage: go.sh OUT_DIR}/go")"
folder="plugin-sdks/go"
command -v turso-group-gomodproxy >/dev/null || {
  echo "turso-group-gomodproxy is not on PATH: run the release as npm run release (run.sh builds it)" >&2
  exit 1
}
cp -r "$REPO_ROOT/$folder" "$out/module"
(cd "$out/module" && GOFLAGS=-mod=readonly go vet ./... >&2 && go mod verify >&2)

# The .info time is the commit's, so that the same commit gives the same proxy files.
when="$(TZ=UTC git -C "$REPO_ROOT" log -1 --format=%cd --date=format-local:%Y-%m-%dT%H:%M:%SZ 2>/dev/null || echo 1970-01-01T00:00:00Z)"
turso-group-gomodproxy -version "v$VERSION" -time "$when" -out "$out/proxy" "$out/module" >"$out/go.sum"
echo "$folder/v$VERSION" >"$out/TAG"
module="$(cd "$out/module" && go list -m)"
echo "Go module $module v$VERSION: tag $folder/v$VERSION" >&2

