#!/usr/bin/env python3
"""Run the official client's own test suite (cytomine-python-client 4.3.0, from its PyPI sdist)
against a Cytomine server, e.g. the emulator binary.

    python run_suite.py --host http://127.0.0.1:8080 --public_key PUB --private_key PRIV \
        [--sdist DIR_OR_TARBALL] [-- extra pytest arguments]

The sdist ships `tests/test_*.py` without `conftest.py`, `__init__.py` or `data/`; this script
copies its tests into a temporary `tests/` package next to our `conftest.py` (docs/protocol.md §6.5) and
`data/attached_file.txt` (13 bytes, `attached file`), then runs pytest there with this interpreter,
which must have `cytomine-python-client==4.3.0` and `pytest` installed. `--sdist` defaults to
`$CYTOMINE_PY_SDIST` (tests/python_suite.rs passes the sdist it downloaded); without either, the sdist is
fetched with `pip download --no-deps --no-binary :all:` into a temporary folder.

pytest runs verbose (one `<node id> <OUTCOME>` line per test, which `tests/python_suite.rs`
reads), without its cache, and without replaying captured output in failure reports: with the
client's DEBUG logging that output holds request signatures and the answer carrying the private
key. Add `-- --show-capture=all` to see it. The exit status is pytest's.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
PACKAGE = "cytomine-python-client==4.3.0"


def sdist_tests(source: str | None, scratch: Path) -> Path:
    """The `tests/` folder of the sdist: a directory, a tarball, or downloaded."""
    if source is None:
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary", ":all:",
             PACKAGE, "-d", str(scratch / "dl")],
            check=True,
        )
        source = str(next((scratch / "dl").glob("cytomine_python_client-*.tar.gz")))
    path = Path(source)
    if path.is_file():
        with tarfile.open(path) as archive:
            archive.extractall(scratch / "sdist", filter="data")
        path = next((scratch / "sdist").glob("cytomine_python_client-*"))
    tests = path / "tests" if (path / "tests").is_dir() else path
    if not any(tests.glob("test_*.py")):
        raise SystemExit(f"no test_*.py under {tests}")
    return tests


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", required=True)
    parser.add_argument("--public_key", required=True)
    parser.add_argument("--private_key", required=True)
    parser.add_argument(
        "--sdist",
        default=os.environ.get("CYTOMINE_PY_SDIST") or None,
        help="the unpacked sdist, its tests/ folder, or the .tar.gz (default: $CYTOMINE_PY_SDIST)",
    )
    args, extra = parser.parse_known_args()
    with tempfile.TemporaryDirectory(prefix="cytomine-suite-") as tmp:
        scratch = Path(tmp)
        tests = scratch / "run" / "tests"
        shutil.copytree(sdist_tests(args.sdist, scratch), tests)
        (tests / "__init__.py").write_text("")
        shutil.copy(HERE / "conftest.py", tests / "conftest.py")
        (tests / "data").mkdir(exist_ok=True)
        (tests / "data" / "attached_file.txt").write_bytes(b"attached file")
        command = [
            sys.executable, "-m", "pytest", "tests", "-p", "no:cacheprovider", "-v", "-rfEs",
            "--show-capture=no",
            "--host", args.host, "--public_key", args.public_key, "--private_key", args.private_key,
            *[a for a in extra if a != "--"],
        ]
        return subprocess.run(command, cwd=scratch / "run", check=False).returncode


if __name__ == "__main__":
    sys.exit(main())
