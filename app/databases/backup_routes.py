"""A database's backups: back up now, download, delete, restore; import a file; copy into
another database; the plan's backups of deleted databases. Backing up, downloading and importing
are for anyone who may operate the plan; what overwrites or removes data is for administrators,
whom staff who may operate ask (Approvals)."""

from __future__ import annotations

from functools import partial

from flask import abort, current_app, redirect, render_template, request
from werkzeug.wrappers import Response

from app.access import Action, requires
from app.actions import respond
from app.approvals.ask import asking_form, must_ask, respond_or_ask
from app.databases import backup_actions, backup_loaders, bp
from app.databases.backup_forms import (
    BackUpForm,
    CopyForm,
    DeleteBackupForm,
    ImportForm,
    RestoreForm,
)


@bp.get("/backups")
@requires(Action.VIEW)
def plan_backups(service_name: str) -> str:
    return render_template(
        "databases/plan_backups.html", **backup_loaders.plan_backups_page(service_name)
    )


@bp.route("/<name>/back-up", methods=["GET", "POST"])
@requires(Action.OPERATE)
def back_up(service_name: str, name: str) -> Response | str:
    page = partial(backup_loaders.backups_page, service_name, name)
    send = partial(backup_actions.back_up, service_name, name)
    return respond(BackUpForm(), send, "databases/back_up.html", page)


@bp.get("/<name>/backups/<int:dump_id>/download")
@requires(Action.OPERATE)
def download_backup(service_name: str, name: str, dump_id: int) -> Response:
    """To OVH's own address for the file, read now and never kept."""
    address = backup_loaders.download_address(service_name, name, dump_id)
    if address is None:
        abort(404)
    return redirect(address)


@bp.get("/backups/<int:dump_id>/download")
@requires(Action.OPERATE)
def download_plan_backup(service_name: str, dump_id: int) -> Response:
    """The same from the plan's list: a deleted database's backup is downloaded from there."""
    address = backup_loaders.plan_download_address(service_name, dump_id)
    if address is None:
        abort(404)
    return redirect(address)


@bp.route("/<name>/backups/<int:dump_id>/delete", methods=["GET", "POST"])
@requires(Action.OPERATE)  # staff who may operate ask an administrator (Approvals)
def delete_backup(service_name: str, name: str, dump_id: int) -> Response | str:
    page = backup_loaders.backup_page(service_name, name, dump_id)
    form = (asking_form(DeleteBackupForm) if must_ask(service_name) else DeleteBackupForm)()
    remove = partial(backup_actions.delete_backup, service_name, name, page["backup"])
    asked = ("database.delete_backup", service_name, name,
             lambda: {"name": name, "dump_id": dump_id})  # fmt: skip
    return respond_or_ask(form, remove, "databases/delete_backup.html", page, asked)


@bp.route("/<name>/backups/<int:dump_id>/restore", methods=["GET", "POST"])
@requires(Action.OPERATE)  # staff who may operate ask an administrator (Approvals)
def restore_backup(service_name: str, name: str, dump_id: int) -> Response | str:
    page = backup_loaders.backup_page(service_name, name, dump_id)
    form = (asking_form(RestoreForm) if must_ask(service_name) else RestoreForm)()
    restore = partial(backup_actions.restore, service_name, name, page["backup"])

    def values() -> dict[str, object]:
        return {"name": name, "dump_id": dump_id, "back_up_first": bool(form.back_up_first.data)}

    asked = ("database.restore_backup", service_name, name, values)
    return respond_or_ask(
        form, lambda: restore(bool(form.back_up_first.data)), "databases/restore.html", page, asked
    )


@bp.route("/<name>/import", methods=["GET", "POST"])
@requires(Action.OPERATE)
def import_file(service_name: str, name: str) -> Response | str:
    max_mb = int(current_app.config["IMPORT_MAX_MB"])
    # The file is read only on this page, up to the import's own limit (plus the form's fields).
    request.max_content_length = (max_mb + 1) * 1024 * 1024
    form = ImportForm(max_mb)
    page = partial(backup_loaders.backups_page, service_name, name)

    def send() -> backup_actions.Started:
        upload = form.file.data
        return backup_actions.import_file(
            service_name,
            name,
            upload.filename,
            upload.stream,
            bool(form.flush.data),
            bool(form.back_up_first.data),
        )

    return respond(form, send, "databases/import.html", page)


@bp.route("/<name>/copy", methods=["GET", "POST"])
@requires(Action.DESTROY)
def copy(service_name: str, name: str) -> Response | str:
    page = backup_loaders.copy_page(service_name, name)
    form = CopyForm(page["database"], page["targets"])
    copy_into = partial(backup_actions.copy_into, service_name, name)
    return respond(
        form,
        lambda: copy_into(form.target.data, bool(form.flush.data), bool(form.back_up_first.data)),
        "databases/copy.html",
        page,
    )
