#!/usr/bin/env bash
# The plugin's archives, one per platform Pulumi downloads, and SHA256SUMS, from
# `npm run plugin-archives -- DIR`; then every sum is checked and every platform is there.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
out="$(fresh_dir "${1:?usage: plugin.sh OUT_DIR}/plugin")"
script="$(node -p 'require(process.argv[1]).scripts["plugin-archives"] ?? ""' "$REPO_ROOT/package.json")"
[ -n "$script" ] || missing "npm run plugin-archives" "package.json has no plugin-archives script: the standalone plugin executables of issue 31"
(cd "$REPO_ROOT" && npm run --silent plugin-archives -- "$out" >&2)
need_file "$out/SHA256SUMS"
for platform in linux-amd64 linux-arm64 darwin-amd64 darwin-arm64 windows-amd64; do
  name="pulumi-resource-turso-group-v$VERSION-$platform.tar.gz"
  need_file "$out/$name"
  grep -qE "^[0-9a-f]{64}  $name\$" "$out/SHA256SUMS" || {
    echo "SHA256SUMS has no line for $name" >&2
    exit 1
  }
done
(cd "$out" && sha256sum --check --strict --quiet SHA256SUMS >&2) || {
  echo "an archive does not match its line in SHA256SUMS" >&2
  exit 1
}
