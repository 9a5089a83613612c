"""The Domains tab through the real pages: list, attach, modify, detach, with CSRF."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from flask.testing import FlaskClient

from tests.support.forms import attach, csrf_token, submit
from tests.support.panel_data import GRANTED_SERVICE

DOMAINS = f"/hosting/{GRANTED_SERVICE}/domains"
EN = {"Accept-Language": "en"}


def test_the_list_shows_each_domain_and_its_settings_in_one_ovh_round_trip(
    admin_client: FlaskClient, sandbox: Any
) -> None:
    admin_client.get(DOMAINS + "/", headers=EN)  # python-ovh's first clock sync out of the count
    sandbox.clear_stats()
    html = admin_client.get(DOMAINS + "/", headers=EN).get_data(as_text=True)
    assert '<span title="xn--caf-dma.example.com">café.example.com</span>' in html
    assert "Attach a domain" in html
    assert "Checking…" in html and "js/dns-diagnosis.js" in html
    # The certificate's names, read in the same round trip, tell which HTTPS is only pending.
    assert sorted(sandbox.stats()["by_route"]) == [
        "GET /hosting/web/{serviceName}",
        "GET /hosting/web/{serviceName}/attachedDomain",
        "GET /hosting/web/{serviceName}/ssl/domains",
    ]


def test_the_dns_diagnosis_says_where_each_domain_points_and_what_to_create(
    admin_client: FlaskClient,
) -> None:
    fragment = admin_client.get(DOMAINS + "/dns", headers=EN).get_data(as_text=True)
    assert 'data-dns-for="example.com"' in fragment
    assert "Points to this hosting" in fragment and "Points elsewhere" in fragment
    assert "How to make it point here" in fragment
    inline = admin_client.get(DOMAINS + "/?dns=all", headers=EN).get_data(as_text=True)
    assert "Points elsewhere" in inline and "dns-pending" not in inline


def test_the_records_to_create_are_named_as_a_dns_editor_asks_and_can_be_copied(
    admin_client: FlaskClient,
) -> None:
    fragment = admin_client.get(DOMAINS + "/dns", headers=EN).get_data(as_text=True)
    cafe = fragment.split('data-dns-for="xn--caf-dma.example.com"')[1].split("data-dns-for=")[0]
    assert "example.com." not in cafe  # no trailing dot, no full name
    assert '<code class="user-select-all">café</code>' in cafe
    assert 'data-copy-text="café"' in cafe and 'data-copy-text="213.186.33.3"' in cafe
    assert "If the form refuses accents: xn--caf-dma" in cafe
    assert "Remove the A / AAAA records named “café”: they point elsewhere." in cafe
    assert '<code class="user-select-all">ovhcontrol</code>' in cafe  # the ownership TXT record
    assert "Only if example.com is not managed in this OVH account" in cafe
    assert "If OVH still says it cannot verify café.example.com" in cafe  # a subdomain: fallback
    assert '<code class="user-select-all">ovhcontrol.café</code>' in cafe
    assert "Check again" in cafe and "fresh=1" in cafe
    fine = fragment.split('data-dns-for="example.com"')[1].split("data-dns-for=")[0]
    assert "Points to this hosting" in fine and "Check again" not in fine


def test_checking_again_from_a_domains_steps_speaks_french(admin_client: FlaskClient) -> None:
    page = admin_client.get(DOMAINS + "/?dns=all&fresh=1", headers={"Accept-Language": "fr"})
    html = page.get_data(as_text=True)
    cafe = html.split('data-dns-for="xn--caf-dma.example.com"')[1].split("</td>")[0]
    assert "Créez ces enregistrements" in cafe and "Vérifier à nouveau" in cafe
    assert 'class="btn btn-sm btn-link px-0 dns-refresh"' in cafe and "fresh=1" in cafe


def test_attaching_a_main_domain_also_attaches_www_and_follows_both_tasks(
    admin_client: FlaskClient,
) -> None:
    answer = attach(admin_client, "shopping.example")
    assert answer.status_code == 302
    task_page = admin_client.get(answer.location, headers=EN).get_data(as_text=True)
    assert "Attaching shopping.example to Example shop" in task_page
    assert "Attaching www.shopping.example to Example shop" in task_page
    assert task_page.count('data-status="done"') == 2
    html = admin_client.get(DOMAINS + "/", headers=EN).get_data(as_text=True)
    assert "shopping.example" in html and "www.shopping.example" in html


def test_a_subdomain_is_attached_alone(admin_client: FlaskClient) -> None:
    answer = attach(admin_client, "news.example.com")
    assert answer.status_code == 302 and "also=" not in answer.location


def test_an_international_name_is_attached_in_its_ascii_form(admin_client: FlaskClient) -> None:
    answer = attach(admin_client, "Boutique-Café.example.com")
    assert answer.status_code == 302
    html = admin_client.get(DOMAINS + "/", headers=EN).get_data(as_text=True)
    assert '<span title="xn--boutique-caf-meb.example.com">boutique-café.example.com</span>' in html


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"domain": "not a domain"}, "domain", "This is not a valid domain name"),
        ({"domain": "https://shop example.org/"}, "domain", "This is not a valid domain name"),
        (
            {"domain": "ok.example.org", "path": ""},
            "path",
            "Choose a folder for this site, for example ok.example.org",
        ),
        (
            {"domain": "ok.example.org", "path": "./"},
            "path",
            "Choose a folder for this site, for example ok.example.org",
        ),
        ({"domain": "ok.example.org", "path": "www"}, "path", "This folder already shows"),
        ({"domain": "co.uk"}, "domain", "a domain extension shared by everyone"),
        ({"domain": ""}, "domain", "Type the address of the site"),
        ({"domain": "blog.example.com"}, "domain", "already attached to this hosting"),
        (
            {"domain": "ok.example.org", "path": "../secret"},
            "path",
            "must stay inside your home folder",
        ),
        ({"domain": "ok.example.org", "path": "/homez.123/www"}, "path", "without a leading slash"),
        ({"domain": "ok.example.org", "path": "www\x07"}, "path", "invisible control characters"),
        ({"domain": "ok.example.org", "path": "a" * 201}, "path", "at most 200 characters"),
        ({"domain": "ok.example.org", "path": "my site"}, "path", "Use only letters, digits"),
        (
            {"domain": "ok.example.org", "own_log": "nope.example.com"},
            "own_log",
            "Not a valid choice",
        ),
    ],
)
def test_each_check_answers_beside_its_field_and_keeps_what_was_typed(
    admin_client: FlaskClient, fields: dict[str, str], field: str, message: str
) -> None:
    answer = attach(admin_client, **{"domain": "x", **fields})
    html = answer.get_data(as_text=True)
    assert answer.status_code == 200
    assert f'id="{field}-errors"' in html
    errors = html.split(f'id="{field}-errors"', 1)[1].split("</div></div>", 1)[0]
    assert message in errors
    if fields.get("domain"):
        assert f'value="{fields["domain"]}"' in html


def test_ovh_refusing_a_domain_of_another_hosting_answers_beside_the_field(
    admin_client: FlaskClient,
) -> None:
    answer = attach(admin_client, "legacy.example.org")  # attached to example2 at OVH
    html = answer.get_data(as_text=True)
    assert answer.status_code == 200
    assert 'id="domain-errors"' in html
    assert "already attached to another hosting" in html
    assert "Reference for support: EU.sandbox" in html
    assert 'value="legacy.example.org"' in html


def test_modifying_shows_a_summary_before_anything_is_sent(admin_client: FlaskClient) -> None:
    url = f"{DOMAINS}/blog.example.com/modify"
    review = submit(admin_client, url, path="blog-v2", ssl="y", ip_location="", own_log="")
    html = review.get_data(as_text=True)
    assert review.status_code == 200
    assert "Confirm the changes to blog.example.com" in html
    assert "blog-v2" in html
    token = csrf_token(html)
    done = admin_client.post(
        url,
        data={
            "csrf_token": token,
            "path": "blog-v2",
            "ssl": "y",
            "ip_location": "",
            "own_log": "",
            "confirm": "y",
        },
        headers=EN,
    )
    assert done.status_code == 302 and "/tasks/" in done.location
    listing = admin_client.get(DOMAINS + "/", headers=EN).get_data(as_text=True)
    assert "<code>blog-v2</code>" in listing


def test_modifying_nothing_says_so(admin_client: FlaskClient) -> None:
    url = f"{DOMAINS}/blog.example.com/modify"
    answer = submit(admin_client, url, path="blog", ssl="y", ip_location="", own_log="")
    assert answer.status_code == 302
    assert "Nothing was changed" in admin_client.get(answer.location, headers=EN).get_data(
        as_text=True
    )


def test_detaching_names_what_stops_working_and_can_leave_dns_alone(
    admin_client: FlaskClient,
) -> None:
    url = f"{DOMAINS}/blog.example.com/detach"
    page = admin_client.get(url, headers=EN).get_data(as_text=True)
    assert "Detach blog.example.com?" in page
    assert "no longer see the site in the folder blog" in page
    assert "taken out of the hosting's SSL certificate" in page
    answer = submit(admin_client, url, leave_dns="y")
    assert answer.status_code == 302
    assert "Detaching blog.example.com from Example shop" in admin_client.get(
        answer.location, headers=EN
    ).get_data(as_text=True)
    assert "blog.example.com" not in admin_client.get(DOMAINS + "/", headers=EN).get_data(
        as_text=True
    )


def test_ovh_refusing_to_detach_the_default_domain_is_said_on_the_page(
    admin_client: FlaskClient,
) -> None:
    answer = submit(admin_client, f"{DOMAINS}/{GRANTED_SERVICE}/detach")
    html = answer.get_data(as_text=True)
    assert answer.status_code == 200
    assert "OVH refused to do this." in html
    assert "The default attached domain of a hosting cannot be detached" in html


def test_the_hostings_own_address_offers_no_detach(admin_client: FlaskClient) -> None:
    html = admin_client.get(DOMAINS + "/", headers=EN).get_data(as_text=True)
    row = next(row for row in html.split("</tr>") if f"/domains/{GRANTED_SERVICE}/modify" in row)
    assert ">Detach<" not in row
    page = admin_client.get(f"{DOMAINS}/{GRANTED_SERVICE}/detach", headers=EN).get_data(
        as_text=True
    )
    assert "the hosting's own address" in page
    assert "Detach the domain" not in page


def test_a_view_only_member_sees_no_attach_button_and_a_forged_post_is_refused(
    staff_client: Callable[[str], FlaskClient],
) -> None:
    client = staff_client("view")
    html = client.get(DOMAINS + "/", headers=EN).get_data(as_text=True)
    assert "Attach a domain" not in html and ">Modify<" not in html and ">Detach<" not in html
    forged = client.post(f"{DOMAINS}/attach", data={"domain": "evil.example.org"}, headers=EN)
    assert forged.status_code in (400, 403)
    with_token = client.post(
        f"{DOMAINS}/attach",
        data={"csrf_token": csrf_token(html), "domain": "evil.example.org", "path": "www"},
        headers=EN,
    )
    assert with_token.status_code == 403


def test_an_operator_attaches_and_asks_to_detach(
    staff_client: Callable[[str], FlaskClient],
) -> None:
    client = staff_client("operate")
    html = client.get(DOMAINS + "/", headers=EN).get_data(as_text=True)
    assert "Attach a domain" in html and ">Modify<" in html and ">Detach<" in html
    assert attach(client, "team.example.com").status_code == 302
    detach = client.get(f"{DOMAINS}/blog.example.com/detach", headers=EN)
    assert "Ask an administrator" in detach.get_data(as_text=True)


def test_a_refused_www_pair_is_said_and_the_main_domain_still_followed(
    admin_client: FlaskClient,
) -> None:
    other = "/hosting/example2.cluster02.hosting.ovh.net/domains/attach"
    assert (
        submit(admin_client, other, domain="www.pair.example", path="pair.example").status_code
        == 302
    )
    answer = attach(admin_client, "pair.example")
    assert answer.status_code == 302 and "also=" not in answer.location
    page = admin_client.get(answer.location, headers=EN).get_data(as_text=True)
    assert "Attaching pair.example to Example shop" in page
    assert "OVH refused www.pair.example" in page
    assert "already attached to another hosting" in page
