# shellcheck shell=bash
# Source this file (bash or zsh) to use this repository's toolchain in your shell, the way the
# example READMEs do from their folder:
#
#   source ../../scripts/activate.sh              pulumi, its YAML and Java language hosts and
#                                                 Node.js 22 on PATH, the local backend, MAVEN_OPTS
#   source ../../scripts/activate.sh --emulator   the same, and the Turso API emulator for this shell
#
# - bootstraps like `npm run demo` (Node.js 22, npm ci, the Pulumi CLI: yours when it is recent
#   enough, see scripts/lib.sh) and exports PATH and the PULUMI_* variables of `npm run pulumi`:
#   the file backend in .pulumi-state/, passphrase `local-stacks-only` unless one is exported;
#   the YAML and (stand-in) Python language hosts on PATH, and PIP_CACHE_DIR in the project's cache;
# - with --emulator, starts the emulator (default seed) in the background on a free port, exports
#   TURSO_API_BASEURL and TURSO_API_TOKEN=demo-token, and leaves TURSO_EMULATOR_PID; the emulator
#   stops by itself when this shell exits.
# A Pulumi user outside this repository needs none of it: their own `pulumi` and login apply.

if [ -n "${BASH_VERSION:-}" ]; then
  __turso_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
else
  # zsh: the path of the file being sourced.
  __turso_root="$(cd "$(dirname "$(eval 'echo ${(%):-%x}')")/.." && pwd)"
fi

if __turso_env="$(bash "$__turso_root/scripts/run.sh" env)"; then
  eval "$__turso_env"
  if [ "${1:-}" = "--emulator" ]; then
    __turso_log="$PULUMI_STATE_DIR/emulator-$$.log"
    # In a subshell, so that the shell's job table (and its "Done" notices) stay out of it.
    (node "$__turso_root/scripts/shell-emulator.js" "$$" >"$__turso_log" 2>&1 &)
    __turso_waited=0
    while ! grep -q '^TURSO_API_BASEURL=' "$__turso_log" 2>/dev/null && [ "$__turso_waited" -lt 300 ]; do
      sleep 0.1
      __turso_waited=$((__turso_waited + 1))
    done
    if grep -q '^TURSO_API_BASEURL=' "$__turso_log"; then
      export TURSO_API_BASEURL TURSO_API_TOKEN TURSO_EMULATOR_PID
      eval "$(grep -E '^(TURSO_API_BASEURL|TURSO_EMULATOR_PID)=' "$__turso_log")"
      TURSO_API_TOKEN=demo-token
      echo "Turso API emulator at $TURSO_API_BASEURL for this shell (pid $TURSO_EMULATOR_PID; TURSO_API_TOKEN is its demo token)" >&2
    else
      echo "activate.sh: the emulator did not start within 30 s:" >&2
      cat "$__turso_log" >&2
      false
    fi
  fi
else
  echo "activate.sh: the set-up failed (see above); nothing was changed in this shell" >&2
  false
fi
unset __turso_root __turso_env __turso_log __turso_waited
