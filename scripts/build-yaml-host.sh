#!/usr/bin/env bash
# Builds the Pulumi YAML language host (pulumi-language-yaml, github.com/pulumi/pulumi-yaml) from the
# Go module proxy into $1/bin. With it on PATH the project's CLI runs `runtime: yaml` programs
# (examples/yaml, and the provider plugin's end-to-end tests).
#
# Why a build: the CLI we build (scripts/build-pulumi.sh) carries no language host but Node.js's, and
# no registry this project can reach ships pulumi-language-yaml. The module proxy serves pulumi-yaml,
# whose go.mod has no replace directives, so `go install` works (it pulls pulumi/pkg/v3 and sdk/v3 at
# the versions pulumi-yaml requires, independent of the CLI's own build).
set -euo pipefail

out="${1:?usage: build-yaml-host.sh OUTPUT_DIR}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=toolchain.env
source "$here/toolchain.env"

command -v go >/dev/null || {
  echo "Go is needed to build pulumi-language-yaml (go on PATH); install Go 1.26." >&2
  exit 1
}

work="$out.build.$$"
rm -rf "$work"
trap 'rm -rf "$work"' EXIT
start=$(date +%s)
echo "==> Building pulumi-language-yaml v$PULUMI_YAML_VERSION (first run only; a few minutes)" >&2
GOBIN="$work/bin" GOFLAGS=-mod=mod go install -trimpath -ldflags "-s -w" \
  "github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml@v$PULUMI_YAML_VERSION" >&2
[ -x "$work/bin/pulumi-language-yaml" ]
rm -rf "$out/bin"
mkdir -p "$out"
mv "$work/bin" "$out/bin"
echo "==> pulumi-language-yaml ready in $out/bin ($(($(date +%s) - start)) s)" >&2
