#!/usr/bin/env bash
# Builds the turso-group provider plugin as a tarball for
#   pulumi plugin install resource turso-group VERSION --file TARBALL
# into DIR (default: dist/ of the repository), named as Pulumi names plugin archives
# (pulumi-resource-turso-group-v<version>-<os>-<arch>.tar.gz), and prints its path.
#
# Pulumi unpacks the tarball into ~/.pulumi/plugins/resource-turso-group-v<version>/ and runs the
# executable at its top level, pulumi-resource-turso-group. It holds, besides that launcher, the
# package as npm packs it and its production dependencies (@pulumi/pulumi, the peer dependency, at
# the version this repository is tested with), installed with `npm install --omit=dev`: the plugin
# then needs only Node.js 22 or newer on PATH. Nothing in it is native code, so the same content
# serves every os and arch; the name says the platform it was built and tested on.
#
# Needs the bootstrap of run.sh (node, npm ci); run it as `npm run plugin-tarball [-- DIR]`.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$(mkdir -p "${1:-$REPO_ROOT/dist}" && cd "${1:-$REPO_ROOT/dist}" && pwd)"
version="$(node -p 'require(process.argv[1]).version' "$REPO_ROOT/sdk/package.json")"
pulumi_version="$(node -p 'require(process.argv[1]).version' "$REPO_ROOT/node_modules/@pulumi/pulumi/package.json")"
case "$(uname -s)" in
  Linux) os=linux ;;
  Darwin) os=darwin ;;
  *) os="$(uname -s | tr '[:upper:]' '[:lower:]')" ;;
esac
case "$(uname -m)" in
  x86_64 | amd64) arch=amd64 ;;
  aarch64 | arm64) arch=arm64 ;;
  *) arch="$(uname -m)" ;;
esac
name="pulumi-resource-turso-group-v$version-$os-$arch.tar.gz"

stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/pack" "$stage/plugin"

# The package as it is published (prepack compiles it), then installed as a stranger installs it.
(cd "$REPO_ROOT" && npm pack --workspace sdk --pack-destination "$stage/pack" --loglevel=error >/dev/null)
packed="$(find "$stage/pack" -name '*.tgz')"
cat >"$stage/plugin/package.json" <<EOF
{
  "name": "pulumi-resource-turso-group",
  "version": "$version",
  "private": true,
  "description": "The turso-group Pulumi provider plugin: pulumi-turso-group and its production dependencies.",
  "dependencies": {
    "@pulumi/pulumi": "$pulumi_version",
    "pulumi-turso-group": "file:../pack/$(basename "$packed")"
  }
}
EOF
(cd "$stage/plugin" && npm install --omit=dev --no-package-lock --prefer-offline --no-audit --no-fund --loglevel=error >&2)
# package.json names the staging tarball, which is not shipped: ship what was installed instead.
node -e '
  const fs = require("node:fs");
  const file = process.argv[1];
  const pkg = JSON.parse(fs.readFileSync(file, "utf8"));
  pkg.dependencies["pulumi-turso-group"] = pkg.version;
  fs.writeFileSync(file, JSON.stringify(pkg, null, 2) + "\n");
' "$stage/plugin/package.json"

cat >"$stage/plugin/pulumi-resource-turso-group" <<'EOF'
#!/bin/sh
# The turso-group Pulumi provider plugin, as `pulumi plugin install` unpacks it: starts the package's
# own launcher, which checks for Node.js 22 or newer on PATH and runs dist/plugin/main.js.
here=$(cd "$(dirname "$0")" && pwd -P)
exec "$here/node_modules/pulumi-turso-group/plugin/pulumi-resource-turso-group" "$@"
EOF
chmod 0755 "$stage/plugin/pulumi-resource-turso-group"

# Regular files, folders and symlinks only (Pulumi's unpacker refuses hard links), owned by root,
# sorted, one date: nothing of the machine or the hour that built it.
tar -C "$stage/plugin" --sort=name --owner=0 --group=0 --numeric-owner --hard-dereference \
  --mtime=@0 -cf - pulumi-resource-turso-group package.json node_modules | gzip -n -9 >"$out/$name.tmp"
mv "$out/$name.tmp" "$out/$name"
echo "$out/$name"
