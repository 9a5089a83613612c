"""Walking the panel like a person with a browser: every page reachable from a start page, and
every form on those pages with its fields, read from the HTML the panel really sends."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from flask.testing import FlaskClient

# Pages whose links lead nowhere new, or that are not HTML pages.
SKIP_SUFFIXES = (".csv", "/status", "/versions", "/healthz")
TEXT_TYPES = {"text", "email", "password", "search", "number", "url", "tel", "hidden", ""}


@dataclass
class Field:
    name: str
    kind: str  # input type, "textarea" or "select"
    value: str = ""
    options: list[str] = field(default_factory=list)


@dataclass
class Form:
    page: str
    action: str
    method: str
    fields: list[Field] = field(default_factory=list)

    @property
    def fuzzable(self) -> list[Field]:
        """Fields a person can type into (or tamper with): not the CSRF token, not files."""
        return [
            f
            for f in self.fields
            if f.name not in ("csrf_token", "_once")
            and (f.kind in TEXT_TYPES or f.kind in ("textarea", "select"))
        ]

    @property
    def key(self) -> tuple[str, str, tuple[str, ...]]:
        return (self.method, self.action, tuple(sorted(f.name for f in self.fields)))


class _PageParser(HTMLParser):
    def __init__(self, page: str) -> None:
        super().__init__()
        self.page = page
        self.links: list[str] = []
        self.forms: list[Form] = []
        self._select: Field | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {name: value or "" for name, value in attrs}
        if tag == "a" and a.get("href"):
            self.links.append(urljoin(self.page, a["href"]))
        elif tag == "form":
            action = urljoin(self.page, a.get("action") or self.page)
            self.forms.append(Form(self.page, action, (a.get("method") or "get").lower()))
        elif self.forms and tag in ("input", "textarea", "select") and a.get("name"):
            kind = tag if tag != "input" else a.get("type", "text").lower()
            if kind in ("submit", "button", "image", "reset"):
                return
            new = Field(a["name"], kind, a.get("value", ""))
            self.forms[-1].fields.append(new)
            if tag == "select":
                self._select = new
        elif tag == "option" and self._select is not None:
            self._select.options.append(a.get("value", ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None


def read_page(page: str, html: str) -> tuple[list[str], list[Form]]:
    parser = _PageParser(page)
    parser.feed(html)
    return parser.links, parser.forms


def crawl(client: FlaskClient, starts: list[str], limit: int = 80) -> tuple[list[str], list[Form]]:
    """Every same-site page reachable from ``starts`` (at most ``limit``) and their forms, each
    form once."""
    seen: list[str] = []
    queue = list(starts)
    forms: dict[tuple[str, str, tuple[str, ...]], Form] = {}
    while queue and len(seen) < limit:
        url = queue.pop(0)
        parts = urlsplit(url)
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        if path in seen or parts.netloc not in ("", "localhost") or path.endswith(SKIP_SUFFIXES):
            continue
        answer = client.get(path, headers={"Accept-Language": "en"})
        seen.append(path)
        if answer.status_code != 200 or answer.mimetype != "text/html":
            continue
        links, page_forms = read_page("http://localhost" + path, answer.get_data(as_text=True))
        for form in page_forms:
            form.action = urlsplit(form.action).path
            forms.setdefault(form.key, form)
        queue.extend(
            link
            for link in links
            if urlsplit(link).path.startswith(("/hosting", "/admin", "/auth"))
        )
    return seen, list(forms.values())
