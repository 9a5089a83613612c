"""The SSL service against answers the sandbox does not give: an empty answer, a missing taskId."""

from __future__ import annotations

from typing import Any

from app.services import ssl
from app.services.errors import NotFound

SN = "example.cluster01.hosting.ovh.net"


class FakeGateway:
    """Answers GETs from a table; a missing entry is OVH's 404."""

    def __init__(self, answers: dict[str, Any], post_answer: Any = None) -> None:
        self.answers = answers
        self.post_answer = post_answer
        self.reads: list[str] = []

    def get(self, target: str, scope: str = "", cache: bool = True, **_: Any) -> Any:
        self.reads.append(target)
        if target not in self.answers:
            raise NotFound()
        return self.answers[target]

    def post(self, target: str, scope: str, **body: Any) -> Any:
        return self.post_answer

    def post_object(self, target: str, scope: str, body: Any) -> Any:
        return self.post_answer

    def gather(self, *calls: Any) -> list[Any]:
        return [call() for call in calls]


BASE = f"/hosting/web/{SN}/ssl"


def test_a_null_answer_means_no_certificate() -> None:
    assert ssl.get_certificate(FakeGateway({BASE: None}), SN) is None  # type: ignore[arg-type]


def test_a_404_means_no_certificate() -> None:
    assert ssl.get_certificate(FakeGateway({}), SN) is None  # type: ignore[arg-type]


def test_a_certificate_without_report_or_domains_still_shows() -> None:
    raw = {"provider": "CUSTOM", "type": "CUSTOM", "status": "created", "regenerable": False}
    certificate = ssl.get_certificate(FakeGateway({BASE: raw}), SN)  # type: ignore[arg-type]
    assert certificate is not None
    assert certificate.domains == () and certificate.report == ()


def test_an_answer_without_task_id_is_read_again_once() -> None:
    gateway = FakeGateway({BASE: {"provider": "LETSENCRYPT", "taskId": 42}}, post_answer={})
    assert ssl.order_lets_encrypt(gateway, SN) == 42  # type: ignore[arg-type]
    assert gateway.reads == [BASE]


def test_no_task_id_even_after_reading_again_gives_none() -> None:
    gateway = FakeGateway({BASE: {"provider": "LETSENCRYPT", "taskId": None}}, post_answer=None)
    assert ssl.order_lets_encrypt(gateway, SN) is None  # type: ignore[arg-type]
