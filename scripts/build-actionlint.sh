#!/usr/bin/env bash
# Builds actionlint (github.com/rhysd/actionlint, the GitHub Actions workflow linter) from the Go
# module proxy into $1/bin. `npm test` runs it on every workflow file of the repository.
#
# Why a build: no registry this project can reach ships an actionlint binary; the module proxy
# serves its source, and actionlint's go.mod has no replace directives, so `go install` works.
set -euo pipefail

out="${1:?usage: build-actionlint.sh OUTPUT_DIR}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=toolchain.env
source "$here/toolchain.env"

command -v go >/dev/null || {
  echo "Go is needed to build actionlint (go on PATH); install Go 1.26." >&2
  exit 1
}

work="$out.build.$$"
rm -rf "$work"
trap 'rm -rf "$work"' EXIT
start=$(date +%s)
echo "==> Building actionlint v$ACTIONLINT_VERSION (first run only)" >&2
GOBIN="$work/bin" GOFLAGS=-mod=mod go install -trimpath -ldflags "-s -w" \
  "github.com/rhysd/actionlint/cmd/actionlint@v$ACTIONLINT_VERSION" >&2
"$work/bin/actionlint" -version >&2
rm -rf "$out/bin"
mkdir -p "$out"
mv "$work/bin" "$out/bin"
echo "==> actionlint ready in $out/bin ($(($(date +%s) - start)) s)" >&2
