"""Check every version pinned in the lock files against PyPI's own advisory list.

pip-audit asks PyPI for ``/pypi/<name>/<version>/json`` and reads its ``vulnerabilities``. Where
that address is not served (some PyPI mirrors serve only ``/pypi/<name>/json``), this reads the
same list from the project's page when the pinned version is the newest, and says which pins it
could not check. It fails on any known advisory. Usage: python scripts/audit_lock.py FILE…
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import requests

PIN = re.compile(r"^([A-Za-z0-9_.\-]+)==([^\s\\;]+)", re.MULTILINE)
PYPI = "https://pypi.org/pypi"


def pins(paths: list[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    for path in paths:
        for name, version in PIN.findall(Path(path).read_text()):
            found[name.lower()] = version
    return found


def advisories(http: requests.Session, name: str, version: str) -> list[dict[str, object]] | None:
    """PyPI's advisories for this release, or ``None`` when PyPI does not say."""
    answer = http.get(f"{PYPI}/{name}/{version}/json", timeout=20)
    if answer.status_code == 200:
        return list(answer.json().get("vulnerabilities") or [])
    project = http.get(f"{PYPI}/{name}/json", timeout=20)
    if project.status_code == 200 and project.json()["info"]["version"] == version:
        return list(project.json().get("vulnerabilities") or [])
    return None


def main(paths: list[str]) -> int:
    unknown, bad = [], []
    with requests.Session() as http:
        for name, version in sorted(pins(paths).items()):
            found = advisories(http, name, version)
            if found is None:
                unknown.append(f"{name}=={version}")
            for advisory in found or []:
                versions = advisory.get("fixed_in") or []
                fixed = ", ".join(str(v) for v in versions) if isinstance(versions, list) else ""
                bad.append(f"{name}=={version}: {advisory.get('id')} (fixed in {fixed or '-'})")
    checked = len(pins(paths)) - len(unknown)
    print(f"audit: {checked} pins checked against PyPI's advisories, {len(bad)} with an advisory")
    if unknown:
        print("not checked (PyPI gave no advisory list for these versions): " + ", ".join(unknown))
    for line in bad:
        print("ADVISORY " + line)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
