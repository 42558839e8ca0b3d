"""A tiny step runner for the interop scripts: one summary line per step, stop at the first failure.

Each step is a function taking the shared `Guide` state and returning a one-line summary. A failed
plain `assert` (or any exception) prints `[FAIL] <step>: <reason>` and makes the script exit non-zero.
With `--keep-going`, later steps still run (useful to list every gap of a server at once); the
exit status is non-zero if any step failed.
"""

import argparse
import os
import sys
import time
import traceback
from collections.abc import Callable
from typing import Any

from cytomine import Cytomine


def saved(result: Any, what: str) -> Any:
    """The object returned by a client call; fails naming `what` if the call gave False or None."""
    assert result is not False and result is not None, (
        f"{what}: the client returned {result!r} (the server refused or failed; see the log above)"
    )
    return result


def unique(prefix: str) -> str:
    """A name that differs between runs, so reruns against one server never collide."""
    return f"{prefix}-{os.getpid()}-{time.time_ns() % 10**9}"


class Guide:
    """Shared state between steps: the connection and the objects created so far."""

    def __init__(self, argv: list[str]) -> None:
        self.argv = argv
        self.cm: Cytomine | None = None
        self.objects: dict[str, Any] = {}

    def __getitem__(self, key: str) -> Any:
        if key not in self.objects:
            raise AssertionError(f"needs '{key}', which an earlier step did not produce")
        return self.objects[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.objects[key] = value


Step = tuple[str, Callable[[Guide], str]]


def parse_options(argv: list[str]) -> argparse.Namespace:
    """Our own options; the connection options are left for `Cytomine.connect_from_cli`."""
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--keep-going", action="store_true", help="run every step even after a failure")
    options, _ = parser.parse_known_args(argv)
    return options


def run(steps: list[Step], argv: list[str]) -> int:
    """Run `steps` in order; return the process exit status (0 when all passed)."""
    if not __debug__:
        print("the checks are plain asserts: run without python -O", flush=True)
        return 2
    options = parse_options(argv)
    guide = Guide(argv)
    failed = []
    for name, step in steps:
        started = time.monotonic()
        try:
            summary = step(guide)
        except AssertionError as e:
            print(f"[FAIL] {name}: {e}", flush=True)
            failed.append(name)
        except Exception as e:  # a client-side crash on a malformed answer is a failure too
            print(f"[FAIL] {name}: {type(e).__name__}: {e}", flush=True)
            traceback.print_exc(file=sys.stdout)
            failed.append(name)
        else:
            print(f"[ok]   {name}: {summary} ({time.monotonic() - started:.2f}s)", flush=True)
            continue
        if not options.keep_going:
            break
    if failed:
        print(f"FAILED: {len(failed)} step(s): {', '.join(failed)}", flush=True)
        return 1
    print(f"PASSED: all {len(steps)} steps", flush=True)
    return 0
