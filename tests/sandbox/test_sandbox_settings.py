"""The sandbox's FTP/SSH users, PHP configurations and scheduled jobs: OVH's rules, tasks and
trigger inputs, through the real ovh.Client."""

from __future__ import annotations

from typing import Any

import ovh
import pytest

from tests.support.sandbox_control import EXAMPLE, EXAMPLE2, EXAMPLE3

USERS = f"/hosting/web/{EXAMPLE}/user"
CONFIG = f"/hosting/web/{EXAMPLE}/ovhConfig"
CRON = f"/hosting/web/{EXAMPLE}/cron"
NEW_USER = {"login": "example-marie", "home": "./shop", "password": "Secret123"}
JOB = {"command": "./www/job.php", "frequency": "0 3 * * *", "language": "php8.2"}


def task_status(client: ovh.Client, service: str, task: dict[str, Any]) -> str:
    return str(client.get(f"/hosting/web/{service}/tasks/{task['id']}")["status"])


def test_a_new_user_is_created_by_a_task_and_shows_its_connection_details(
    client: ovh.Client,
) -> None:
    task = client.post(USERS, **NEW_USER, sshState="sftponly")
    assert task["function"] == "user/create" and task["objectType"] == "User"
    assert task_status(client, EXAMPLE, task) == "done"
    user = client.get(f"{USERS}/example-marie")
    assert user["home"] == "./shop" and user["sshState"] == "sftponly"
    assert user["isPrimaryAccount"] is False and user["state"] == "rw"
    ftp = user["serviceManagementCredentials"]["ftp"]
    assert ftp == {"port": 21, "url": "ftp.cluster01.hosting.ovh.net", "user": "example-marie"}


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"login": "marie"}, "must be 'example-' followed by"),
        ({"login": "example-marie.x"}, "must be 'example-' followed by"),
        ({"login": "example-" + "a" * 13}, "20 characters at most"),
        ({"home": "../other"}, "Invalid home"),
        ({"home": "/homez.123/example"}, "Invalid home"),
        ({"password": "alllower1"}, "8 to 30 letters and digits"),
        ({"login": "example-agency"}, "already exists"),
    ],
)
def test_a_user_breaking_ovhs_rules_is_refused(
    client: ovh.Client, change: dict[str, Any], words: str
) -> None:
    with pytest.raises(
        (ovh.exceptions.BadParametersError, ovh.exceptions.ResourceConflictError)
    ) as caught:
        client.post(USERS, **{**NEW_USER, **change})
    assert words in str(caught.value)


def test_a_plan_with_a_single_login_refuses_new_ones(client: ovh.Client) -> None:
    with pytest.raises(ovh.exceptions.APIError, match="does not allow additional FTP users"):
        client.post(f"/hosting/web/{EXAMPLE2}/user", **{**NEW_USER, "login": "example2-marie"})


def test_the_primary_login_cannot_be_deleted_moved_or_disabled(client: ovh.Client) -> None:
    with pytest.raises(ovh.exceptions.APIError, match="cannot be deleted"):
        client.delete(f"{USERS}/example")
    with pytest.raises(ovh.exceptions.APIError, match="cannot be moved or disabled"):
        client.put(f"{USERS}/example", state="off")
    client.put(f"{USERS}/example", sshState="sftponly")
    assert client.get(f"{USERS}/example")["sshState"] == "sftponly"


def test_a_login_ending_in_fail_ends_its_task_cancelled_and_is_gone(client: ovh.Client) -> None:
    task = client.post(USERS, **{**NEW_USER, "login": "example-testfail"})
    assert task_status(client, EXAMPLE, task) == "cancelled"
    assert "example-testfail" not in client.get(USERS)


def test_password_update_and_delete_are_tasks(client: ovh.Client) -> None:
    task = client.post(f"{USERS}/example-agency/changePassword", password="Another123")
    assert task["function"] == "user/changePassword"
    client.put(f"{USERS}/example-agency", state="off")
    assert client.get(f"{USERS}/example-agency")["state"] == "off"
    done = client.get(f"/hosting/web/{EXAMPLE}/tasks", function="user/update")
    assert done
    task = client.delete(f"{USERS}/example-agency")
    assert task["function"] == "user/delete"
    assert "example-agency" not in client.get(USERS)


def test_a_php_change_keeps_the_old_configuration_to_roll_back_to(client: ovh.Client) -> None:
    assert client.get(CONFIG, historical=False) == [1001, 1003]
    task = client.post(f"{CONFIG}/1001/changeConfiguration", engineVersion="8.3")
    assert task["function"] == "ovhConfig/update"
    assert client.get(f"{CONFIG}/1001")["engineVersion"] == "8.3"
    earlier = client.get(CONFIG, historical=True)
    assert len(earlier) == 2
    newest = max(earlier)
    assert client.get(f"{CONFIG}/{newest}")["engineVersion"] == "8.1"
    task = client.post(f"{CONFIG}/1001/rollback", rollbackId=newest)
    assert task["function"] == "ovhConfig/rollback"
    assert client.get(f"{CONFIG}/1001")["engineVersion"] == "8.1"


def test_php_refuses_what_the_plan_cannot_run(client: ovh.Client) -> None:
    with pytest.raises(ovh.exceptions.BadParametersError, match="not one of"):
        client.post(f"{CONFIG}/1001/changeConfiguration", engineVersion="9.9")
    with pytest.raises(ovh.exceptions.BadParametersError, match="not available on this hosting"):
        client.post(f"{CONFIG}/1001/changeConfiguration", engineVersion="5.4")
    with pytest.raises(ovh.exceptions.BadParametersError, match=r"cannot run PHP 8\.3"):
        client.post(f"{CONFIG}/1001/changeConfiguration", engineVersion="8.3", container="legacy")
    with pytest.raises(ovh.exceptions.BadParametersError, match="not an earlier configuration"):
        client.post(f"{CONFIG}/1001/rollback", rollbackId=1003)


def test_the_retired_32_bit_image_ends_the_change_cancelled(client: ovh.Client) -> None:
    task = client.post(
        f"{CONFIG}/1001/changeConfiguration", engineVersion="7.0", container="jessie.i386"
    )
    assert task_status(client, EXAMPLE, task) == "cancelled"
    assert client.get(f"{CONFIG}/1001")["engineVersion"] == "8.1"


def test_jobs_are_created_changed_and_deleted_by_tasks(client: ovh.Client) -> None:
    task = client.post(CRON, **JOB)
    assert task["function"] == "cron/create"
    created = max(client.get(CRON))
    job = client.get(f"{CRON}/{created}")
    assert job["state"] == "created" and job["status"] == "enabled"
    assert client.put(f"{CRON}/{created}", **{**JOB, "status": "disabled"}) == (
        "The cron will be updated"
    )
    assert client.get(f"{CRON}/{created}")["status"] == "disabled"
    assert client.delete(f"{CRON}/{created}")["function"] == "cron/delete"
    with pytest.raises(ovh.exceptions.ResourceNotFoundError):
        client.get(f"{CRON}/{created}")


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"command": "../job.php"}, "inside your hosting's home"),
        ({"command": "/etc/job.php"}, "inside your hosting's home"),
        ({"frequency": "0 3 * *"}, "five crontab fields"),
        ({"frequency": "0 24 * * *"}, "out of range"),
        ({"language": "php4"}, "not available on this hosting"),
        ({"email": "nobody"}, "Invalid email"),
        ({"status": "suspended"}, "suspended by OVH only"),
    ],
)
def test_a_job_breaking_ovhs_rules_is_refused(
    client: ovh.Client, change: dict[str, Any], words: str
) -> None:
    with pytest.raises(ovh.exceptions.BadParametersError) as caught:
        client.post(CRON, **{**JOB, **change})
    assert words in str(caught.value)


def test_a_failing_script_name_ends_its_task_cancelled(client: ovh.Client) -> None:
    before = set(client.get(f"/hosting/web/{EXAMPLE3}/cron"))
    task = client.post(f"/hosting/web/{EXAMPLE3}/cron", **{**JOB, "command": "./www/fail-x.php"})
    assert task_status(client, EXAMPLE3, task) == "cancelled"
    assert set(client.get(f"/hosting/web/{EXAMPLE3}/cron")) == before
