#!/usr/bin/env bash
# Builds the generated Java SDK (plugin-sdks/java) with Maven into OUT_DIR: the jar, its sources and
# javadoc jars, and the pom, named ARTIFACT-VERSION*, ready for `mvn install:install-file`.
#
#   bash scripts/build-java.sh OUT_DIR
#
# Why Maven and this script's own pom: the generator writes Gradle build files (build.gradle,
# settings.gradle), and no Gradle is installed here; Maven is. The pom below says what build.gradle
# says: its groupId, artifactId and dependencies (com.pulumi:pulumi at the version the generator
# targets) are read from it, the version is the npm package's (sdk/package.json), and the resources
# its genPulumiResources task writes (version.txt and plugin.json under the project's name, which
# the SDK's Utilities and Pulumi's Java host read) are written the same way.
#
# Maven's local repository is the cache's maven/ folder (scripts/lib.sh): the
# first build downloads com.pulumi:pulumi, its dependencies and Maven's plugins from Maven Central;
# later builds run offline (-o) once a build of the same pom has succeeded.
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
gradle_value() { # KEY: the quoted value of `KEY = "..."` in build.gradle
  sed -n "s/^[[:space:]]*$1 = \"\(.*\)\"\$/\1/p" "$sdk/build.gradle" | head -n1
}
group_id="$(gradle_value groupId)"
artifact_id="$(gradle_value artifactId)"
plugin_name="$(sed -n 's/^[[:space:]]*name "\(.*\)"$/\1/p' "$sdk/build.gradle" | head -n1)"
project_name="$(sed -n 's/^rootProject.name = "\(.*\)"$/\1/p' "$sdk/settings.gradle")"
version="$(sed -n 's/^  "version": "\(.*\)",$/\1/p' "$here/../sdk/package.json")"
# Each `implementation("group:artifact:version")` of build.gradle, as a Maven dependency.
dependencies="$(sed -n 's/^[[:space:]]*implementation("\([^:]*\):\([^:]*\):\([^"]*\)")$/    <dependency><groupId>\1<\/groupId><artifactId>\2<\/artifactId><version>\3<\/version><\/dependency>/p' "$sdk/build.gradle")"
for v in group_id artifact_id plugin_name project_name version dependencies; do
  [ -n "${!v}" ] || {
    echo "build-java.sh: could not read $v from plugin-sdks/java/build.gradle, settings.gradle or sdk/package.json" >&2
    exit 1
  }
done

work="$out.build.$$"
rm -rf "$work"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/src/main/resources/${project_name//.//}"
cp -r "$sdk/src/main/java" "$work/src/main/java"
printf '%s\n' "$version" >"$work/src/main/resources/${project_name//.//}/version.txt"
printf '{\n  "resource": true,\n  "name": "%s",\n  "version": "%s"\n}\n' "$plugin_name" "$version" \
  >"$work/src/main/resources/${project_name//.//}/plugin.json"
description="$(sed -n 's/^[[:space:]]*description = "\(.*\)"$/\1/p' "$sdk/build.gradle" | head -n1)"
cat >"$work/pom.xml" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
         xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
  <modelVersion>4.0.0</modelVersion>
  <groupId>$group_id</groupId>
  <artifactId>$artifact_id</artifactId>
  <version>$version</version>
  <packaging>jar</packaging>
  <description>$description</description>
  <licenses>
    <license><name>The Apache License, Version 2.0</name><url>http://www.apache.org/licenses/LICENSE-2.0.txt</url></license>
  </licenses>
  <properties>
    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
    <maven.compiler.release>11</maven.compiler.release>
    <!-- A reproducible build: the same sources give the same bytes. -->
    <project.build.outputTimestamp>1980-01-01T00:00:02Z</project.build.outputTimestamp>
  </properties>
  <dependencies>
$dependencies
  </dependencies>
  <build>
    <plugins>
      <plugin><artifactId>maven-resources-plugin</artifactId><version>3.3.1</version></plugin>
      <plugin><artifactId>maven-compiler-plugin</artifactId><version>3.13.0</version></plugin>
      <plugin><artifactId>maven-surefire-plugin</artifactId><version>3.5.2</version></plugin>
      <plugin><artifactId>maven-jar-plugin</artifactId><version>3.4.2</version></plugin>
      <plugin>
        <artifactId>maven-source-plugin</artifactId><version>3.3.1</version>
        <executions><execution><id>sources</id><goals><goal>jar-no-fork</goal></goals></execution></executions>
      </plugin>
      <plugin>
        <artifactId>maven-javadoc-plugin</artifactId><version>3.11.2</version>
        <configuration>
          <doclint>none</doclint>
          <quiet>true</quiet>
          <additionalJOptions><additionalJOption>-J-XX:TieredStopAtLevel=1</additionalJOption></additionalJOptions>
        </configuration>
        <executions><execution><id>javadoc</id><goals><goal>jar</goal></goals></execution></executions>
      </plugin>
    </plugins>
  </build>
</project>
EOF

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
