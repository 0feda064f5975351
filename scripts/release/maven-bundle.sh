#!/usr/bin/env bash
# The Java SDK as Maven Central takes it (the Central Portal's rules for a release):
#   maven-bundle.sh check DIR           DIR holds ARTIFACT-VERSION.jar, -sources.jar, -javadoc.jar and
#                                       .pom, and the pom has what Central requires (coordinates,
#                                       name, description, url, a license, a developer, scm)
#   maven-bundle.sh bundle DIR OUT.zip  the check, then OUT.zip: those files under
#                                       <groupId as folders>/<artifactId>/<version>/, each with its
#                                       .md5, .sha1 and a detached signature (.asc) made with the
#                                       default key of gpg (passphrase in MAVEN_GPG_PASSPHRASE, if any)
# The release workflow uploads OUT.zip to https://central.sonatype.com/api/v1/publisher/upload.
set -euo pipefail

mode="${1:-}"
dir="${2:-}"
[ "$mode" = check ] || [ "$mode" = bundle ] || {
  echo "usage: maven-bundle.sh check DIR | bundle DIR OUT.zip" >&2
  exit 2
}
pom="$(find "$dir" -maxdepth 1 -name '*.pom' | head -n1)"
[ -n "$pom" ] || {
  echo "no .pom in $dir" >&2
  exit 1
}
# groupId artifactId version, or the elements Central requires that the pom lacks.
read -r group artifact version < <(python3 - "$pom" <<'PY'
import sys
import xml.etree.ElementTree as ET
ns = {"m": "http://maven.apache.org/POM/4.0.0"}
root = ET.parse(sys.argv[1]).getroot()
def text(path):
    node = root.find(path, ns)
    return (node.text or "").strip() if node is not None else ""
required = ["m:groupId", "m:artifactId", "m:version", "m:name", "m:description", "m:url",
            "m:licenses/m:license/m:name", "m:developers/m:developer", "m:scm/m:url"]
missing = [p.replace("m:", "") for p in required
           if (root.find(p, ns) is None) or (p != "m:developers/m:developer" and not text(p))]
if missing:
    sys.exit(f"{sys.argv[1]} lacks what Maven Central requires: {', '.join(missing)}")
print(text("m:groupId"), text("m:artifactId"), text("m:version"))
PY
)
base="$dir/$artifact-$version"
[ "$pom" = "$base.pom" ] || {
  echo "the pom is $(basename "$pom"), expected $artifact-$version.pom" >&2
  exit 1
}
for f in "$base.jar" "$base-sources.jar" "$base-javadoc.jar"; do
  [ -s "$f" ] || {
    echo "Maven Central needs $(basename "$f") beside the pom: not in $dir" >&2
    exit 1
  }
done
[ "$mode" = check ] && exit 0

out="$(cd "$(dirname "${3:?usage: maven-bundle.sh bundle DIR OUT.zip}")" && pwd)/$(basename "$3")"
stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
into="$stage/${group//.//}/$artifact/$version"
mkdir -p "$into"
cp "$base.jar" "$base-sources.jar" "$base-javadoc.jar" "$base.pom" "$into/"
for f in "$into"/*; do
  md5sum "$f" | cut -d' ' -f1 | tr -d '\n' >"$f.md5"
  sha1sum "$f" | cut -d' ' -f1 | tr -d '\n' >"$f.sha1"
  gpg --batch --yes --pinentry-mode loopback --passphrase "${MAVEN_GPG_PASSPHRASE:-}" --armor --detach-sign "$f"
done
rm -f "$out"
(cd "$stage" && zip -qr -X "$out" .)
echo "$out"
