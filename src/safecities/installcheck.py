"""Exit 0 if this interpreter holds exactly the packages a lock file pins, and every module of
the project imports with them; 1 if not (used by `make check-production-install`).

Run by the production virtual environment against `requirements.lock`: a development
package there (pytest, Playwright, ruff…) or a production module that needs one fails it.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import sys
from importlib import metadata
from pathlib import Path

# The installer's own tools, present in every virtual environment; never pinned by the lock.
INSTALLER = {"pip", "setuptools", "wheel"}
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)")


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pinned(lock: Path) -> dict[str, str]:
    return {canonical(match[1]): match[2] for line in lock.read_text().splitlines()
            if (match := PIN.match(line))}


def installed() -> dict[str, str]:
    return {canonical(dist.metadata["Name"]): dist.version for dist in metadata.distributions()
            if canonical(dist.metadata["Name"]) not in INSTALLER | {"safecities"}}


def differences(lock: dict[str, str], present: dict[str, str]) -> list[str]:
    found = []
    for name in sorted(present.keys() - lock.keys()):
        found.append(f"installed but not in the lock: {name}=={present[name]}")
    for name in sorted(lock.keys() - present.keys() - INSTALLER):
        found.append(f"in the lock but not installed: {name}=={lock[name]}")
    for name in sorted(lock.keys() & present.keys()):
        if lock[name] != present[name]:
            found.append(f"{name}: locked {lock[name]}, installed {present[name]}")
    return found


def import_every_module() -> list[str]:
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "safecities.settings")
    django.setup()
    import safecities

    failures = []
    for module in pkgutil.walk_packages(safecities.__path__, "safecities."):
        try:
            importlib.import_module(module.name)
        except ImportError as error:
            failures.append(f"{module.name} does not import: {error}")
    return failures


def main() -> int:
    problems = differences(pinned(Path(sys.argv[1])), installed()) + import_every_module()
    for problem in problems:
        print(problem, file=sys.stderr)
    if not problems:
        print(f"The install holds exactly the {len(installed())} packages of {sys.argv[1]}.")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
