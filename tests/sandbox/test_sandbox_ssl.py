"""SSL certificates: Let's Encrypt, custom import, regeneration limits, per-domain certificates."""

from __future__ import annotations

import datetime

import ovh
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from ovh.exceptions import BadParametersError, ResourceConflictError, ResourceNotFoundError

from tests.support.sandbox_control import EXAMPLE, EXAMPLE2, EXAMPLE3

SSL2 = f"/hosting/web/{EXAMPLE2}/ssl"


def self_signed(*names: str) -> tuple[str, str]:
    """A throwaway certificate and its key, as PEM texts."""
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, names[0])])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now)
        .not_valid_after(now + datetime.timedelta(days=30))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(n) for n in names]), False)
        .sign(key, hashes.SHA256())
    )
    key_pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    return cert.public_bytes(serialization.Encoding.PEM).decode(), key_pem.decode()


def test_no_certificate_is_not_found(client: ovh.Client) -> None:
    for path in (SSL2, f"{SSL2}/domains", f"{SSL2}/report"):
        with pytest.raises(ResourceNotFoundError):
            client.get(path)


def test_lets_encrypt_order_without_a_body_is_refused_as_ovh_does(client: ovh.Client) -> None:
    """The body is required (hosting.web.SSLInput); OVH's control panel sends ``{}``."""
    response = client.raw_call("POST", SSL2, data=None)
    assert response.status_code == 400
    assert response.json() == {
        "class": "Client::BadRequest",
        "message": "You did not provide an input body while one was expected",
    }
    assert client.get(f"/hosting/web/{EXAMPLE2}")["hasHostedSsl"] is False


def test_a_body_where_none_is_expected_is_refused_as_ovh_does(client: ovh.Client) -> None:
    response = client.raw_call("POST", f"/hosting/web/{EXAMPLE}/ssl/regenerate", data={})
    assert response.status_code == 400
    assert response.json()["message"] == "You provided an input body while none was expected"


def test_empty_object_orders_lets_encrypt(client: ovh.Client) -> None:
    ssl = client.call("POST", SSL2, {}, True)
    assert (ssl["provider"], ssl["type"], ssl["regenerable"]) == ("LETSENCRYPT", "DV", True)
    assert ssl["status"] == "creating" and ssl["taskId"] is not None
    assert client.get(SSL2)["status"] == "created"
    task = client.get(f"/hosting/web/{EXAMPLE2}/tasks/{ssl['taskId']}")
    assert (task["function"], task["objectType"]) == ("hostedssl/create", "Hostedssl")
    assert client.get(f"/hosting/web/{EXAMPLE2}")["hasHostedSsl"] is True


def test_lets_encrypt_when_a_certificate_exists_is_a_conflict(client: ovh.Client) -> None:
    with pytest.raises(ResourceConflictError):
        client.call("POST", f"/hosting/web/{EXAMPLE}/ssl", {}, True)


def test_certificate_covers_the_ssl_domains_of_its_issue_date(client: ovh.Client) -> None:
    covered = client.get(f"/hosting/web/{EXAMPLE}/ssl/domains")
    assert "shop.example.com" not in covered and "example.com" in covered
    client.post(f"/hosting/web/{EXAMPLE}/attachedDomain", domain="new.example.com", ssl=True)
    assert "new.example.com" not in client.get(f"/hosting/web/{EXAMPLE}/ssl/domains")
    client.post(f"/hosting/web/{EXAMPLE}/ssl/regenerate")
    regenerated = client.get(f"/hosting/web/{EXAMPLE}/ssl/domains")
    assert {"new.example.com", "shop.example.com"} <= set(regenerated)


def test_custom_import_keeps_only_the_names(client: ovh.Client) -> None:
    certificate, key = self_signed("example.org", "www.example.org")
    ssl = client.post(SSL2, certificate=certificate, key=key, chain=certificate)
    assert (ssl["provider"], ssl["type"], ssl["regenerable"]) == ("CUSTOM", "CUSTOM", False)
    assert ssl["status"] == "importing"
    assert client.get(f"{SSL2}/domains") == ["example.org", "www.example.org"]
    task = client.get(f"/hosting/web/{EXAMPLE2}/tasks/{ssl['taskId']}")
    assert task["function"] == "hostedssl/import"


@pytest.mark.parametrize("field", ["certificate", "key", "chain"])
def test_custom_import_refuses_garbage(client: ovh.Client, field: str) -> None:
    certificate, key = self_signed("example.org")
    body = {"certificate": certificate, "key": key, "chain": certificate, field: "garbage"}
    with pytest.raises(BadParametersError, match=f"Invalid {field}"):
        client.post(SSL2, **body)


def test_custom_import_refuses_a_key_of_another_certificate(client: ovh.Client) -> None:
    certificate, _ = self_signed("example.org")
    _, other_key = self_signed("example.org")
    with pytest.raises(BadParametersError, match="does not match"):
        client.post(SSL2, certificate=certificate, key=other_key)


def test_only_lets_encrypt_is_regenerable(client: ovh.Client) -> None:
    certificate, key = self_signed("example.org")
    client.post(SSL2, certificate=certificate, key=key)
    with pytest.raises(ovh.exceptions.APIError, match="Let's Encrypt") as caught:
        client.post(f"{SSL2}/regenerate")
    assert caught.value.response.status_code == 403


def test_sixth_regeneration_within_seven_days_is_refused(client: ovh.Client) -> None:
    for _ in range(5):
        assert client.post(f"/hosting/web/{EXAMPLE}/ssl/regenerate")["status"] == "regenerating"
    with pytest.raises(ovh.exceptions.APIError, match="5 times in the last 7 days") as caught:
        client.post(f"/hosting/web/{EXAMPLE}/ssl/regenerate")
    assert caught.value.response.json()["class"] == "Client::Forbidden"


def test_delete_removes_the_certificate(client: ovh.Client) -> None:
    ssl = client.delete(f"/hosting/web/{EXAMPLE}/ssl")
    assert ssl["status"] == "deleting"
    with pytest.raises(ResourceNotFoundError):
        client.get(f"/hosting/web/{EXAMPLE}/ssl")


def test_report_of_a_lets_encrypt_certificate(client: ovh.Client) -> None:
    report = client.get(f"/hosting/web/{EXAMPLE}/ssl/report")
    assert report["domainControlValidationStatus"] == "completed"


def test_per_domain_certificates_on_a_multiple_ssl_service(client: ovh.Client) -> None:
    base = f"/hosting/web/{EXAMPLE3}/attachedDomain"
    assert client.get(f"{base}/example.net/ssl")["provider"] == "LETSENCRYPT"
    with pytest.raises(ResourceNotFoundError):
        client.get(f"{base}/app.example.net/ssl")
    assert client.post(f"{base}/app.example.net/ssl")["status"] == "creating"
    with pytest.raises(ResourceConflictError):
        client.post(f"{base}/app.example.net/ssl")
    assert client.put(f"{base}/app.example.net/ssl", regenerate=True)["status"] == "regenerating"
    assert client.put(f"{base}/app.example.net/ssl", regenerate=False)["status"] == "created"
    assert client.post(f"{base}/app.example.net/ssl/regenerate")["status"] == "regenerating"
    report = client.get(f"{base}/app.example.net/ssl/report")
    assert report["domainControlValidationStatus"] == "completed"
    assert client.delete(f"{base}/app.example.net/ssl")["status"] == "deleting"
    with pytest.raises(ResourceNotFoundError):
        client.get(f"{base}/app.example.net/ssl")


def test_per_domain_certificates_need_multiple_ssl(client: ovh.Client) -> None:
    with pytest.raises(ovh.exceptions.APIError, match="multipleSSL") as caught:
        client.get(f"/hosting/web/{EXAMPLE}/attachedDomain/example.com/ssl")
    assert caught.value.response.status_code == 403


def test_detaching_a_domain_drops_its_certificate(client: ovh.Client) -> None:
    base = f"/hosting/web/{EXAMPLE3}/attachedDomain"
    client.delete(f"{base}/www.example.net")
    client.post(base, domain="www.example.net", path="www")
    with pytest.raises(ResourceNotFoundError):
        client.get(f"{base}/www.example.net/ssl")
