# shellcheck shell=bash
# Shared set-up for every project command (npm test, npm run demo, npm run pulumi, ...).
#
# Each ensure_* step is idempotent: it reuses what an earlier run left in the cache and only
# does work the first time. A failing step stops the command with a message naming the step.
#
# Cache (outside the repo, shared by every clone on this machine):
#   ${TURSO_PULUMI_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-turso-group}
#     node/<version>/               Node.js 22 from the npm registry (node-linux-<arch>), when the
#                                   machine's node is older; the compatibility matrix's Node.js lines
#     pnpm/<version>/               pnpm from the npm registry (npm run compat's layout cells)
#     pulumi/<version>/bin/         pulumi, built from the Go module proxy, and pulumi-resource-pulumi-nodejs
#                                   (unless a pulumi >= PULUMI_MIN_VERSION and a pulumi-language-nodejs
#                                   are on PATH)
#     nodejs-host/<hash>/bin/       pulumi-language-nodejs, scripts/langhosts/nodejs built (with that CLI)
#     dynamic-provider/bin/         pulumi-resource-pulumi-nodejs, when your own CLI lacks it
#     actionlint/<version>/bin/     actionlint (npm test only)
#     yaml-host/<version>/bin/      pulumi-language-yaml, for `runtime: yaml` programs (examples/yaml)
#     java-host/<version>/bin/      pulumi-language-java, for `runtime: java` programs (examples/java)
#     maven/                        Maven's local repository (MAVEN_OPTS): com.pulumi:pulumi, Maven's
#                                   plugins, the Java SDK as scripts/build-java.sh builds it
#     go-host/<hash>/bin/           pulumi-language-go, scripts/langhosts/go built (npm test only)
#     bun/<version>/                Bun from the npm registry, when no bun is on PATH (npm test only)
#     bun-host/<hash>/bin/          pulumi-language-bun, scripts/langhosts/bun built (npm test only)
#     python-host/<hash>/bin/       pulumi-language-python, scripts/langhosts/python built (npm test only)
#     python/pip/                   pip's HTTP cache (PIP_CACHE_DIR)
#     python/wheels/                the wheels pinned (Pulumi's Python SDK, build, twine), pip's PIP_FIND_LINKS
#     python/build-tools/           a virtualenv with build and twine (scripts/build-python.sh)
#     pyright/<version>/            pyright from the npm registry (npm test only)
#     gen-sdk/<hash>/bin/           turso-group-gen-sdk, scripts/gen-sdk built (npm run gen-sdk, npm test)
#     locks/<tool>.lock             one lock per folder above; npm-ci-<clone>.lock and build-<clone>.lock
#                                   for the steps that write into a clone (npm ci, sdk/dist)
# <hash> covers the sources of the Go module built (go_tool_build); <version> is a pinned release
# (scripts/toolchain.env), installed by npm_tool or built by go_install (scripts/go-install.sh).
#
# Two runs at once (two clones, two terminals, parallel CI jobs on one machine) share the cache:
#   - every step that reads or fills a tool's folder holds that tool's lock while it does (flock on
#     locks/<tool>.lock; with_lock): a second run of the same step waits, then uses the first one's
#     result. Steps of different tools run side by side;
#   - an install or build goes into <tool>/<key>.tmp.<pid> or <key>.build.<pid> and is renamed to
#     <tool>/<key> when complete: <tool>/<key>/bin/<binary> exists only when whole;
#   - a run stamps <tool>/<key>/.used each time it sets up that build. Builds of other keys (another
#     clone's sources, another version) are kept: after a new build, under the lock, prune_builds
#     removes only those unused for $TURSO_PULUMI_CACHE_PRUNE_DAYS days (default 30) that no running
#     process executes from, and leftover .build.<pid>/.tmp.<pid> folders whose process is gone and
#     that are an hour old. A build another run may be using is never removed.
#     gomodproxy/<hash>/bin/        turso-group-gomodproxy, scripts/release/gomodproxy built (npm run release)

# -E (errtrace): the ERR trap below also runs inside functions, where every ensure_* step fails;
# without it a failing step exited with its status but without its message and hint.
set -Eeuo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=toolchain.env
source "$REPO_ROOT/scripts/toolchain.env"
CACHE_DIR="${TURSO_PULUMI_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-turso-group}"
CURRENT_STEP=""

say() { printf '\033[1m==>\033[0m %s\n' "$*" >&2; }

on_error() {
  local code=$?
  # With -E a subshell of a step ( (cd ... && npm ci) ) runs this trap too: only the shell that
  # sourced this file reports, once, when the subshell's failure reaches it.
  if [ -n "$CURRENT_STEP" ] && [ "$BASHPID" = "$$" ]; then
    printf '\nset-up step "%s" failed (exit %s).\n' "$CURRENT_STEP" "$code" >&2
    [ -n "${STEP_HINT:-}" ] && printf '%s\n' "$STEP_HINT" >&2
  fi
  exit "$code"
}
trap on_error ERR

step() {
  CURRENT_STEP="$1"
  STEP_HINT="${2:-}"
}

step_done() {
  CURRENT_STEP=""
  STEP_HINT=""
}

node_major() { "$1" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

# with_lock NAME COMMAND [ARGS...]: runs COMMAND (a function of this file, in this shell) holding
# the lock of the cache folder NAME, $CACHE_DIR/locks/NAME.lock; another run holding it is waited
# for. The lock goes with the shell when a failing step ends it.
with_lock() {
  local name="$1" fd
  shift
  mkdir -p "$CACHE_DIR/locks"
  exec {fd}>"$CACHE_DIR/locks/$name.lock"
  if ! flock -n "$fd"; then
    say "Waiting for another run's set-up of $name (lock $CACHE_DIR/locks/$name.lock)"
    flock "$fd"
  fi
  # A failure ends the shell (errexit), and the lock with it. Where errexit does not apply (a
  # caller's `if` or `||`), the status is returned once the lock is let go.
  "$@"
  local code=$?
  exec {fd}>&-
  return "$code"
}

# True when a running process executes a program from the folder $1 (the cache's builds are used
# by their owner's user, whose processes /proc shows).
executing_from() {
  [ -n "$(find /proc/[0-9]*/exe -maxdepth 0 -lname "$1/*" -print -quit 2>/dev/null)" ]
}

# prune_builds FOLDER KEEP: with FOLDER's lock held, removes from FOLDER ($CACHE_DIR/<tool>) the
# builds other than KEEP that are unused ($build/.used, else the folder itself, untouched) for
# $TURSO_PULUMI_CACHE_PRUNE_DAYS days (default 30), and the leftovers of interrupted builds
# (<key>.build.<pid>, <key>.tmp.<pid>) whose process is gone and which are an hour old; never a
# folder a running process executes from. What another run may be using stays.
prune_builds() {
  local days="${TURSO_PULUMI_CACHE_PRUNE_DAYS:-30}" d name stamp
  for d in "$1"/*/; do
    [ -d "$d" ] || continue
    d="${d%/}"
    name="${d##*/}"
    [ "$name" = "$2" ] && continue
    case "$name" in
      *.build.* | *.tmp.*)
        [ -d "/proc/${name##*.}" ] && continue
        [ -n "$(find "$d" -maxdepth 0 -mmin +60)" ] || continue
        ;;
      *)
        stamp="$d/.used"
        [ -e "$stamp" ] || stamp="$d"
        [ -n "$(find "$stamp" -maxdepth 0 -mmin +"$((days * 1440))")" ] || continue
        ;;
    esac
    executing_from "$d" && continue
    say "Removing $d from the cache (unused for $days days, or left by an interrupted run)"
    rm -rf "$d"
  done
}

# into_cache DIR KIND COMMAND...: runs COMMAND, which fills the new folder DIR.KIND.<pid> (KIND: tmp
# or build), and renames that folder to DIR when COMMAND succeeds (removes it when it fails); then
# prunes DIR's neighbours (prune_builds). With DIR's tool's lock held.
into_cache() {
  local dir="$1" work="$1.$2.$$" code=0
  shift 2
  rm -rf "$work"
  mkdir -p "$work"
  "$@" >&2 || code=$?
  if [ "$code" != 0 ]; then
    rm -rf "$work"
    return "$code"
  fi
  rm -rf "$dir"
  mv "$work" "$dir"
  prune_builds "$(dirname "$dir")" "$(basename "$dir")"
}

# npm_tool NAME PACKAGE VERSION COMMAND [WHY]: the npm package PACKAGE@VERSION from the npm
# registry, installed into $CACHE_DIR/NAME/VERSION once (under NAME's lock); sets NPM_TOOL to
# COMMAND's path inside it (node_modules/...). The one installer of binaries that npm ships:
# Node.js (node-linux-<arch>), Bun (@oven/bun-linux-<arch>), and scripts/compat/matrix.js's Node.js
# lines and pnpm. WHY, when given, ends the line that says an install starts.
npm_tool() {
  NPM_TOOL="$CACHE_DIR/$1/$3/$4"
  with_lock "$1" npm_tool_locked "$@"
}

npm_tool_locked() {
  local dir="$CACHE_DIR/$1/$3"
  if [ ! -x "$NPM_TOOL" ]; then
    say "Installing $2@$3 into $dir${5:+ ($5)}"
    into_cache "$dir" tmp npm install --prefix "$dir.tmp.$$" --no-save --no-package-lock --loglevel=error "$2@$3"
  fi
  touch "$dir/.used"
}

# Node.js 22 or newer on PATH: the machine's own when new enough, otherwise one from the cache.
ensure_node() {
  step "node" "Node.js 22 is installed from the npm registry package node-linux-<arch>@$NODE_VERSION; check that the npm registry is reachable."
  if command -v node >/dev/null && [ "$(node_major node)" -ge 22 ]; then
    step_done
    return
  fi
  local arch
  case "$(uname -m)" in
    x86_64) arch=x64 ;;
    aarch64 | arm64) arch=arm64 ;;
    *) arch="$(uname -m)" ;;
  esac
  npm_tool node "node-linux-$arch" "$NODE_VERSION" "node_modules/node-linux-$arch/bin/node" \
    "node on PATH is $(node -v 2>/dev/null || echo missing); @pulumi/pulumi needs 22+"
  PATH="$(dirname "$NPM_TOOL"):$PATH"
  export PATH
  [ "$(node_major node)" -ge 22 ]
  step_done
}

# The name of this clone's locks (its folder, hashed): steps that write into the clone, not into
# the cache, are one at a time per clone.
clone_lock() {
  printf '%s-%s' "$1" "$(printf '%s' "$REPO_ROOT" | sha256sum | cut -c1-12)"
}

# node_modules installed from the lock file; redone only when package-lock.json changes.
ensure_deps() {
  step "npm ci" "Installing the locked dependencies failed; see npm's message above."
  local stamp="$REPO_ROOT/node_modules/.lock-hash"
  local want
  want="$(sha256sum "$REPO_ROOT/package-lock.json" | cut -d' ' -f1)"
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    # One npm ci at a time per clone: concurrent commands (two terminals, parallel CI steps) would
    # otherwise delete each other's node_modules.
    with_lock "$(clone_lock npm-ci)" npm_ci_locked "$stamp" "$want"
  fi
  step_done
}

npm_ci_locked() {
  if [ ! -f "$1" ] || [ "$(cat "$1")" != "$2" ]; then
    say "Installing npm dependencies (npm ci)"
    (cd "$REPO_ROOT" && npm ci --loglevel=error >&2)
    echo "$2" >"$1"
  fi
}

# The compiled package (sdk/dist): what programs and the dynamic-provider process load. One
# compilation at a time per clone, so that no run reads a half-written sdk/dist.
ensure_build() {
  step "build" "TypeScript compilation of sdk/ failed; see the errors above."
  with_lock "$(clone_lock build)" tsc_build
  step_done
}

tsc_build() {
  (cd "$REPO_ROOT" && node node_modules/typescript/bin/tsc -b sdk/tsconfig.build.json >&2)
}

# True when version $1 (v-prefix allowed) is at least $2.
version_at_least() {
  [ "$(printf '%s\n%s\n' "${1#v}" "$2" | sort -V | head -n1)" = "$2" ]
}

# go_install NAME VERSION MODULE PACKAGE BINARY [LDFLAGS]: the package PACKAGE ("./cmd/x") of the Go
# module MODULE at VERSION (a leading v optional), built from the Go module proxy by
# scripts/go-install.sh into $CACHE_DIR/NAME/<VERSION without v>/bin/BINARY once (under NAME's
# lock); sets GO_TOOL_DIR to that folder. LDFLAGS are added to the build's. A module with replace
# directives builds too. Another Go language host is one line, e.g. Pulumi's Java host:
#   go_install java-host v1.12.0 github.com/pulumi/pulumi-java/pkg ./cmd/pulumi-language-java pulumi-language-java
#   export PATH="$PATH:$GO_TOOL_DIR/bin"
go_install() {
  GO_TOOL_DIR="$CACHE_DIR/$1/${2#v}"
  with_lock "$1" go_install_locked "$@"
}

go_install_locked() {
  if [ ! -x "$GO_TOOL_DIR/bin/$5" ]; then
    bash "$REPO_ROOT/scripts/go-install.sh" "$GO_TOOL_DIR" "$3" "v${2#v}" "$4" "$5" "${6:-}"
    prune_builds "$CACHE_DIR/$1" "${2#v}"
  fi
  touch "$GO_TOOL_DIR/.used"
}

# The directory of the pinned CLI built into the cache.
pulumi_cache_dir() {
  echo "$CACHE_DIR/pulumi/$PULUMI_CLI_VERSION"
}

# The Pulumi CLI: yours when a pulumi >= $PULUMI_MIN_VERSION and a pulumi-language-nodejs are on
# PATH (used as they are); otherwise the pinned $PULUMI_CLI_VERSION, built into the cache once, with
# this project's stand-in Node.js language host (scripts/langhosts/nodejs).
# Exports PULUMI_BIN_DIR (the CLI's folder) and PULUMI_CLI_VERSION (the version in use).
#
# Why a build: no registry this project can reach ships a prebuilt CLI (the npm package `pulumi`
# downloads one at run time from a site that is out of reach). Why $PULUMI_CLI_VERSION and not the
# @pulumi/pulumi version: the module proxy serves the source of github.com/pulumi/pulumi/pkg/v3
# only for some releases (v3.270.0's zip answers 403), so the CLI is the newest release it does
# serve; a newer CLI runs programs of an older SDK. The version is stamped with -ldflags, or
# `pulumi version` prints nothing. Why a stand-in host: the proxy serves no version of
# github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3 (see its main.go).
ensure_pulumi() {
  step "pulumi CLI" "Building the Pulumi CLI from the Go module proxy failed; see scripts/go-install.sh and the Go output above (or put a pulumi >= $PULUMI_MIN_VERSION with its pulumi-language-nodejs on PATH)."
  local found
  found="$(pulumi version 2>/dev/null || true)"
  if command -v pulumi-language-nodejs >/dev/null && [ -n "$found" ] && version_at_least "$found" "$PULUMI_MIN_VERSION"; then
    PULUMI_BIN_DIR="$(dirname "$(command -v pulumi)")"
    PULUMI_CLI_VERSION="${found#v}"
  else
    if [ -n "$found" ] && [ ! -x "$(pulumi_cache_dir)/bin/pulumi" ]; then
      say "pulumi $found on PATH is older than $PULUMI_MIN_VERSION (or has no pulumi-language-nodejs beside it on PATH): building the pinned v$PULUMI_CLI_VERSION"
    fi
    go_install pulumi "$PULUMI_CLI_VERSION" github.com/pulumi/pulumi/pkg/v3 ./cmd/pulumi pulumi \
      "-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$PULUMI_CLI_VERSION"
    PULUMI_BIN_DIR="$GO_TOOL_DIR/bin"
    step "pulumi-language-nodejs" "Building scripts/langhosts/nodejs from the Go module proxy failed; see the Go output above (Go 1.26 on PATH, or put a pulumi >= $PULUMI_MIN_VERSION with its pulumi-language-nodejs on PATH)."
    go_tool_build langhosts ./nodejs nodejs-host pulumi-language-nodejs
    export PATH="$PULUMI_BIN_DIR:$GO_TOOL_DIR/bin:$PATH"
  fi
  # The dynamic-provider plugin script ships inside @pulumi/pulumi; Pulumi looks for it on PATH and
  # beside the CLI. Pulumi's own installs carry it; for the others it goes beside our build, or in
  # a folder of the cache put on PATH (never into a CLI folder that is not ours). Copied under
  # another name and renamed, so that a run at the same time never sees half of it.
  if ! command -v pulumi-resource-pulumi-nodejs >/dev/null && [ ! -x "$PULUMI_BIN_DIR/pulumi-resource-pulumi-nodejs" ]; then
    local plugin_dir="$PULUMI_BIN_DIR"
    case "$PULUMI_BIN_DIR" in
      "$CACHE_DIR"/*) ;;
      *) plugin_dir="$CACHE_DIR/dynamic-provider/bin" ;;
    esac
    mkdir -p "$plugin_dir"
    install -m 0755 "$REPO_ROOT/node_modules/@pulumi/pulumi/pulumi-resource-pulumi-nodejs" "$plugin_dir/.plugin.$$"
    mv -f "$plugin_dir/.plugin.$$" "$plugin_dir/pulumi-resource-pulumi-nodejs"
    export PATH="$PATH:$plugin_dir"
  fi
  export PULUMI_BIN_DIR PULUMI_CLI_VERSION
  step_done
}

# One line naming the Pulumi CLI and the Node.js language host that pulumi commands will use.
describe_pulumi() {
  local cli host origin host_origin
  cli="$(command -v pulumi)"
  host="$(command -v pulumi-language-nodejs)"
  case "$(readlink -f "$cli")" in
    "$CACHE_DIR"/*) origin="built by this project from the Go module proxy" ;;
    *) origin="yours, from PATH" ;;
  esac
  case "$(readlink -f "$host")" in
    "$CACHE_DIR"/*) host_origin="this project's stand-in, scripts/langhosts/nodejs" ;;
    *) host_origin="yours, from PATH" ;;
  esac
  say "Pulumi CLI v$PULUMI_CLI_VERSION ($cli, $origin); Node.js language host $host ($host_origin)"
}

# actionlint of the pinned version, built into the cache once; npm test lints every workflow with
# it. No registry this project can reach ships an actionlint binary; the module proxy serves its source.
ensure_actionlint() {
  step "actionlint" "Building actionlint from the Go module proxy failed; see scripts/go-install.sh and the Go output above."
  go_install actionlint "$ACTIONLINT_VERSION" github.com/rhysd/actionlint ./cmd/actionlint actionlint
  export PATH="$GO_TOOL_DIR/bin:$PATH"
  step_done
}

# The Pulumi YAML language host of the pinned version: yours when a pulumi-language-yaml is on PATH,
# otherwise built into the cache once. `runtime: yaml` programs (examples/yaml, the plugin's tests)
# need it; the CLI finds it on PATH. The CLI we build carries no language host but our Node.js
# one, and no registry this project can reach ships pulumi-language-yaml; the module proxy serves
# pulumi-yaml (which pulls pulumi/pkg/v3 and sdk/v3 at the versions it requires, independent of the
# CLI's own build).
ensure_yaml_host() {
  step "pulumi-language-yaml" "Building the Pulumi YAML language host from the Go module proxy failed; see scripts/go-install.sh and the Go output above (or put a pulumi-language-yaml on PATH)."
  if ! command -v pulumi-language-yaml >/dev/null; then
    go_install yaml-host "$PULUMI_YAML_VERSION" github.com/pulumi/pulumi-yaml ./cmd/pulumi-language-yaml pulumi-language-yaml
    export PATH="$PATH:$GO_TOOL_DIR/bin"
  fi
  step_done
}

# The Pulumi Java language host of the pinned version: yours when a pulumi-language-java is on PATH,
# otherwise built into the cache once. `runtime: java` programs (examples/java, the plugin's Java
# test) need it, and Maven: the host runs them with the mvn on PATH.
ensure_java_host() {
  step "pulumi-language-java" "Building the Pulumi Java language host from the Go module proxy failed; see scripts/go-install.sh and the Go output above (or put a pulumi-language-java on PATH)."
  if ! command -v pulumi-language-java >/dev/null; then
    go_install java-host "$PULUMI_JAVA_VERSION" github.com/pulumi/pulumi-java/pkg ./cmd/pulumi-language-java pulumi-language-java
    export PATH="$PATH:$GO_TOOL_DIR/bin"
  fi
  step_done
}

# The SDK generator (scripts/gen-sdk, Pulumi's code generators as a Go library), built into the cache
# once per version of its sources and put on PATH as turso-group-gen-sdk. `npm run gen-sdk` writes
# plugin-sdks/ with it; npm test regenerates into a temporary folder and compares.
ensure_gen_sdk() {
  step "gen-sdk" "Building scripts/gen-sdk from the Go module proxy failed; see the Go output above (Go 1.26 on PATH, the Go module proxy reachable)."
  go_tool_build gen-sdk . gen-sdk turso-group-gen-sdk
  export PATH="$GO_TOOL_DIR/bin:$PATH"
  step_done
}

# The release's Go module zipper (scripts/release/gomodproxy: golang.org/x/mod/zip, as the go command
# zips a module), built into the cache once per version of its sources and put on PATH as
# turso-group-gomodproxy. npm run release writes dist/release/go/proxy with it.
ensure_gomodproxy() {
  step "gomodproxy" "Building scripts/release/gomodproxy from the Go module proxy failed; see the Go output above (Go 1.26 on PATH, the Go module proxy reachable)."
  go_tool_build release/gomodproxy . gomodproxy turso-group-gomodproxy
  export PATH="$GO_TOOL_DIR/bin:$PATH"
  step_done
}

# A stand-in language host of scripts/langhosts (LANG: go, bun or python): yours when a
# pulumi-language-LANG is on PATH, otherwise built into the cache ($CACHE_DIR/LANG-host) once per
# version of the sources of the module. The CLI finds it on PATH.
ensure_langhost() {
  local lang="$1"
  step "pulumi-language-$lang" "Building scripts/langhosts/$lang from the Go module proxy failed; see the Go output above (Go 1.26 on PATH, or put a pulumi-language-$lang on PATH)."
  if ! command -v "pulumi-language-$lang" >/dev/null; then
    go_tool_build langhosts "./$lang" "$lang-host" "pulumi-language-$lang"
    export PATH="$PATH:$GO_TOOL_DIR/bin"
  fi
  step_done
}

# The stand-in Go language host: npm test runs a Go program of the generated SDK
# (test/e2e/programs/plugin-go) with it.
ensure_go_host() {
  ensure_langhost go
}

# Bun of the pinned version: yours when a bun is on PATH, otherwise installed from the npm registry
# (@oven/bun-linux-<arch>, the binary the `bun` package installs) into the cache once. npm test runs
# a `runtime: bun` program (test/e2e/programs/plugin-bun) with it.
ensure_bun() {
  step "bun" "Bun is installed from the npm registry package @oven/bun-linux-<arch>@$BUN_VERSION; check that the npm registry is reachable (or put a bun on PATH)."
  if ! command -v bun >/dev/null; then
    local arch
    case "$(uname -m)" in
      x86_64) arch=x64 ;;
      aarch64 | arm64) arch=aarch64 ;;
      *) arch="$(uname -m)" ;;
    esac
    npm_tool bun "@oven/bun-linux-$arch" "$BUN_VERSION" "node_modules/@oven/bun-linux-$arch/bin/bun" \
      "Bun, for the runtime: bun test program"
    PATH="$PATH:$(dirname "$NPM_TOOL")"
    export PATH
    bun --version >/dev/null
  fi
  step_done
}

# The stand-in Bun language host: the CLI needs it for `runtime: bun`; it runs the program with the
# bun on PATH (ensure_bun).
ensure_bun_host() {
  ensure_langhost bun
}

# qemu-aarch64-static and the aarch64 C libraries it loads the linux-arm64 plugin executable with
# (Debian's qemu-user-static, libc6-, libstdc++6- and libgcc-s1-arm64-cross), installed with apt-get
# when missing: test/e2e/plugin-executable.test.ts runs that executable under qemu (npm test only).
ensure_qemu_arm64() {
  step "qemu-user-static" "Installing qemu-user-static and the arm64 cross libraries with apt-get failed (it needs root and Debian's package archive); install them yourself."
  if ! command -v qemu-aarch64-static >/dev/null || [ ! -e /usr/aarch64-linux-gnu/lib/libstdc++.so.6 ]; then
    say "Installing qemu-user-static and the aarch64 C libraries with apt-get (the linux-arm64 plugin executable's test)"
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends qemu-user-static \
      libc6-arm64-cross libstdc++6-arm64-cross libgcc-s1-arm64-cross >&2
  fi
  step_done
}

# The stand-in Python language host: npm test runs `runtime: python` programs with it
# (test/e2e/programs/plugin-python, examples/python), in the virtualenv their Pulumi.yaml names.
ensure_python_host() {
  ensure_langhost python
}

# Python 3.9 or newer as python3 on PATH, with its venv module, and pip's downloads kept in the
# project's cache: pip's HTTP cache in $CACHE_DIR/python/pip (PIP_CACHE_DIR, unless set), and the
# wheels the project pins in the wheelhouse $CACHE_DIR/python/wheels, which every pip looks in first
# (PIP_FIND_LINKS). The wheelhouse is what makes a second install need no download: pip's HTTP
# cache keeps nothing from a registry whose answers carry no caching headers (the PyPI proxy of the
# machines that test this project strips them).
ensure_python() {
  step "python" "Python 3.9 or newer is needed as python3 on PATH, with its venv module (Debian: python3-venv), for the Python SDK's wheel and the Python programs of the tests."
  python3 -c 'import sys, venv, ensurepip; sys.exit(sys.version_info < (3, 9))'
  export PIP_CACHE_DIR="${PIP_CACHE_DIR:-$CACHE_DIR/python/pip}"
  export PIP_DISABLE_PIP_VERSION_CHECK=1
  PYTHON_WHEELS="$CACHE_DIR/python/wheels"
  mkdir -p "$PYTHON_WHEELS"
  case " ${PIP_FIND_LINKS:-} " in
    *" $PYTHON_WHEELS "*) ;;
    *) export PIP_FIND_LINKS="$PYTHON_WHEELS${PIP_FIND_LINKS:+ $PIP_FIND_LINKS}" ;;
  esac
  step_done
}

# python_wheels REQUIREMENT...: the requirements and their dependencies, as this Python installs
# them, downloaded from PyPI into the wheelhouse once (a stamp per requirements and Python version).
python_wheels() {
  local stamp
  stamp="$PYTHON_WHEELS/.downloaded-$(printf '%s %s' "$*" "$(python3 -V)" | sha256sum | cut -c1-12)"
  [ -f "$stamp" ] && return
  say "Downloading $* (and dependencies) from PyPI into $PYTHON_WHEELS"
  python3 -m pip download --quiet --dest "$PYTHON_WHEELS" "$@" >&2
  touch "$stamp"
}

# The wheels of the Python programs of the tests and examples/python, in the wheelhouse: Pulumi's
# Python SDK (PYTHON_PULUMI_VERSION), what `pulumi install` updates in a new virtualenv, and the
# dependencies the generated SDK's wheel declares (plugin-sdks/python/pyproject.toml: parver,
# semver, ...), so that the wheel installs with no index asked.
ensure_python_wheels() {
  ensure_python
  step "python wheels" "Downloading pulumi==$PYTHON_PULUMI_VERSION and the Python SDK's dependencies from PyPI failed; see pip's message above (PyPI reachable?)."
  local sdk_deps=()
  # tomllib is Python 3.11's; before it, the generator's one-line `dependencies = [...]`.
  mapfile -t sdk_deps < <(python3 -c 'import ast, re, sys
try:
    import tomllib
    deps = tomllib.load(open(sys.argv[1], "rb"))["project"]["dependencies"]
except ImportError:
    deps = ast.literal_eval(re.search(r"^ *dependencies = (\[.*\])$", open(sys.argv[1]).read(), re.M).group(1))
print("\n".join(deps))' "$REPO_ROOT/plugin-sdks/python/pyproject.toml")
  python_wheels "pulumi==$PYTHON_PULUMI_VERSION" pip setuptools wheel "${sdk_deps[@]}"
  step_done
}

# python_venv DIR REQUIREMENT...: a virtualenv at DIR holding the requirements, from the wheelhouse
# (filled from PyPI); made once, and made again when the requirements change (DIR/.requirements
# records them). One maker at a time per DIR (a lock in the cache): two suites may ask at once.
python_venv() {
  local dir="$1" lock
  shift
  [ "$(cat "$dir/.requirements" 2>/dev/null)" = "$*" ] && return
  mkdir -p "$CACHE_DIR/locks"
  exec {lock}>"$CACHE_DIR/locks/venv-$(printf '%s' "$dir" | sha256sum | cut -c1-12).lock"
  flock "$lock"
  if [ "$(cat "$dir/.requirements" 2>/dev/null)" != "$*" ]; then
    python_wheels "$@"
    say "Installing $* into $dir"
    rm -rf "$dir"
    python3 -m venv "$dir"
    "$dir/bin/python" -m pip install --quiet "$@" >&2
    printf '%s' "$*" >"$dir/.requirements"
  fi
  exec {lock}>&-
}

# PyPA's build and twine, of the pinned versions, in a virtualenv of the cache; sets PYTHON_TOOLS
# (its folder). scripts/build-python.sh builds and checks the Python SDK's wheel and sdist with them.
ensure_python_build_tools() {
  ensure_python
  step "python build tools" "Installing build==$PYTHON_BUILD_VERSION and twine==$PYTHON_TWINE_VERSION from PyPI failed; see pip's message above (PyPI reachable?)."
  PYTHON_TOOLS="$CACHE_DIR/python/build-tools"
  python_venv "$PYTHON_TOOLS" "build==$PYTHON_BUILD_VERSION" "twine==$PYTHON_TWINE_VERSION"
  step_done
}

# pyright of the pinned version, from the npm registry into the cache once, on PATH: npm test checks
# examples/python with `pyright --strict`. A pyright on PATH is used as it is.
ensure_pyright() {
  step "pyright" "pyright is installed from the npm registry package pyright@$PYRIGHT_VERSION; check that the npm registry is reachable (or put a pyright on PATH)."
  if ! command -v pyright >/dev/null; then
    npm_tool pyright pyright "$PYRIGHT_VERSION" "node_modules/.bin/pyright" "for pyright --strict on examples/python"
    PATH="$PATH:$(dirname "$NPM_TOOL")"
    export PATH
  fi
  step_done
}

# The cache key of the Go module scripts/$1: the sha256sum lines (hash and ./path) of all its *.go
# files, the *.py files a package embeds (the Python host's exec.py), go.mod and go.sum, in byte order
# of path, hashed (test/e2e/go-tools.test.ts computes it alike).
go_tool_key() {
  (cd "$REPO_ROOT/scripts/$1" && find . -type f \( -name '*.go' -o -name '*.py' -o -name go.mod -o -name go.sum \) -print0 |
    LC_ALL=C sort -z | xargs -0 sha256sum | sha256sum | cut -c1-10)
}

# go_build DIR PACKAGE OUTPUT: `go build` of PACKAGE in the Go module at DIR, with the checked-in
# go.sum, into the file OUTPUT.
go_build() {
  mkdir -p "$(dirname "$3")"
  (cd "$1" && GOFLAGS=-mod=readonly go build -trimpath -ldflags "-s -w" -o "$3" "$2")
}

# go_tool_build MODULE PACKAGE CACHE_NAME BINARY: builds the package PACKAGE (".", "./go", ...) of
# the Go module scripts/MODULE into $CACHE_DIR/CACHE_NAME/<key>/bin/BINARY unless it is there (under
# CACHE_NAME's lock), and sets GO_TOOL_DIR to the build's folder. The key (go_tool_key) covers every
# source of the module, not only the package's. Builds of other keys stay (prune_builds).
go_tool_build() {
  local key
  key="$(go_tool_key "$1")"
  GO_TOOL_DIR="$CACHE_DIR/$3/$key"
  with_lock "$3" go_tool_build_locked "$@"
}

go_tool_build_locked() {
  if [ ! -x "$GO_TOOL_DIR/bin/$4" ]; then
    local src="$REPO_ROOT/scripts/$1" what="scripts/$1${2#.}"
    command -v go >/dev/null || {
      echo "Go is needed to build $what (go on PATH); install Go 1.26." >&2
      false
    }
    say "Building $what into $GO_TOOL_DIR (first run only; a minute or two)"
    into_cache "$GO_TOOL_DIR" build go_build "$src" "$2" "$GO_TOOL_DIR.build.$$/bin/$4"
  fi
  touch "$GO_TOOL_DIR/.used"
}

# The environment every pulumi command runs in: local file backend, no cloud, no downloads.
pulumi_env() {
  export PULUMI_STATE_DIR="${PULUMI_STATE_DIR:-$REPO_ROOT/.pulumi-state}"
  mkdir -p "$PULUMI_STATE_DIR/backend" "$PULUMI_STATE_DIR/home"
  export PULUMI_BACKEND_URL="${PULUMI_BACKEND_URL:-file://$PULUMI_STATE_DIR/backend}"
  export PULUMI_HOME="${PULUMI_HOME:-$PULUMI_STATE_DIR/home}"
  export PULUMI_CONFIG_PASSPHRASE="${PULUMI_CONFIG_PASSPHRASE-local-stacks-only}"
  export PULUMI_SKIP_UPDATE_CHECK=true
  export PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true
  export PULUMI_SKIP_CONFIRMATIONS=true
  export PULUMI_CLI_BIN_DIR="$PULUMI_BIN_DIR"
  export PULUMI_CLI_VERSION
  # Maven's local repository in the cache, for every mvn (Java programs run by pulumi-language-java,
  # scripts/build-java.sh): Maven Central's downloads stay out of ~/.m2 and are fetched once.
  case " ${MAVEN_OPTS:-} " in
    *" -Dmaven.repo.local=$CACHE_DIR/maven "*) ;;
    *) export MAVEN_OPTS="${MAVEN_OPTS:+$MAVEN_OPTS }-Dmaven.repo.local=$CACHE_DIR/maven" ;;
  esac
}

# Everything a project command needs, in order.
bootstrap() {
  ensure_node
  ensure_deps
  ensure_pulumi
  ensure_build
  pulumi_env
}
