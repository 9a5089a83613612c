"""The attach form as a new user meets it: a folder of its own, the www. pair only where there is
one, an address pasted from the browser, and OVH pointing the domain here or not."""

from __future__ import annotations

from flask.testing import FlaskClient

from tests.support.forms import attach
from tests.support.panel_data import GRANTED_SERVICE

DOMAINS = f"/hosting/{GRANTED_SERVICE}/domains"
EN = {"Accept-Language": "en"}


def test_the_form_lists_the_plans_folders_and_what_each_shows(admin_client: FlaskClient) -> None:
    html = admin_client.get(f"{DOMAINS}/attach", headers=EN).get_data(as_text=True)
    assert 'value="www"' not in html.split('name="path"')[1].split(">")[0]  # no folder forced
    assert '<datalist id="known-folders">' in html and '<option value="www">' in html
    www = html.split("<code>www</code> — ")[1].split("</li>")[0]
    assert "example.com, www.example.com" in www and "café.example.com" in html
    assert "Let OVH create the DNS records" in html


def test_the_folder_is_proposed_from_the_address_as_it_is_typed(admin_client: FlaskClient) -> None:
    name = admin_client.get(f"{DOMAINS}/name?domain=https://www.Shop.example.org/", headers=EN)
    assert name.get_json() == {
        "ascii": "www.shop.example.org",
        "unicode": "www.shop.example.org",
        "folder": "shop.example.org",
        "subdomain": True,
    }
    main = admin_client.get(f"{DOMAINS}/name?domain=café.fr", headers=EN).get_json()
    assert main["folder"] == "xn--caf-dma.fr" and main["subdomain"] is False
    assert admin_client.get(f"{DOMAINS}/name?domain=not a name").get_json() == {}


def test_an_empty_folder_is_refused_and_the_proposed_one_filled_in(
    admin_client: FlaskClient,
) -> None:
    answer = attach(admin_client, "gift.example.org", path="")
    html = answer.get_data(as_text=True)
    assert answer.status_code == 200
    assert "Choose a folder for this site, for example gift.example.org." in html
    assert 'name="path"' in html and 'value="gift.example.org"' in html


def test_a_folder_that_shows_another_site_is_refused_unless_the_person_says_so(
    admin_client: FlaskClient,
) -> None:
    refused = attach(admin_client, "mirror.example.org", path="www")
    html = refused.get_data(as_text=True)
    assert refused.status_code == 200
    assert "This folder already shows " in html and "example.com, www.example.com" in html
    shared = attach(admin_client, "mirror.example.org", path="./www/", share_folder="y")
    assert shared.status_code == 302


def test_a_pasted_address_is_cleaned_into_the_domain(admin_client: FlaskClient) -> None:
    answer = attach(admin_client, "https://Pasted.example.org/welcome?x=1", path="pasted")
    assert answer.status_code == 302
    html = admin_client.get(DOMAINS + "/", headers=EN).get_data(as_text=True)
    assert "pasted.example.org" in html and "https://" not in html.split("<main")[1][:200]


def test_a_subdomain_comes_back_with_the_www_box_unticked(admin_client: FlaskClient) -> None:
    answer = attach(admin_client, "deals.example.org", path="")  # refused: no folder
    html = answer.get_data(as_text=True)
    before, after = html.split('name="with_www"', 1)
    assert "checked" not in before.rsplit("<input", 1)[1] + after.split(">", 1)[0]
    assert "A subdomain such as shop.example.com has no www. version." in html


def test_without_ovh_pointing_it_the_domain_is_attached_and_left_unpointed(
    admin_client: FlaskClient,
) -> None:
    mine = attach(admin_client, "manual.example.org", path="manual", auto_dns=None)
    assert mine.status_code == 302
    auto = attach(admin_client, "automatic.example.org", path="automatic")
    assert auto.status_code == 302
    fragment = admin_client.get(f"{DOMAINS}/dns?fresh=1", headers=EN).get_data(as_text=True)
    manual = fragment.split('data-dns-for="manual.example.org"')[1].split("data-dns-for=")[0]
    automatic = fragment.split('data-dns-for="automatic.example.org"')[1].split("data-dns-for=")[0]
    assert "Points to this hosting" in automatic
    assert "Points to this hosting" not in manual and "How to make it point here" in manual


def test_a_ticked_www_box_with_a_subdomain_is_said_not_ignored(admin_client: FlaskClient) -> None:
    answer = attach(admin_client, "outlet.example.org", with_www="y")
    assert answer.status_code == 302 and "also=" not in answer.location
    page = admin_client.get(answer.location, headers=EN).get_data(as_text=True)
    assert (
        "outlet.example.org is a subdomain: it has no www. version, so it was attached alone."
        in page
    )
