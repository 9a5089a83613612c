"""Creating a database in a real browser: versions follow the engine, and the task page and the
list both go from creating to created by themselves, without a reload."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from werkzeug.serving import make_server

from app.extensions import db
from app.sandbox.config import SandboxConfig
from app.sandbox.testing import running_sandbox
from tests.conftest import TEST_PASSWORDS, UserFactory, make_app

pytestmark = pytest.mark.e2e

SERVICE = "example.cluster01.hosting.ovh.net"
DATABASES = f"/hosting/{SERVICE}/databases"
# Slow enough for a person (and the test) to see "creating" before "created".
TASK_SECONDS = 2.0


@pytest.fixture
def slow_panel(database_url: str, tmp_path: Path) -> Iterator[str]:
    """The panel on its own sandbox whose tasks take a few seconds, as on OVH."""
    config = SandboxConfig(db_path=str(tmp_path / "sandbox.db"), task_seconds=TASK_SECONDS)
    with running_sandbox(config) as sandbox_url:
        app = make_app(sandbox_url, database_url)
        UserFactory(app).make("admin@example.com", "admin", TEST_PASSWORDS["admin"])
        server = make_server("127.0.0.1", 0, app, threaded=True)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield f"http://127.0.0.1:{server.server_port}"
        finally:
            server.shutdown()
            server.server_close()
            thread.join(timeout=5)
            with app.app_context():
                for table in reversed(db.metadata.sorted_tables):
                    db.session.execute(table.delete())
                db.session.commit()
                db.engine.dispose()


def test_a_new_database_goes_from_creating_to_created_without_a_reload(
    browser: Any, slow_panel: str
) -> None:
    context = browser.new_context(base_url=slow_panel, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto("/auth/sign-in")
    page.get_by_label("Email").fill("admin@example.com")
    page.get_by_label("Password").fill(TEST_PASSWORDS["admin"])
    page.get_by_role("button", name="Sign in").click()

    page.goto(DATABASES + "/new")
    assert page.get_by_role("button", name="Update versions").is_hidden()
    version = page.get_by_label("Version")
    assert version.input_value() == "8.0"
    page.get_by_label("Database engine").select_option("postgresql")
    page.locator("#version option[value='12']").wait_for(state="attached")
    assert version.input_value() == "15"
    page.get_by_label("User name").fill("shop")
    page.get_by_label("Password", exact=True).fill("Shop2024pass")
    page.get_by_label("Password again").fill("Shop2024pass")
    page.get_by_role("button", name="Create the database").click()

    page.wait_for_url("**/tasks/*")
    page.evaluate("window.stillTheSamePage = true")
    assert page.get_by_role("heading", name="Creating the database exampleshop.postgres.db")
    # The list, opened meanwhile in a second tab, shows the database being created.
    listing = context.new_page()
    listing.set_default_timeout(15_000)
    listing.goto(DATABASES + "/")
    listing.evaluate("window.stillTheSamePage = true")
    row_status = listing.locator("#status-exampleshop-postgres-db")
    first_seen = row_status.get_attribute("data-status")

    page.locator('[data-status="done"]').wait_for()
    assert page.evaluate("window.stillTheSamePage") is True
    row_status.and_(listing.locator('[data-status="created"]')).wait_for()
    assert listing.evaluate("window.stillTheSamePage") is True
    assert first_seen == "creating"
    assert listing.get_by_role("rowheader", name="exampleshop.postgres.db").is_visible()

    page.get_by_role("link", name="See the result").click()
    page.wait_for_url(f"**{DATABASES}/")
    assert page.get_by_text("PostgreSQL 15").is_visible()
    context.close()
