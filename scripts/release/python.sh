#!/usr/bin/env bash
# The Python SDK's wheel and sdist, built and checked with `twine check` by scripts/build-python.sh.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
out="$(fresh_dir "${1:?usage: python.sh OUT_DIR}/python")"
[ -f "$REPO_ROOT/scripts/build-python.sh" ] || missing "scripts/build-python.sh" "the Python wheel and sdist of issue 30"
bash "$REPO_ROOT/scripts/build-python.sh" "$out" >/dev/null
need_file "$out/pulumi_turso_group-$VERSION-py3-none-any.whl" "$out/pulumi_turso_group-$VERSION.tar.gz"
