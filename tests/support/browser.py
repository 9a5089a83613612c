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


def tab_to(page: Any, name: str, limit: int = 80) -> None:
    """Press Tab until the focused element's accessible text is ``name`` (its label for a field),
    as a person without a mouse moves through a page; fails when ``limit`` presses do not get
    there. Each stop must show where the focus is (an outline or a ring)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused["page"]:  # the focus left the page for the browser's own bar, and comes back
            continue
        assert focused["visible"], f"the focus on {focused['text']!r} cannot be seen"
        if focused["text"] == name:
            return
    raise AssertionError(f"{name!r} cannot be reached with the Tab key")


# The focused element's text (a field's: its label's) and whether its focus is drawn.
FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return {page: true, text: "", visible: true};
  const label = el.labels && el.labels.length ? el.labels[0].textContent : "";
  const text = (label || el.textContent || el.value || "").trim().replace(/\\s+/g, " ");
  const style = getComputedStyle(el);
  const visible = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0
    || style.boxShadow !== "none";
  return {page: false, text, visible};
}"""
