"""What every action hands back to its view, and the one answer a view gives once OVH accepted.

An action (``app/<area>/actions.py``) makes a change: the audit entry, the OVH calls, any steps.
It returns :class:`Started`; the view answers with :func:`follow`: the task's page (Post/Redirect/
Get), with what the person should know flashed on the way.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import flash, redirect, url_for
from werkzeug.wrappers import Response


@dataclass(frozen=True)
class Started:
    service_name: str
    task_id: int | None
    tab: str  # where to go when OVH names no task to follow
    also: tuple[int, ...] = ()  # related tasks followed on the same page
    notes: tuple[tuple[str, str], ...] = ()  # (category, sentence) to flash


def follow(started: Started) -> Response:
    """To the page of the task ``started``; when OVH named none, back to the tab."""
    for category, sentence in started.notes:
        flash(sentence, category)
    if started.task_id is None:
        return redirect(url_for(started.tab, service_name=started.service_name))
    also = list(started.also) or None
    return redirect(
        url_for("tasks.show", service_name=started.service_name, task_id=started.task_id, also=also)
    )
