#!/usr/bin/env bash
# The .NET SDK as generated, copied: no machine of this project reaches NuGet, so it is neither built
# nor packed (`dotnet pack` needs Pulumi's NuGet packages), and the release does not publish it.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
out="$(fresh_dir "${1:?usage: dotnet.sh OUT_DIR}/dotnet")"
need_file "$REPO_ROOT/plugin-sdks/dotnet/Pulumi.TursoGroup.csproj"
cp -r "$REPO_ROOT/plugin-sdks/dotnet" "$out/project"
cat >"$out/NOT-BUILT.txt" <<TXT
not built: no NuGet here. project/ is plugin-sdks/dotnet as generated for version $VERSION; it is
not compiled or packed (dotnet pack needs Pulumi's packages from NuGet, which no machine of this
project reaches) and the release workflow does not publish it.
TXT
