#!/usr/bin/env bash
# go-install.sh OUTPUT_DIR MODULE VERSION PACKAGE BINARY [LDFLAGS]
#
# Builds the package PACKAGE ("./cmd/x", or "." for the module's root) of the Go module MODULE at
# VERSION, from the Go module proxy, into OUTPUT_DIR/bin/BINARY. scripts/lib.sh's go_install runs
# it (under the tool's lock) for the Pulumi CLI, actionlint, the Pulumi YAML language host, and
# any other tool that a Go module ships; LDFLAGS are added to `-s -w` (the CLI's version stamp).
#
# Why not `go install MODULE/PACKAGE@VERSION`: it refuses a module whose go.mod has replace
# directives (github.com/pulumi/pulumi/pkg/v3 and github.com/pulumi/pulumi-java/pkg have some). So
# the build runs in a small wrapper module that requires MODULE@VERSION and repeats its non-local
# replaces, read from its go.mod at VERSION (the local ones, `=> ./...` or `=> ../...`, point into
# the module's own repository and do not apply to a dependency). For a module without replaces
# this builds what `go install` builds: the module's own requirements decide every version.
#
# The build goes into OUTPUT_DIR.build.<pid> and is renamed to OUTPUT_DIR when complete, so that
# OUTPUT_DIR/bin/BINARY exists only when whole.
set -euo pipefail

usage="usage: go-install.sh OUTPUT_DIR MODULE VERSION PACKAGE BINARY [LDFLAGS]"
out="${1:?$usage}"
module="${2:?$usage}"
version="${3:?$usage}"
package="${4:?$usage}"
binary="${5:?$usage}"
ldflags="${6:-}"
case "$package" in
  .) path="$module" ;;
  ./*) path="$module/${package#./}" ;;
  *)
    echo "go-install.sh: PACKAGE must be \".\" or start with \"./\" (a folder of $module), not \"$package\"" >&2
    exit 2
    ;;
esac

command -v go >/dev/null || {
  echo "Go is needed to build $binary ($module@$version) (go on PATH); install Go 1.26." >&2
  exit 1
}

work="$out.build.$$"
rm -rf "$work"
mkdir -p "$work/src"
trap 'rm -rf "$work"' EXIT
start=$(date +%s)
echo "==> Building $binary from $path@$version into $out (first run only; a few minutes)" >&2
cd "$work/src"
printf 'module go-install.local/%s\n\ngo 1.26\n' "$binary" >go.mod
mod_file="$(go mod download -json "$module@$version" | sed -n 's/^[[:space:]]*"GoMod": "\(.*\)",*$/\1/p')"
[ -f "$mod_file" ] || {
  echo "Could not download $module@$version's go.mod from the Go module proxy." >&2
  exit 1
}
awk '/^replace \($/ { block = 1; next }
     block && /^\)/ { block = 0; next }
     block { print; next }
     /^replace / { sub(/^replace /, ""); print }' "$mod_file" |
  { grep -v '=>[[:space:]]*\.' || true; } |
  sed 's/^[[:space:]]*/replace /' >>go.mod
# go get lists every module it adds (hundreds for the CLI): shown only when it fails.
GOFLAGS=-mod=mod go get "$path@$version" >get.log 2>&1 || {
  code=$?
  cat get.log >&2
  exit "$code"
}
GOFLAGS=-mod=mod go build -trimpath -ldflags "-s -w $ldflags" -o "$work/bin/$binary" "$path" >&2
rm -rf "$work/src"
rm -rf "$out"
mkdir -p "$(dirname "$out")"
mv "$work" "$out"
echo "==> $binary ready in $out/bin ($(($(date +%s) - start)) s)" >&2
