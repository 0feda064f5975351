#!/usr/bin/env bash
# Builds the Pulumi Java language host (pulumi-language-java, github.com/pulumi/pulumi-java/pkg)
# from the Go module proxy into $1/bin. With it on PATH the project's CLI runs `runtime: java`
# programs (examples/java, test/e2e/programs/plugin-java); it runs them with the `mvn` on PATH.
#
# Why not `go install ...@v$PULUMI_JAVA_VERSION` as for the YAML host: it fails, as `go install`
# looks up the module's deprecation in its version list, which the proxy refuses ("reading
# .../pulumi-java/pkg/@v/list: 403 Forbidden"), and pulumi-java's go.mod has replace directives,
# which `go install pkg@version` refuses too. So, as scripts/build-pulumi.sh does: a small wrapper
# module that requires pulumi-java/pkg at that exact version (the proxy serves it) and repeats its
# non-local replaces, built with `go build`.
set -euo pipefail

out="${1:?usage: build-java-host.sh OUTPUT_DIR}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=toolchain.env
source "$here/toolchain.env"

command -v go >/dev/null || {
  echo "Go is needed to build pulumi-language-java (go on PATH); install Go 1.26." >&2
  exit 1
}

module=github.com/pulumi/pulumi-java/pkg
work="$out.build.$$"
rm -rf "$work"
mkdir -p "$work/src"
trap 'rm -rf "$work"' EXIT
start=$(date +%s)
echo "==> Building pulumi-language-java v$PULUMI_JAVA_VERSION (first run only; a few minutes)" >&2
printf 'module pulumi-turso-group/java-host\n\ngo 1.26\n\nrequire %s v%s\n' "$module" "$PULUMI_JAVA_VERSION" >"$work/src/go.mod"
mod="$(cd "$work/src" && go mod download -json "$module@v$PULUMI_JAVA_VERSION" | sed -n 's/^[[:space:]]*"GoMod": "\(.*\)",*$/\1/p')"
[ -f "$mod" ] || {
  echo "Could not download $module@v$PULUMI_JAVA_VERSION's go.mod from the Go module proxy." >&2
  exit 1
}
awk '/^replace \($/ { block = 1; next }
     block && /^\)/ { block = 0; next }
     block { print; next }
     /^replace / { sub(/^replace /, ""); print }' "$mod" |
  grep -v '=>[[:space:]]*\.' |
  sed 's/^[[:space:]]*/replace /' >>"$work/src/go.mod"
printf '//go:build tools\n\npackage tools\n\nimport _ "%s/cmd/pulumi-language-java"\n' "$module" >"$work/src/tools.go"
cd "$work/src"
GOFLAGS=-mod=mod go mod tidy >&2
go build -trimpath -ldflags "-s -w" -o "$work/bin/pulumi-language-java" "$module/cmd/pulumi-language-java" >&2
rm -rf "$out/bin"
mkdir -p "$out"
mv "$work/bin" "$out/bin"
echo "==> pulumi-language-java ready in $out/bin ($(($(date +%s) - start)) s)" >&2
