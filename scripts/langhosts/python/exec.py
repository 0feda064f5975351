"""The stand-in Python language host's program runner (scripts/langhosts/python embeds it).

It does what Pulumi's pulumi-language-python-exec does for a program: it takes the same
command line (--monitor, --engine, --project, --stack, --organization, --root_directory, --pwd,
--dry_run, --parallel, --tracing, then the program and its arguments), hands the stack's
configuration (PULUMI_CONFIG, PULUMI_CONFIG_SECRET_KEYS) and those settings to the Pulumi Python SDK
that the program's Python has installed, and runs the program (a folder's __main__.py, or a file)
as __main__ inside the SDK's stack. Its exit status tells the host what happened: 0 the program
ran, 32 the error has been shown to the user already, 1 anything else.
"""

import argparse
import asyncio
import inspect
import logging
import os
import runpy
import sys
import traceback
from concurrent.futures import ThreadPoolExecutor

# The host bails without another message on this status: the program's error is shown already.
ERROR_SHOWN = 32

try:
    import pulumi
    import pulumi.runtime
except ImportError:
    print(traceback.format_exc(), file=sys.stderr)
    print(
        "The Pulumi Python SDK is not installed in the Python that runs this program "
        f"({sys.executable}). Install the program's dependencies into it: "
        "`pulumi install`, or pip install -r requirements.txt in its virtualenv.",
        file=sys.stderr,
    )
    sys.exit(1)


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Run a Pulumi Python program")
    for name in ("project", "stack", "organization", "root_directory", "pwd", "monitor", "engine", "tracing"):
        parser.add_argument(f"--{name}")
    parser.add_argument("--dry_run", default="false")
    parser.add_argument("--parallel", default="0")
    parser.add_argument("PROGRAM")
    parser.add_argument("ARGS", nargs="*")
    return parser.parse_args()


def configure(args: argparse.Namespace) -> None:
    """Hands the configuration and the settings to the SDK; older SDKs lack some keywords."""
    config = pulumi.runtime.get_config_env()
    if hasattr(pulumi.runtime, "set_all_config") and hasattr(pulumi.runtime, "get_config_secret_keys_env"):
        pulumi.runtime.set_all_config(config, pulumi.runtime.get_config_secret_keys_env())
    else:
        for key, value in config.items():
            pulumi.runtime.set_config(key, value)
    wanted = {
        "monitor": args.monitor,
        "engine": args.engine,
        "project": args.project,
        "stack": args.stack,
        "parallel": int(args.parallel),
        "dry_run": args.dry_run == "true",
        "organization": args.organization,
        "root_directory": args.root_directory,
    }
    accepted = inspect.signature(pulumi.runtime.Settings.__init__).parameters
    settings = pulumi.runtime.Settings(**{k: v for k, v in wanted.items() if k in accepted})
    pulumi.runtime.configure(settings)


def user_traceback(program: str) -> str:
    """The traceback from the program's main file's first frame on, or all of it if none is there."""
    main_file = os.path.join(program, "__main__.py") if os.path.isdir(program) else program
    frames = traceback.extract_tb(sys.exc_info()[2])
    for i, frame in enumerate(frames):
        if os.path.abspath(frame.filename) == main_file:
            return traceback.format_exc(limit=-(len(frames) - i))
    return traceback.format_exc()


def main() -> int:
    args = parse_args()
    configure(args)
    if args.pwd:
        os.chdir(args.pwd)
    program = os.path.abspath(args.PROGRAM)
    if os.path.isdir(program) and not os.path.isfile(os.path.join(program, "__main__.py")):
        pulumi.log.error(f"unable to find main python program `__main__.py` in `{program}`")
        return ERROR_SHOWN
    sys.argv = [args.PROGRAM, *args.ARGS]

    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    # The SDK runs its gRPC calls in the loop's default executor: as many threads as the engine's
    # parallelism allows, times four, as Pulumi's runner sizes it.
    executor = ThreadPoolExecutor(max_workers=max(int(args.parallel), 1) * 4)
    loop.set_default_executor(executor)
    # A failed deployment leaves futures unobserved on purpose; asyncio's complaints about them
    # would only bury the error.
    logging.getLogger("asyncio").setLevel(logging.CRITICAL)
    def run() -> None:
        runpy.run_path(program, run_name="__main__")

    try:
        loop.run_until_complete(pulumi.runtime.run_in_stack(run))
        return 0
    except pulumi.RunError as err:
        pulumi.log.error(str(err))
        return 1
    except Exception:  # noqa: BLE001 -- every failure of the program is reported the same way
        pulumi.log.error("Program failed with an unhandled exception:\n" + user_traceback(program))
        return ERROR_SHOWN
    finally:
        executor.shutdown(wait=True)
        loop.close()
        sys.stdout.flush()
        sys.stderr.flush()


if __name__ == "__main__":
    sys.exit(main())
