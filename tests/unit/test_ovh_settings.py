"""The OVH settings are read the way python-ovh reads them; a mix it would refuse on the first page
is refused at start, in plain words."""

from __future__ import annotations

import pytest

from app.config import ovh_settings


@pytest.fixture(autouse=True)
def no_ovh_conf(monkeypatch: pytest.MonkeyPatch, tmp_path: object) -> None:
    monkeypatch.chdir(str(tmp_path))
    monkeypatch.setenv("HOME", str(tmp_path))
    for name in (
        "OVH_ENDPOINT",
        "OVH_APPLICATION_KEY",
        "OVH_APPLICATION_SECRET",
        "OVH_CONSUMER_KEY",
        "OVH_CLIENT_ID",
        "OVH_CLIENT_SECRET",
    ):
        monkeypatch.delenv(name, raising=False)


@pytest.mark.parametrize(
    ("env", "said"),
    [
        (
            {
                "OVH_APPLICATION_KEY": "a",
                "OVH_APPLICATION_SECRET": "s",
                "OVH_CLIENT_ID": "c",
                "OVH_CLIENT_SECRET": "t",
            },
            "not both",
        ),
        ({"OVH_CLIENT_ID": "c"}, "needs both OVH_CLIENT_ID and OVH_CLIENT_SECRET"),
        ({"OVH_APPLICATION_KEY": "a"}, "needs both OVH_APPLICATION_KEY and OVH_APPLICATION_SECRET"),
    ],
)
def test_a_mix_python_ovh_would_refuse_is_refused_at_start(
    monkeypatch: pytest.MonkeyPatch, env: dict[str, str], said: str
) -> None:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(RuntimeError, match=said):
        ovh_settings()


def test_a_service_account_alone_is_an_oauth2_connection(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OVH_ENDPOINT", "ovh-eu")
    monkeypatch.setenv("OVH_CLIENT_ID", "c")
    monkeypatch.setenv("OVH_CLIENT_SECRET", "t")
    settings = ovh_settings()
    assert settings["endpoint"] == "ovh-eu"
    assert settings["client_id"] == "c" and not settings["application_key"]
