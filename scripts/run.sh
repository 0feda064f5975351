#!/usr/bin/env bash
# Entry point of every npm script that needs the toolchain: bootstraps it, then runs the command.
#   run.sh test            lint, format check, type check, then every jest test
#   run.sh unit [ARGS...]  the unit tests alone (test/unit), without the Pulumi CLI: seconds
#   run.sh demo            the main job: emulator + pulumi preview/up + stack outputs
#   run.sh pulumi ARGS...  the pinned Pulumi CLI in the project's environment
#   run.sh emulator ARGS.. the Turso Platform API emulator
#   run.sh bench           the benchmark (bench/results.md, bench/results.json)
#   run.sh compat ARGS...  the compatibility matrix: @pulumi/pulumi releases x Node.js versions
#   run.sh gen-sdk [DIR]  the Python, Go, .NET and Java SDKs of the provider plugin, from its schema, into
#                         DIR (default plugin-sdks/)
#   run.sh plugin-tarball [DIR]  the provider plugin as a tarball for `pulumi plugin install
#                         resource turso-group VERSION --file TARBALL`, into DIR (default dist/)
#   run.sh release-check [CHECK]  scripts/release/check.js: the home, the versions and the schema's
#                         compatibility a release needs (CHECK: home, versions, schema or all, the default)
#   run.sh plugin-archives [DIR] [--only OS-ARCH,...]  the provider plugin as a standalone executable
#                         per platform (no Node.js needed), in archives Pulumi downloads, with
#                         SHA256SUMS, into DIR (default dist/); see docs/plugin-executable.md
#   run.sh release [--publish]  every artifact of a release into dist/release/, checked (a dry run
#                         unless --publish, which only the release workflow may pass)
#   run.sh env             prints `export` lines of this environment (scripts/activate.sh evals them)
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

cmd="${1:-}"
shift || true
if [ "$cmd" = unit ]; then
  # Node.js 22, the locked dependencies and the compiled package (the README samples compile
  # against its types): no Pulumi CLI or Go tools to build.
  ensure_node
  ensure_deps
  ensure_build
  cd "$REPO_ROOT"
  exec npx --no-install jest --config jest.unit.config.js "$@"
fi
bootstrap

case "$cmd" in
  test)
    describe_pulumi
    # The workflow test (test/e2e/workflows.test.ts) runs actionlint from PATH.
    ensure_actionlint
    # The plugin's end-to-end tests run a `runtime: yaml` program (examples/yaml).
    ensure_yaml_host
    # test/e2e/plugin-java.test.ts and examples/java run `runtime: java` programs through it (and mvn).
    ensure_java_host
    # test/e2e/plugin-sdks.test.ts regenerates the SDKs with it and compares them with plugin-sdks/,
    # and runs a Go program of the generated Go SDK through the stand-in Go language host.
    ensure_gen_sdk
    ensure_go_host
    # test/e2e/plugin-bun.test.ts runs a `runtime: bun` program: Bun, and the stand-in Bun host.
    ensure_bun
    ensure_bun_host
    # test/e2e/plugin-python.test.ts builds the Python SDK's wheel (scripts/build-python.sh), runs a
    # `runtime: python` program of it through the stand-in Python host, and checks examples/python
    # with pyright: Python 3, the wheels it installs (offline from then on), build and twine, the
    # host, pyright.
    ensure_python_wheels
    ensure_python_build_tools
    ensure_python_host
    ensure_pyright
    # test/e2e/plugin-executable.test.ts runs the linux-arm64 plugin executable under qemu.
    ensure_qemu_arm64
    step "lint" "ESLint or Prettier found problems: run 'npm run format' and fix what ESLint reports."
    (cd "$REPO_ROOT" && npx --no-install eslint . && npx --no-install prettier --check . >/dev/null)
    step "typecheck" "TypeScript found type errors in sdk/, test/ or examples/."
    (cd "$REPO_ROOT" && npx --no-install tsc -p tsconfig.json)
    step "docs" "TypeDoc reported warnings: every export needs TSDoc (see the warnings above)."
    (cd "$REPO_ROOT" && npx --no-install typedoc --logLevel Warn)
    step_done
    cd "$REPO_ROOT"
    mkdir -p .e2e
    rm -f .e2e/jest-results.json
    status=0
    # The compatibility matrix (about 5 minutes, one cell at a time) in CI only, before the suites
    # so that it never competes with their timed tests; elsewhere: npm run compat.
    if [ "${CI:-}" = "true" ]; then
      TURSO_PULUMI_CACHE="$CACHE_DIR" node "$REPO_ROOT/scripts/compat/matrix.js" || status=$?
    fi
    npx --no-install jest --json --outputFile=.e2e/jest-results.json "$@" || status=$?
    # A plain closing line for CI: "N passed, N failed, N skipped".
    if [ -f .e2e/jest-results.json ]; then
      node -e 'const r = require("./.e2e/jest-results.json");
        console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests} skipped`);'
    fi
    exit "$status"
    ;;
  demo)
    describe_pulumi
    exec node "$REPO_ROOT/scripts/demo.js" "$@"
    ;;
  bench)
    exec node "$REPO_ROOT/bench/run.js" "$@"
    ;;
  compat)
    TURSO_PULUMI_CACHE="$CACHE_DIR" exec node "$REPO_ROOT/scripts/compat/matrix.js" "$@"
    ;;
  pulumi)
    ensure_yaml_host
    ensure_java_host
    exec pulumi "$@"
    ;;
  gen-sdk)
    ensure_gen_sdk
    out="${1:-$REPO_ROOT/plugin-sdks}"
    schema="$(mktemp)"
    trap 'rm -f "$schema"' EXIT
    # The schema as the plugin serves it (getSchema), from the compiled plugin that bootstrap built.
    (cd "$REPO_ROOT" && pulumi package get-schema ./sdk/plugin/pulumi-resource-turso-group >"$schema")
    turso-group-gen-sdk "$schema" "$out"
    ;;
  plugin-tarball)
    exec bash "$REPO_ROOT/scripts/plugin-tarball.sh" "$@"
    ;;
  release-check)
    exec node "$REPO_ROOT/scripts/release/check.js" "${@:-all}"
    ;;
  plugin-archives)
    TURSO_PULUMI_CACHE="$CACHE_DIR" exec node "$REPO_ROOT/scripts/plugin-archives/build.js" "$@"
    ;;
  release)
    # scripts/release/go.sh writes the Go module proxy folder with it.
    ensure_gomodproxy
    exec node "$REPO_ROOT/scripts/release/main.js" "$@"
    ;;
  emulator)
    exec node "$REPO_ROOT/sdk/dist/emulator/cli.js" "$@"
    ;;
  env)
    ensure_yaml_host
    # examples/go: the stand-in `runtime: go` host.
    ensure_go_host
    # examples/python: the `runtime: python` host, and pip's cache and wheelhouse (ensure_python).
    ensure_python_host
    if command -v python3 >/dev/null; then ensure_python; fi
    # examples/java: Pulumi's Java host, and Maven's repository in the cache (MAVEN_OPTS).
    ensure_java_host
    describe_pulumi
    for name in PATH PULUMI_STATE_DIR PULUMI_BACKEND_URL PULUMI_HOME PULUMI_CONFIG_PASSPHRASE PULUMI_SKIP_UPDATE_CHECK \
      PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION PULUMI_BIN_DIR PULUMI_CLI_VERSION PIP_CACHE_DIR PIP_FIND_LINKS MAVEN_OPTS; do
      printf 'export %s=%q\n' "$name" "${!name}"
    done
    ;;
  *)
    echo "usage: run.sh test|unit|demo|pulumi|emulator|bench|compat|gen-sdk|plugin-tarball|plugin-archives|release-check|release|env [args...]" >&2
    exit 2
    ;;
esac
