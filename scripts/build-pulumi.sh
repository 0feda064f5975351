#!/usr/bin/env bash
# Builds the Pulumi CLI and the Node.js language host from the Go module proxy into $1/bin.
#
# Why a build: no registry this project can reach ships a prebuilt CLI (the npm package `pulumi`
# downloads one at run time from a site that is out of reach).
#
# Why $PULUMI_CLI_VERSION and not the @pulumi/pulumi version: the module proxy serves the source
# of github.com/pulumi/pulumi/pkg/v3 only for some releases (v3.270.0's zip answers 403), so the
# CLI is the newest release it does serve. A newer CLI runs programs of an older SDK.
#
# pkg/go.mod carries `replace` directives, so `go install pkg@version` refuses it: we build from a
# small wrapper module that requires pkg/v3 and sdk/v3 at one version and repeats pkg's
# non-local replaces, read from pkg's go.mod at that version. The version is stamped with
# -ldflags, or `pulumi version` prints nothing.
#
# The language host is scripts/langhost/main.go, not Pulumi's: the proxy serves no version of
# github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3 (see that file's comment).
set -euo pipefail

out="${1:?usage: build-pulumi.sh OUTPUT_DIR}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=toolchain.env
source "$here/toolchain.env"

command -v go >/dev/null || {
  echo "Go is needed to build the Pulumi CLI (go on PATH); install Go 1.26 or put a pulumi v$PULUMI_CLI_VERSION on PATH." >&2
  exit 1
}

v="v$PULUMI_CLI_VERSION"
work="$out.build.$$"
rm -rf "$work"
mkdir -p "$work/src"
trap 'rm -rf "$work"' EXIT

cat >"$work/src/go.mod" <<EOF
module pulumi-turso-group/toolchain

go 1.26

require (
	github.com/pulumi/pulumi/pkg/v3 $v
	github.com/pulumi/pulumi/sdk/v3 $v
)
EOF
echo "==> Resolving Pulumi $v modules (first run only; this downloads a few hundred modules)" >&2
# pkg's own non-local replaces, read from its go.mod at $v (its local ones, `=> ./...` or
# `=> ../...`, point into Pulumi's repository and do not apply to a dependency).
pkg_mod="$(cd "$work/src" && go mod download -json "github.com/pulumi/pulumi/pkg/v3@$v" | sed -n 's/^[[:space:]]*"GoMod": "\(.*\)",*$/\1/p')"
[ -f "$pkg_mod" ] || {
  echo "Could not download github.com/pulumi/pulumi/pkg/v3@$v's go.mod from the Go module proxy." >&2
  exit 1
}
awk '/^replace \($/ { block = 1; next }
     block && /^\)/ { block = 0; next }
     block { print; next }
     /^replace / { sub(/^replace /, ""); print }' "$pkg_mod" |
  grep -v '=>[[:space:]]*\.' |
  sed 's/^[[:space:]]*/replace /' >>"$work/src/go.mod"
mkdir -p "$work/src/langhost"
cp "$here/langhost/main.go" "$work/src/langhost/main.go"
cat >"$work/src/tools.go" <<'EOF'
//go:build tools

package tools

import _ "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi"
EOF

start=$(date +%s)
cd "$work/src"
GOFLAGS=-mod=mod go mod tidy >&2
ldflags="-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$v"
echo "==> Building pulumi $v (first run only; several minutes on 2 cores)" >&2
go build -trimpath -ldflags "$ldflags" -o "$work/bin/pulumi" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi
echo "==> Building pulumi-language-nodejs (scripts/langhost)" >&2
go build -trimpath -ldflags "$ldflags" -o "$work/bin/pulumi-language-nodejs" ./langhost
"$work/bin/pulumi" version >&2

rm -rf "$out/bin"
mkdir -p "$out"
mv "$work/bin" "$out/bin"
echo "==> Pulumi CLI ready in $out/bin ($(($(date +%s) - start)) s)" >&2
