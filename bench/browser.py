"""Browser-side measures in Debian's Chromium (Playwright): time until a page's own content is drawn,
bytes on the wire of a first visit and of one interaction, and a phone on an emulated slow 4G link.
Every timing waits for content only that page has and requires HTTP 200 (bench/measure.py)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from bench.measure import CountingProxy, settle, slow_4g, time_to_content

DESKTOP = {"width": 1366, "height": 768}
PHONE = {"width": 360, "height": 740}
PLOTLY_DRAWN = ".js-plotly-plot .main-svg"


@dataclass(frozen=True)
class View:
    """A page and how to tell it is drawn: a selector plus a text only this page shows."""

    path: str
    selector: str
    text: str = ""


def draw_times(browser, url: str, view: View) -> tuple[float, float]:
    """Seconds until ``view`` is drawn on a cold visit (new browser context) and on a repeat visit."""
    context = browser.new_context(viewport=DESKTOP)
    tab = context.new_page()
    try:
        cold = time_to_content(tab, url + view.path, view.selector, view.text)
        repeat = time_to_content(tab, url + view.path, view.selector, view.text)
    finally:
        context.close()
    return cold, repeat


def wire_bytes(browser, port: int, view: View, interact: Callable | None = None) -> tuple[int, int | None]:
    """Bytes (both directions, HTTP and websocket, counted by a TCP proxy) of a first visit of ``view``
    until the app is idle, and of ``interact(tab)`` until it is idle again (None without one)."""
    with CountingProxy(port) as proxy:
        context = browser.new_context(viewport=DESKTOP)
        tab = context.new_page()
        try:
            time_to_content(tab, f"http://127.0.0.1:{proxy.port}{view.path}", view.selector, view.text)
            settle(tab)
            first = proxy.total()
            step = None
            if interact is not None:
                interact(tab)
                settle(tab)
                step = proxy.total() - first
        finally:
            context.close()
    return first, step


def slow_link(browser, url: str, view: View) -> float:
    """Seconds until ``view`` is readable on a 360 px phone over Chromium's emulated slow 4G."""
    context = browser.new_context(viewport=PHONE)
    tab = context.new_page()
    try:
        slow_4g(tab)
        return time_to_content(tab, url + view.path, view.selector, view.text, timeout_ms=120_000)
    finally:
        context.close()


def pick_natural_breaks(tab) -> None:
    """Peta: open the map options (a popover beside the choices) and switch the class method to natural breaks."""
    from dashboard.text.i18n import t

    tab.locator("[data-testid=stPopover] button").filter(has_text=t("peta.options", "id")).first.click()
    tab.get_by_text(t("peta.method_natural_breaks", "id"), exact=True).first.click()


def pick_peer_year(tab) -> None:
    """Peer: pick another year in the sidebar's select box."""
    tab.locator("[data-testid=stSidebar] [data-testid=stSelectbox]").first.click()
    tab.get_by_role("option", name="2015", exact=True).click()
