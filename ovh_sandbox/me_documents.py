"""``POST /1.0/me/document`` and the upload address it hands out, as OVH's document store works:
the document is made first (``nichandle.document.Document``), then the file is sent with a plain
``PUT`` to its ``putUrl`` (no signature: the address itself is the permission), and its id is
given to ``…/database/{name}/import``.

The sandbox keeps only what the import needs to know (that a file came, its size), never the file.
The backups' download addresses (``…/dump/{id}``'s ``url``) are served here too: a small gzipped
SQL file naming the backup.
"""

from __future__ import annotations

import gzip
import secrets
import uuid

from flask import Blueprint, Response, request

from ovh_sandbox import api, clock
from ovh_sandbox.errors import bad_request, forbidden, not_found

bp = Blueprint("me_documents", __name__)

DOCUMENT_KEPT_DAYS = 1.0
GZIP_MAGIC = b"\x1f\x8b"


@bp.post("/1.0/me/document")
def create_document() -> Response:
    values = api.body("POST /me/document")
    name = str(values["name"]).strip()
    if not name:
        raise bad_request("Missing parameter: name")
    document_id = str(uuid.uuid4())
    token = secrets.token_urlsafe(16)
    now = clock.now()
    doc = {
        "creationDate": clock.iso(now),
        "expirationDate": clock.iso(now + DOCUMENT_KEPT_DAYS * 86_400),
        "id": document_id,
        "name": name,
        "size": 0,
        "tags": values.get("tags") or [],
        "validationDate": None,
        "_token": token,
        "_uploaded": False,
    }
    api.store().put("document", "", document_id, doc)
    return api.answer(_shown(doc))


def _shown(doc: dict[str, object]) -> dict[str, object]:
    base = f"{request.host_url.rstrip('/')}/_files/documents/{doc['id']}?token={doc['_token']}"
    shown = {key: value for key, value in doc.items() if not key.startswith("_")}
    return {**shown, "getUrl": base, "putUrl": base}


@bp.put("/_files/documents/<document_id>")
def upload(document_id: str) -> Response:
    """The storage behind ``putUrl``: the body is the file. A ``.gz`` name needs gzip content."""
    doc = api.store().get("document", "", document_id)
    if doc is None:
        raise not_found("No such document")
    if request.args.get("token") != doc["_token"]:
        raise forbidden("This upload address is not valid")
    content = request.get_data(cache=False)
    if str(doc["name"]).endswith(".gz") and not content.startswith(GZIP_MAGIC):
        raise bad_request("The file is not gzip-compressed although its name ends in .gz")
    doc.update(size=len(content), _uploaded=True)
    api.store().put("document", "", document_id, doc)
    return Response(status=201)


@bp.get("/_files/dumps/<int:dump_id>.sql.gz")
def download(dump_id: int) -> Response:
    text = f"-- OVH sandbox backup {dump_id}\nCREATE TABLE IF NOT EXISTS sample (id INT);\n"
    return Response(gzip.compress(text.encode()), mimetype="application/gzip")
