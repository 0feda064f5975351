#!/usr/bin/env bash
# The Java SDK's jar, sources jar (and javadoc jar, which Maven Central also requires) and pom, from
# `mvn verify` in scripts/build-java.sh.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
out="$(fresh_dir "${1:?usage: java.sh OUT_DIR}/java")"
[ -f "$REPO_ROOT/scripts/build-java.sh" ] || missing "scripts/build-java.sh" "the Java jar, sources jar and pom of issue 30"
bash "$REPO_ROOT/scripts/build-java.sh" "$out" >&2
pom="$(find "$out" -maxdepth 1 -name "*-$VERSION.pom" | head -n1)"
[ -n "$pom" ] || {
  echo "scripts/build-java.sh wrote no *-$VERSION.pom (it wrote: $(ls "$out" | tr '\n' ' '))" >&2
  exit 1
}
base="${pom%.pom}"
need_file "$base.jar" "$base-sources.jar" "$base-javadoc.jar"
# What Maven Central's validation would refuse: a missing jar, or a pom without its required parts.
bash "$(dirname "${BASH_SOURCE[0]}")/maven-bundle.sh" check "$out"
