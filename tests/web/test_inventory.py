"""The inventory: every plan the person may see, as CSV, XLSX and JSON, at a few OVH calls each."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from app.extensions import ovh_api
from app.inventory.loaders import CALLS_PER_PLAN, DNS_CHECKS
from app.services import ssl
from tests.support.certificates import chain_pem, intermediate, leaf
from tests.support.forms import csrf_token, hidden_fields
from tests.support.panel_data import GRANTED_SERVICE, OTHER_SERVICE

EN = {"Accept-Language": "en"}
AGENCY = "example3.cluster03.hosting.ovh.net"  # a certificate per domain (multipleSSL)
FR = {"Accept-Language": "fr"}


def test_the_hosting_list_leads_to_the_inventory_page(admin_client: FlaskClient) -> None:
    html = admin_client.get("/hosting/", headers=EN).get_data(as_text=True)
    assert 'href="/inventory/"' in html
    page = admin_client.get("/inventory/", headers=EN).get_data(as_text=True)
    assert "/inventory/inventory.xlsx" in page and "/inventory/inventory.json" in page
    assert "/inventory/domains.csv" in page and "Passwords are never included" in page


def test_json_holds_every_sheet_with_ovh_values(admin_client: FlaskClient) -> None:
    answer = admin_client.get("/inventory/inventory.json", headers=EN)
    assert answer.mimetype == "application/json"
    disposition = answer.headers["Content-Disposition"]
    assert re.fullmatch(r'attachment; filename="inventory-all-\d{4}-\d\d-\d\d\.json"', disposition)
    data = json.loads(answer.get_data(as_text=True))
    assert {GRANTED_SERVICE, OTHER_SERVICE} <= {plan["plan"] for plan in data["plans"]}
    granted = [d for d in data["domains"] if d["plan"] == GRANTED_SERVICE]
    shop = next(d for d in granted if d["domain"] == "example.com")
    assert shop["https"] is True and shop["https_covered"] is True
    assert shop["dns"] in {"points_here", "points_elsewhere", "not_configured", "pending"}
    (certificate,) = [c for c in data["certificates"] if c["plan"] == GRANTED_SERVICE]
    assert certificate["provider"] == "LETSENCRYPT" and "example.com" in certificate["covers"]
    databases = [d for d in data["databases"] if d["plan"] == GRANTED_SERVICE]
    assert databases and all(d["engine"] and d["version"] for d in databases)
    assert not any(
        "password" in key
        for sheet in data.values()
        if isinstance(sheet, list)
        for row in sheet
        for key in row
    )


def test_a_staff_member_gets_only_the_plans_granted(
    staff_client: Callable[[str], FlaskClient],
) -> None:
    client = staff_client("view")
    data = json.loads(client.get("/inventory/inventory.json").get_data(as_text=True))
    assert {plan["plan"] for plan in data["plans"]} == {GRANTED_SERVICE}
    assert {row["plan"] for row in data["domains"]} == {GRANTED_SERVICE}


def test_csv_speaks_the_persons_language(admin_client: FlaskClient) -> None:
    answer = admin_client.get("/inventory/domains.csv", headers=FR)
    assert answer.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(answer.get_data(as_text=True))))
    assert rows[0][:2] == ["Hébergement (nom technique)", "Domaine"]
    shop = next(row for row in rows if row[1] == "example.com" and row[0] == GRANTED_SERVICE)
    assert "Oui" in shop and "Prête" not in rows[0]
    assert admin_client.get("/inventory/nothing.csv").status_code == 404


def test_xlsx_is_a_workbook_with_one_sheet_each(admin_client: FlaskClient) -> None:
    answer = admin_client.get("/inventory/inventory.xlsx", headers=EN)
    assert (answer.mimetype or "").endswith("spreadsheetml.sheet")
    book = zipfile.ZipFile(io.BytesIO(answer.get_data()))
    workbook = book.read("xl/workbook.xml").decode()
    names = re.findall(r'<sheet name="([^"]+)"', workbook)
    assert names == [
        "Hosting plans",
        "Domains",
        "Certificates",
        "Databases",
        "Applications",
        "FTP logins",
    ]
    strings = book.read("xl/sharedStrings.xml").decode()
    assert GRANTED_SERVICE in strings and "Let's Encrypt" in strings.replace("&apos;", "'")
    assert "Points to this hosting" in strings or "Not checked yet" in strings
    assert "WordPress" in strings and "wp-admin" not in strings  # the application, by its name
    assert "FTP and SFTP" in strings or "FTP only" in strings  # a login's access, in words
    assert "No end date: OVH renews it automatically" in strings
    domains = book.read("xl/worksheets/sheet2.xml").decode()
    assert "<autoFilter" in domains and "<pane" in domains  # filters, and the titles stay in view


def test_json_lists_applications_and_ftp_logins_without_passwords(
    admin_client: FlaskClient,
) -> None:
    data = json.loads(admin_client.get("/inventory/inventory.json").get_data(as_text=True))
    (blog,) = [a for a in data["applications"] if a["plan"] == GRANTED_SERVICE]
    assert blog["application"] == "WordPress" and blog["version"]
    assert blog["folder"] == "blog" and blog["addresses"] == "blog.example.com"
    assert blog["database"].startswith("exampleblog") and blog["status"] == "created"
    logins = [u for u in data["ftp"] if u["plan"] == GRANTED_SERVICE]
    main = next(u for u in logins if u["primary"])
    assert (
        main["login"] == "example"
        and main["home"]
        and main["ssh"] in {"none", "sftponly", "active"}
    )
    assert main["ftp_server"].startswith("ftp.cluster01.hosting.ovh.net:")
    assert {row["plan"] for row in data["ftp"]} == {plan["plan"] for plan in data["plans"]}
    text = json.dumps(data)
    assert "password" not in text.lower()


def test_a_lets_encrypt_certificate_says_ovh_renews_it(admin_client: FlaskClient) -> None:
    data = json.loads(admin_client.get("/inventory/inventory.json").get_data(as_text=True))
    (certificate,) = [c for c in data["certificates"] if c["plan"] == GRANTED_SERVICE]
    assert certificate["expires"] is None and certificate["expires_known"] == "renewed_by_ovh"
    rows = list(csv.reader(io.StringIO(
        admin_client.get("/inventory/certificates.csv", headers=FR).get_data(as_text=True)
    )))  # fmt: skip
    assert "Se termine le" in rows[0] and "À propos de la date de fin" in rows[0]
    assert any("OVH le renouvelle" in cell for row in rows for cell in row)


def test_applications_and_ftp_logins_as_csv(admin_client: FlaskClient) -> None:
    apps = admin_client.get("/inventory/applications.csv", headers=EN).get_data(as_text=True)
    rows = list(csv.reader(io.StringIO(apps)))
    assert rows[0][:4] == ["Plan (technical name)", "Application", "Version", "Folder"]
    assert any(row[1] == "WordPress" and row[3] == "blog" and "Ready" in row for row in rows)
    ftp = admin_client.get("/inventory/ftp.csv", headers=FR).get_data(as_text=True)
    rows = list(csv.reader(io.StringIO(ftp)))
    assert rows[0][:3] == ["Hébergement (nom technique)", "Identifiant", "Identifiant principal"]
    assert any(row[1] == "example" and row[2] == "Oui" for row in rows)


@pytest.mark.cached  # as in production: DNS verdicts kept, at most 3 asked per plan now
def test_it_costs_a_few_ovh_calls_per_plan(admin_client: FlaskClient, sandbox: Any) -> None:
    admin_client.get("/hosting/", headers=EN)  # python-ovh's first clock sync out of the count
    sandbox.clear_stats()
    data = json.loads(admin_client.get("/inventory/inventory.json").get_data(as_text=True))
    plans = len(data["plans"])
    calls = sum(sandbox.stats()["by_route"].values())
    versions = len({(a["application"], a["version"]) for a in data["applications"]})
    # The list of plans once; per plan its domains, certificate (2), databases, applications and
    # FTP logins; at most 3 DNS; and each application version once for the whole account.
    assert calls <= 1 + plans * (CALLS_PER_PLAN + DNS_CHECKS) + versions, sandbox.stats()
    assert CALLS_PER_PLAN == 6 and DNS_CHECKS == 3  # the numbers the page's help and README say


def import_through_the_panel(client: FlaskClient, ends: datetime) -> None:
    issued = leaf("example.org", "www.example.org", not_after=ends)
    url = f"/hosting/{OTHER_SERVICE}/ssl/import"
    token = csrf_token(client.get(url, headers=EN).get_data(as_text=True))
    fields = {"csrf_token": token, "certificate": issued.pem, "key": issued.key_pem}
    review = client.post(url, data={**fields, "chain": chain_pem(intermediate())}, headers=EN)
    answer = client.post(url, data=hidden_fields(review.get_data(as_text=True)), headers=EN)
    assert answer.status_code == 302 and "/tasks/" in answer.location


def test_a_certificate_installed_through_the_panel_has_its_end_date(
    admin_client: FlaskClient, sandbox: Any
) -> None:
    sandbox.reset()
    ends = datetime.now(UTC) + timedelta(days=75)
    import_through_the_panel(admin_client, ends)
    data = json.loads(admin_client.get("/inventory/inventory.json").get_data(as_text=True))
    (row,) = [c for c in data["certificates"] if c["plan"] == OTHER_SERVICE]
    assert row["provider"] == "CUSTOM" and row["expires_known"] == "imported"
    assert row["expires"] == ends.date().isoformat()
    rows = list(csv.reader(io.StringIO(
        admin_client.get("/inventory/certificates.csv", headers=EN).get_data(as_text=True)
    )))  # fmt: skip
    mine = next(r for r in rows if r[0] == OTHER_SERVICE)
    assert ends.date().isoformat() in mine
    assert "Read from the certificate when it was installed through the panel" in mine


def test_a_certificate_installed_elsewhere_has_no_known_end(
    admin_client: FlaskClient, app: Flask, sandbox: Any
) -> None:
    sandbox.reset()
    issued = leaf("example.org", not_after=datetime.now(UTC) + timedelta(days=75))
    with app.app_context():  # straight to OVH, as another tool or OVH's control panel would
        ssl.import_certificate(
            ovh_api.gateway, OTHER_SERVICE, issued.pem, issued.key_pem, chain_pem(intermediate())
        )
    data = json.loads(admin_client.get("/inventory/inventory.json").get_data(as_text=True))
    (row,) = [c for c in data["certificates"] if c["plan"] == OTHER_SERVICE]
    assert row["provider"] == "CUSTOM"
    assert (row["expires"], row["expires_known"]) == (None, "unknown")


def test_a_plan_with_a_certificate_per_domain_lists_each(admin_client: FlaskClient) -> None:
    data = json.loads(admin_client.get("/inventory/inventory.json").get_data(as_text=True))
    mine = [c for c in data["certificates"] if c["plan"] == AGENCY]
    assert {c["covers"] for c in mine} == {"example.net", "www.example.net"}
    own = next(c for c in mine if c["covers"] == "example.net")
    assert own["provider"] == "LETSENCRYPT" and own["expires_known"] == "renewed_by_ovh"
    domains = {d["domain"]: d for d in data["domains"] if d["plan"] == AGENCY}
    assert domains["example.net"]["https_covered"] is True
    assert domains["app.example.net"]["https_covered"] is False  # HTTPS asked, no certificate
    assert domains["api.example.net"]["https_covered"] is None  # HTTPS not asked
