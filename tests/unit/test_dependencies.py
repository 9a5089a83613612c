"""The locks pin every dependency with hashes, agree with pyproject.toml's ranges, and no range
admits a version with a known advisory."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement

REPO = Path(__file__).resolve().parents[2]
PIN = re.compile(
    r"^([A-Za-z0-9_.\-]+)==([^\s\\;]+)((?:\s*\\\n\s*--hash=sha256:[0-9a-f]{64})+)", re.M
)
# Versions with a published advisory that a range must not admit (name, version, advisory).
KNOWN_BAD = [
    ("requests", "2.32.3", "CVE-2024-47081"),
    ("flask", "3.1.0", "CVE-2025-47278"),
    ("cryptography", "44.0.0", "CVE-2024-12797"),
]


def _requirements() -> list[Requirement]:
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    extras = [r for group in project["optional-dependencies"].values() for r in group]
    return [Requirement(r) for r in [*project["dependencies"], *extras]]


def _pins(name: str) -> dict[str, str]:
    text = (REPO / name).read_text()
    pins = {m.group(1).lower(): m.group(2) for m in PIN.finditer(text)}
    listed = re.findall(r"^[A-Za-z0-9_.\-]+==", text, re.M)
    assert len(pins) == len(listed), f"{name}: every pin carries its hashes"
    return pins


def test_no_range_admits_a_version_with_a_known_advisory() -> None:
    by_name = {r.name.lower(): r for r in _requirements()}
    for name, version, advisory in KNOWN_BAD:
        assert version not in by_name[name].specifier, f"{name} {version} ({advisory})"


def test_the_locks_pin_every_dependency_within_its_range() -> None:
    runtime, dev = _pins("requirements.lock"), _pins("requirements-dev.lock")
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    for line in project["dependencies"]:
        requirement = Requirement(line)
        name = requirement.name.lower()
        assert name in runtime and name in dev, name
        assert runtime[name] in requirement.specifier, (name, runtime[name])
        assert runtime[name] == dev[name], f"{name}: the image and CI run the same version"
