"""Driving the real pages in the browser as a person would."""

from __future__ import annotations

from typing import Any


def sign_in(page: Any, email: str, password: str) -> None:
    """Sign in through the real page, as a person would."""
    page.goto("/auth/sign-in")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(lambda url: "/auth/sign-in" not in url)
