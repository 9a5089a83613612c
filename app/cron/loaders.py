"""What each page of the Jobs tab shows, read from OVH in one round trip per page."""

from __future__ import annotations

from functools import partial
from typing import Any

from app.cron import schedule
from app.cron.forms import CronForm, language_label
from app.loaders import with_service
from app.services import crons


def index_page(service_name: str) -> dict[str, Any]:
    service, jobs, languages = with_service(
        service_name, crons.list_crons, crons.available_languages
    )
    explained = {job.id: schedule.explain(job.frequency) for job in jobs}
    names = {lang: language_label(lang) for lang in {*languages, *(job.language for job in jobs)}}
    return {
        "service": service,
        "jobs": jobs,
        "cron_languages": [names[language] for language in languages],
        "explained": explained,
        "language_names": names,
    }


def with_explanation(page: dict[str, Any], form: CronForm) -> dict[str, Any]:
    """The page, with the form's schedule in words (or why it cannot be read) under it."""
    words, problem = form.explained()
    return {**page, "schedule_words": words, "schedule_problem": problem}


def create_page(service_name: str) -> tuple[dict[str, Any], CronForm]:
    service, languages = with_service(service_name, crons.available_languages)
    return {"service": service}, CronForm(languages)


def edit_page(service_name: str, cron_id: int) -> tuple[dict[str, Any], CronForm]:
    service, job, languages = with_service(
        service_name,
        partial(crons.get_cron, cron_id=cron_id, fresh=True),
        crons.available_languages,
    )
    # A job's own language stays choosable even if OVH no longer offers it for new ones.
    offered = languages if job.language in languages else [job.language, *languages]
    return {"service": service, "job": job}, CronForm(offered, current=job)


def job_page(service_name: str, cron_id: int) -> dict[str, Any]:
    service, job = with_service(service_name, partial(crons.get_cron, cron_id=cron_id, fresh=True))
    return {"service": service, "job": job}
