#!/usr/bin/env bash
# Builds the generated Java SDK (plugin-sdks/java, a Maven project: gen-sdk writes its pom.xml from
# the schema, groupId io.github.<owner> from the project's home, the npm package's version) into
# OUT_DIR: the jar, its sources and javadoc jars, and the pom, named ARTIFACT-VERSION*, ready for
# `mvn install:install-file` or a Maven Central bundle (scripts/release/maven-bundle.sh).
#
#   bash scripts/build-java.sh OUT_DIR
#
# Maven's local repository is the cache's maven/ folder (scripts/lib.sh): the first build downloads
# com.pulumi:pulumi, its dependencies and Maven's plugins from Maven Central; later builds run
# offline (-o) once a build of the same pom has succeeded.
#
# Install the result into a Maven repository as any jar (the tests and examples/java install it
# into the cache's, which MAVEN_OPTS names for every mvn of this project):
#   mvn install:install-file -Dfile=OUT_DIR/turso-group-VERSION.jar -DpomFile=OUT_DIR/turso-group-VERSION.pom
set -euo pipefail

out="${1:?usage: build-java.sh OUTPUT_DIR}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
sdk="$here/../plugin-sdks/java"
# shellcheck source=lib.sh
source "$here/lib.sh" # CACHE_DIR
repo="$CACHE_DIR/maven"

command -v mvn >/dev/null || {
  echo "Maven is needed to build the Java SDK (mvn on PATH, with a JDK 11 or newer)." >&2
  exit 1
}
pom_value() { # ELEMENT: the project's own <ELEMENT> (the first at two spaces' indent) in the pom
  sed -n "s|^  <$1>\(.*\)</$1>\$|\1|p" "$sdk/pom.xml" | head -n1
}
group_id="$(pom_value groupId)"
artifact_id="$(pom_value artifactId)"
version="$(pom_value version)"
for v in group_id artifact_id version; do
  [ -n "${!v}" ] || {
    echo "build-java.sh: could not read $v from plugin-sdks/java/pom.xml (regenerate it: npm run gen-sdk)" >&2
    exit 1
  }
done

work="$out.build.$$"
rm -rf "$work"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work"
cp -r "$sdk/." "$work/"

# A short build: Maven's JVM and javadoc's with quick compilation only (about half the CPU time).
mkdir -p "$work/.mvn"
echo "-XX:TieredStopAtLevel=1" >"$work/.mvn/jvm.config"

# Offline once this pom (its plugins and dependencies) has been built with this repository.
stamp="$repo/.built-$(sha256sum "$work/pom.xml" | cut -c1-12)"
offline=()
[ -f "$stamp" ] && offline=(-o)
start=$(date +%s)
echo "==> Building the Java SDK $group_id:$artifact_id:$version with Maven (${offline[*]:-online}; repository $repo)" >&2
(cd "$work" && mvn -B -q "${offline[@]}" -Dmaven.repo.local="$repo" verify >&2)
mkdir -p "$repo"
touch "$stamp"
mkdir -p "$out"
for suffix in .jar -sources.jar -javadoc.jar; do
  cp "$work/target/$artifact_id-$version$suffix" "$out/"
done
cp "$work/pom.xml" "$out/$artifact_id-$version.pom"
# Their time too: `mvn install:install-file` skips a jar of the same size and time as the one
# installed, so reinstalling an unchanged SDK never rewrites a jar that another build is reading.
touch -d @315532802 "$out/$artifact_id-$version"*
echo "==> Java SDK in $out ($artifact_id-$version.jar, -sources.jar, -javadoc.jar, .pom; $(($(date +%s) - start)) s)" >&2
