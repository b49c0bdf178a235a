"""Headless Chromium (Debian's package, never a downloaded build) driven by Playwright for the web
app's tests: a page that records console errors and page errors, signs in with a token, and runs
axe-core (installed by npm from api/webapp's lock file) on what it shows."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import ConsoleMessage, Error, Page, sync_playwright

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
AXE = ROOT / "api" / "webapp" / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "docs" / "screenshots"
# no network of its own: no updates, sync, field trials or QUIC probes while the tests run
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def needs_chromium() -> pytest.MarkDecorator:
    """Skips where Debian's chromium is absent, except under CI, where it must be there (the
    Makefile's `test` target installs it) and a missing browser fails the tests."""
    absent = not CHROMIUM.exists() and os.environ.get("CI") != "true"
    return pytest.mark.skipif(
        absent, reason=f"{CHROMIUM} is not installed (apt-get install chromium)"
    )


@dataclass
class AppPage:
    """One browser page on the app, with what went wrong in it."""

    page: Page
    base_url: str
    problems: list[str] = field(default_factory=list)

    def sign_in(self, token: str, hash_route: str) -> None:
        """Opens /app, pastes the token into the sign-in form, goes to the page."""
        self.page.goto(f"{self.base_url}/app/")
        self.page.get_by_label("Bearer token").fill(token)
        self.page.get_by_role("button", name="Sign in").click()
        self.page.goto(f"{self.base_url}/app/{hash_route}")

    def wait_loaded(self, value: str) -> None:
        """Waits until the page says it has drawn `value` (its data-loaded attribute), or shows
        an error, which fails the test with the page's words."""
        loaded = f"#page[data-loaded='{value}'][aria-busy='false']"
        self.page.wait_for_function(
            "loaded => document.querySelector(loaded) || document.querySelector('#message.error')",
            arg=loaded,
        )
        message = self.page.inner_text("#message")
        assert self.page.query_selector(loaded) is not None, message

    def reload_marker(self) -> None:
        """Forgets what the page drew, so that wait_loaded waits for the next drawing."""
        self.page.evaluate("document.getElementById('page').removeAttribute('data-loaded')")

    def ids(self, selector: str) -> list[str]:
        """The data-id of every element matching `selector`."""
        found: list[str] = self.page.eval_on_selector_all(
            selector, "nodes => nodes.map(n => n.dataset.id)"
        )
        return found

    def serious_violations(self) -> list[dict[str, Any]]:
        """axe-core's serious and critical violations on the page as it is now."""
        self.page.add_script_tag(path=str(AXE))
        violations: list[dict[str, Any]] = self.page.evaluate(
            """async () => (await axe.run(document)).violations
                 .filter(v => v.impact === 'serious' || v.impact === 'critical')
                 .map(v => ({id: v.id, impact: v.impact, help: v.help,
                             targets: v.nodes.map(n => n.target.join(' '))}))"""
        )
        return violations

    def screenshot(self, name: str) -> None:
        """docs/screenshots/<name>.png, the whole page."""
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


@contextmanager
def app_page(base_url: str) -> Iterator[AppPage]:
    """A fresh browser and page on the app; console errors and page errors are collected."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            # bypass_csp: axe-core is injected as an inline script, which the app's policy refuses
            context = browser.new_context(viewport={"width": 1400, "height": 1000}, bypass_csp=True)
            page = context.new_page()
            # a generous bound on waiting, not a speed check: CI is a busy 2-core machine and the
            # first questions to a fresh Neo4j compile their plans
            page.set_default_timeout(600_000)
            opened = AppPage(page, base_url)

            def console(message: ConsoleMessage) -> None:
                if message.type == "error":
                    opened.problems.append(f"console: {message.text} ({message.location})")

            def page_error(error: Error) -> None:
                opened.problems.append(f"page error: {error}")

            page.on("console", console)
            page.on("pageerror", page_error)
            yield opened
        finally:
            browser.close()
