#!/usr/bin/env bash
# Builds the generated Python SDK (plugin-sdks/python) into a wheel and an sdist in OUT_DIR, checks
# both with `twine check --strict`, and prints their paths, the wheel first:
#   bash scripts/build-python.sh OUT_DIR
#
# - PyPA's `build` (the pinned PYTHON_BUILD_VERSION) builds the sdist and, from the sdist, the wheel,
#   in isolated environments with the build requirements the SDK declares (setup.py's setuptools
#   today, a pyproject.toml's [build-system] once the generator writes one): the same command for both.
# - It builds from a copy of plugin-sdks/python in a temporary folder: setuptools writes build/ and
#   *.egg-info beside the sources, and the repository's tree must stay as it is.
# - The version must be sdk/package.json's. The SDK generated today carries Pulumi's placeholder
#   version 0.0.0 (its generator writes the schema's version only when told to): the copy is then
#   stamped with the npm package's version, and the script says so. Any other version that differs
#   fails the build.
# - The wheel must hold pulumi-plugin.json and py.typed: without the first, Pulumi's Python host
#   cannot name the plugin a program needs; without the second, type checkers ignore the types.
#
# build and twine come from PyPI into a virtualenv of the cache (scripts/lib.sh:
# ensure_python_build_tools), pip's downloads into $TURSO_PULUMI_CACHE/python/pip.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

[ $# -eq 1 ] || {
  echo "usage: build-python.sh OUT_DIR" >&2
  exit 2
}
out="$(mkdir -p "$1" && cd "$1" && pwd)"
ensure_python_build_tools

version="$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["version"])' "$REPO_ROOT/sdk/package.json")"
stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
cp -r "$REPO_ROOT/plugin-sdks/python" "$stage/src"

# The version the sources declare: pyproject.toml's [project] version (Pulumi's generator indents its
# keys), or else setup.py's VERSION.
declared() {
  if [ -f "$stage/src/pyproject.toml" ] && grep -qE '^ *version = "' "$stage/src/pyproject.toml"; then
    sed -nE 's/^ *version = "([^"]*)".*/\1/p' "$stage/src/pyproject.toml" | head -n1
  elif [ -f "$stage/src/setup.py" ]; then
    sed -nE 's/^VERSION = "([^"]*)".*/\1/p' "$stage/src/setup.py" | head -n1
  fi
}
found="$(declared)"
if [ "$found" = "0.0.0" ]; then
  say "plugin-sdks/python declares Pulumi's placeholder version 0.0.0: building it as $version (sdk/package.json)"
  for file in "$stage/src/setup.py" "$stage/src/pyproject.toml"; do
    [ -f "$file" ] && sed -i -E -e "s/^VERSION = \"0\.0\.0\"/VERSION = \"$version\"/" \
      -e "s/^( *)version = \"0\.0\.0\"/\1version = \"$version\"/" "$file"
  done
  found="$(declared)"
fi
if [ "$found" != "$version" ]; then
  echo "plugin-sdks/python declares version \"$found\", the npm package (sdk/package.json) \"$version\": regenerate the SDKs (npm run gen-sdk)." >&2
  exit 1
fi

say "Building the wheel and sdist of plugin-sdks/python $version"
"$PYTHON_TOOLS/bin/python" -m build --outdir "$stage/dist" "$stage/src" >"$stage/build.log" 2>&1 || {
  cat "$stage/build.log" >&2
  echo "python -m build failed (its output above)." >&2
  exit 1
}
wheel="$stage/dist/pulumi_turso_group-$version-py3-none-any.whl"
sdist="$stage/dist/pulumi_turso_group-$version.tar.gz"
for file in "$wheel" "$sdist"; do
  [ -f "$file" ] || {
    echo "python -m build made $(ls "$stage/dist"), not $(basename "$file")." >&2
    exit 1
  }
done
"$PYTHON_TOOLS/bin/python" - "$wheel" <<'EOF'
import sys, zipfile
names = set(zipfile.ZipFile(sys.argv[1]).namelist())
missing = [f for f in ("pulumi_turso_group/pulumi-plugin.json", "pulumi_turso_group/py.typed") if f not in names]
if missing:
    sys.exit(f"the wheel {sys.argv[1]} lacks {', '.join(missing)}")
EOF
"$PYTHON_TOOLS/bin/twine" check --strict "$wheel" "$sdist" >&2
cp "$wheel" "$sdist" "$out/"
printf '%s\n' "$out/$(basename "$wheel")" "$out/$(basename "$sdist")"
