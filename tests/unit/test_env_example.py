"""``.env.example`` names every setting the panel reads, and nothing it does not."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# python-ovh reads these itself (ConfigurationManager), besides app/config.py's own.
OVH_KEYS = {
    "OVH_ENDPOINT",
    "OVH_APPLICATION_KEY",
    "OVH_APPLICATION_SECRET",
    "OVH_CONSUMER_KEY",
    "OVH_CLIENT_ID",
    "OVH_CLIENT_SECRET",
}


def test_every_setting_read_is_in_the_example_and_no_other() -> None:
    config = (ROOT / "app" / "config.py").read_text()
    read = set(re.findall(r'_env(?:_bool|_float)?\("([A-Z][A-Z0-9_]*)"', config)) | OVH_KEYS
    example = (ROOT / ".env.example").read_text()
    listed = set(re.findall(r"^([A-Z][A-Z0-9_]*)=", example, re.MULTILINE))
    assert read - listed == set(), "add these to .env.example"
    assert listed - read == set(), "the panel does not read these"
