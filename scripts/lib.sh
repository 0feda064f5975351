# shellcheck shell=bash
# Shared set-up for every project command (npm test, npm run demo, npm run pulumi, ...).
#
# Each ensure_* step is idempotent: it reuses what an earlier run left in the cache and only
# does work the first time. A failing step stops the command with a message naming the step.
#
# Cache (outside the repo, shared by every clone on this machine):
#   ${TURSO_PULUMI_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-turso-group}
#     node/<version>/          Node.js 22 from the npm registry, when the machine's node is older
#     pulumi/<version>-<hash>/bin/  pulumi, pulumi-language-nodejs, pulumi-resource-pulumi-nodejs
#                                   (only when no pulumi >= PULUMI_MIN_VERSION is on PATH)
#     dynamic-provider/bin/         pulumi-resource-pulumi-nodejs, when your own CLI lacks it
#     actionlint/<version>/bin/     actionlint (npm test only)
#     yaml-host/<version>/bin/      pulumi-language-yaml, for `runtime: yaml` programs (examples/yaml)
#     java-host/<version>/bin/      pulumi-language-java, for `runtime: java` programs (examples/java)
#     maven/                        Maven's local repository (MAVEN_OPTS): com.pulumi:pulumi, Maven's
#                                   plugins, the Java SDK as scripts/build-java.sh builds it
#     go-host/<hash>/bin/           pulumi-language-go, scripts/langhosts/go built (npm test only)
#     bun/<version>/                Bun from the npm registry, when no bun is on PATH (npm test only)
#     bun-host/<hash>/bin/          pulumi-language-bun, scripts/langhosts/bun built (npm test only)
#     gen-sdk/<hash>/bin/           turso-group-gen-sdk, scripts/gen-sdk built (npm run gen-sdk, npm test)

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
  local dir="$CACHE_DIR/node/$NODE_VERSION"
  local bin="$dir/node_modules/node-linux-$arch/bin"
  if [ ! -x "$bin/node" ]; then
    say "Installing Node.js $NODE_VERSION into $dir (node on PATH is $(node -v 2>/dev/null || echo missing); @pulumi/pulumi needs 22+)"
    local tmp="$dir.tmp.$$"
    rm -rf "$tmp"
    mkdir -p "$tmp"
    npm install --prefix "$tmp" --no-save --no-package-lock --loglevel=error "node-linux-$arch@$NODE_VERSION" >&2
    rm -rf "$dir"
    mv "$tmp" "$dir"
  fi
  export PATH="$bin:$PATH"
  [ "$(node_major node)" -ge 22 ]
  step_done
}

# node_modules installed from the lock file; redone only when package-lock.json changes.
ensure_deps() {
  step "npm ci" "Installing the locked dependencies failed; see npm's message above."
  local stamp="$REPO_ROOT/node_modules/.lock-hash"
  local want
  want="$(sha256sum "$REPO_ROOT/package-lock.json" | cut -d' ' -f1)"
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    # One npm ci at a time per clone: concurrent commands (two terminals, parallel CI steps) would
    # otherwise delete each other's node_modules. The lock lives in the cache, not in the tree.
    local lock
    mkdir -p "$CACHE_DIR/locks"
    exec {lock}>"$CACHE_DIR/locks/npm-ci-$(printf '%s' "$REPO_ROOT" | sha256sum | cut -c1-12).lock"
    flock "$lock"
    if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
      say "Installing npm dependencies (npm ci)"
      (cd "$REPO_ROOT" && npm ci --loglevel=error >&2)
      echo "$want" >"$stamp"
    fi
    exec {lock}>&-
  fi
  step_done
}

# The compiled package (sdk/dist): what programs and the dynamic-provider process load.
ensure_build() {
  step "build" "TypeScript compilation of sdk/ failed; see the errors above."
  (cd "$REPO_ROOT" && node node_modules/typescript/bin/tsc -b sdk/tsconfig.build.json >&2)
  step_done
}

# True when version $1 (v-prefix allowed) is at least $2.
version_at_least() {
  [ "$(printf '%s\n%s\n' "${1#v}" "$2" | sort -V | head -n1)" = "$2" ]
}

# The directory of the pinned CLI built into the cache, keyed by version and by the sources of the
# build, so a change to either rebuilds.
pulumi_cache_dir() {
  local key
  key="$PULUMI_CLI_VERSION-$(cat "$REPO_ROOT/scripts/build-pulumi.sh" "$REPO_ROOT/scripts/langhost/main.go" | sha256sum | cut -c1-10)"
  echo "$CACHE_DIR/pulumi/$key"
}

# The Pulumi CLI: yours when a pulumi >= $PULUMI_MIN_VERSION and a pulumi-language-nodejs are on
# PATH (used as they are); otherwise the pinned $PULUMI_CLI_VERSION, built into the cache once.
# Exports PULUMI_BIN_DIR (the CLI's folder) and PULUMI_CLI_VERSION (the version in use).
ensure_pulumi() {
  step "pulumi CLI" "Building the Pulumi CLI from the Go module proxy failed; see scripts/build-pulumi.sh and the Go output above (or put a pulumi >= $PULUMI_MIN_VERSION with its pulumi-language-nodejs on PATH)."
  local found
  found="$(pulumi version 2>/dev/null || true)"
  if command -v pulumi-language-nodejs >/dev/null && [ -n "$found" ] && version_at_least "$found" "$PULUMI_MIN_VERSION"; then
    PULUMI_BIN_DIR="$(dirname "$(command -v pulumi)")"
    PULUMI_CLI_VERSION="${found#v}"
  else
    local dir
    dir="$(pulumi_cache_dir)"
    PULUMI_BIN_DIR="$dir/bin"
    if [ ! -x "$PULUMI_BIN_DIR/pulumi" ] || [ ! -x "$PULUMI_BIN_DIR/pulumi-language-nodejs" ]; then
      [ -n "$found" ] && say "pulumi $found on PATH is older than $PULUMI_MIN_VERSION (or has no pulumi-language-nodejs beside it on PATH): building the pinned v$PULUMI_CLI_VERSION"
      bash "$REPO_ROOT/scripts/build-pulumi.sh" "$dir"
      # Builds of older sources are never used again: keep the cache to one build per version.
      find "$CACHE_DIR/pulumi" -mindepth 1 -maxdepth 1 -name "$PULUMI_CLI_VERSION-*" ! -name "$(basename "$dir")" -exec rm -rf {} +
    fi
    export PATH="$PULUMI_BIN_DIR:$PATH"
  fi
  # The dynamic-provider plugin script ships inside @pulumi/pulumi; Pulumi looks for it on PATH and
  # beside the CLI. Pulumi's own installs carry it; for the others it goes beside our build, or in
  # a folder of the cache put on PATH (never into a CLI folder that is not ours).
  if ! command -v pulumi-resource-pulumi-nodejs >/dev/null && [ ! -x "$PULUMI_BIN_DIR/pulumi-resource-pulumi-nodejs" ]; then
    local plugin_dir="$PULUMI_BIN_DIR"
    case "$PULUMI_BIN_DIR" in
      "$CACHE_DIR"/*) ;;
      *) plugin_dir="$CACHE_DIR/dynamic-provider/bin" ;;
    esac
    mkdir -p "$plugin_dir"
    install -m 0755 "$REPO_ROOT/node_modules/@pulumi/pulumi/pulumi-resource-pulumi-nodejs" "$plugin_dir/"
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
    "$CACHE_DIR"/*) host_origin="this project's stand-in, scripts/langhost" ;;
    *) host_origin="yours, from PATH" ;;
  esac
  say "Pulumi CLI v$PULUMI_CLI_VERSION ($cli, $origin); Node.js language host $host ($host_origin)"
}

# actionlint of the pinned version, built into the cache once; npm test lints every workflow with it.
ensure_actionlint() {
  step "actionlint" "Building actionlint from the Go module proxy failed; see scripts/build-actionlint.sh and the Go output above."
  local dir="$CACHE_DIR/actionlint/$ACTIONLINT_VERSION"
  [ -x "$dir/bin/actionlint" ] || bash "$REPO_ROOT/scripts/build-actionlint.sh" "$dir"
  export PATH="$dir/bin:$PATH"
  step_done
}

# The Pulumi YAML language host of the pinned version: yours when a pulumi-language-yaml is on PATH,
# otherwise built into the cache once. `runtime: yaml` programs (examples/yaml, the plugin's tests)
# need it; the CLI finds it on PATH.
ensure_yaml_host() {
  step "pulumi-language-yaml" "Building the Pulumi YAML language host from the Go module proxy failed; see scripts/build-yaml-host.sh and the Go output above (or put a pulumi-language-yaml on PATH)."
  if ! command -v pulumi-language-yaml >/dev/null; then
    local dir="$CACHE_DIR/yaml-host/$PULUMI_YAML_VERSION"
    [ -x "$dir/bin/pulumi-language-yaml" ] || bash "$REPO_ROOT/scripts/build-yaml-host.sh" "$dir"
    export PATH="$PATH:$dir/bin"
  fi
  step_done
}

# The Pulumi Java language host of the pinned version: yours when a pulumi-language-java is on PATH,
# otherwise built into the cache once. `runtime: java` programs (examples/java, the plugin's Java
# test) need it, and Maven: the host runs them with the mvn on PATH.
ensure_java_host() {
  step "pulumi-language-java" "Building the Pulumi Java language host from the Go module proxy failed; see scripts/build-java-host.sh and the Go output above (or put a pulumi-language-java on PATH)."
  if ! command -v pulumi-language-java >/dev/null; then
    local dir="$CACHE_DIR/java-host/$PULUMI_JAVA_VERSION"
    [ -x "$dir/bin/pulumi-language-java" ] || bash "$REPO_ROOT/scripts/build-java-host.sh" "$dir"
    export PATH="$PATH:$dir/bin"
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

# A stand-in language host of scripts/langhosts (LANG: go or bun): yours when a
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
    local dir="$CACHE_DIR/bun/$BUN_VERSION"
    local bin="$dir/node_modules/@oven/bun-linux-$arch/bin"
    if [ ! -x "$bin/bun" ]; then
      say "Installing Bun $BUN_VERSION into $dir (for the runtime: bun test program)"
      local tmp="$dir.tmp.$$"
      rm -rf "$tmp"
      mkdir -p "$tmp"
      npm install --prefix "$tmp" --no-save --no-package-lock --loglevel=error "@oven/bun-linux-$arch@$BUN_VERSION" >&2
      rm -rf "$dir"
      mv "$tmp" "$dir"
    fi
    export PATH="$PATH:$bin"
    bun --version >/dev/null
  fi
  step_done
}

# The stand-in Bun language host: the CLI needs it for `runtime: bun`; it runs the program with the
# bun on PATH (ensure_bun).
ensure_bun_host() {
  ensure_langhost bun
}

# go_tool_build MODULE PACKAGE CACHE_NAME BINARY: builds the package PACKAGE (".", "./go", ...) of
# the Go module scripts/MODULE into $CACHE_DIR/CACHE_NAME/<key>/bin/BINARY unless it is there, drops
# the builds of other keys, and sets GO_TOOL_DIR to the build's folder. The key covers every source
# of the module, not only the package's: the sha256sum lines (hash and ./path) of all its *.go files,
# go.mod and go.sum, in byte order of path, hashed (test/e2e/go-tools.test.ts computes it alike).
go_tool_build() {
  local src="$REPO_ROOT/scripts/$1" what="scripts/$1${2#.}" key
  key="$(cd "$src" && find . -type f \( -name '*.go' -o -name go.mod -o -name go.sum \) -print0 |
    LC_ALL=C sort -z | xargs -0 sha256sum | sha256sum | cut -c1-10)"
  GO_TOOL_DIR="$CACHE_DIR/$3/$key"
  [ -x "$GO_TOOL_DIR/bin/$4" ] && return
  command -v go >/dev/null || {
    echo "Go is needed to build $what (go on PATH); install Go 1.26." >&2
    false
  }
  say "Building $what into $GO_TOOL_DIR (first run only; a minute or two)"
  local work="$GO_TOOL_DIR.build.$$"
  rm -rf "$work"
  mkdir -p "$work/bin"
  (cd "$src" && GOFLAGS=-mod=readonly go build -trimpath -ldflags "-s -w" -o "$work/bin/$4" "$2" >&2)
  rm -rf "$GO_TOOL_DIR"
  mv "$work" "$GO_TOOL_DIR"
  find "$CACHE_DIR/$3" -mindepth 1 -maxdepth 1 ! -name "$key" -exec rm -rf {} +
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
