"""Driving the app as a phone or a laptop user: screen sizes, waiting for a page, full-page screenshots,
the clipping check over the page and its component frames, and tapping inside a map region."""

from __future__ import annotations

import contextlib
from pathlib import Path

from tests.appserver import REPO
from tests.phone.clipping import FIND_CLIPPED

OUT = REPO / "test-output" / "phone"
#: Chromium contexts: a 360x780 phone with touch, a small old 320x640 one, and a 1366x768 laptop.
SIZES = {
    "phone": {"viewport": {"width": 360, "height": 780}, "has_touch": True, "is_mobile": True, "device_scale_factor": 1},
    "small": {"viewport": {"width": 320, "height": 640}, "has_touch": True, "is_mobile": True, "device_scale_factor": 1},
    "desktop": {"viewport": {"width": 1366, "height": 768}},
}
IDLE = "[data-testid=stApp][data-test-script-state=notRunning]"
ERRORS = "[data-testid=stException], [data-testid=stAlertContentError]"

#: A point well inside an SVG shape, in its frame's viewport: of a grid over the shape's box, the
#: point inside the fill (and on top there) farthest from the box's centre. So a tap lands near the
#: region's edge, not on a hidden centre point.
POINT_INSIDE = r"""
(shape) => {
  const box = shape.getBBox();
  const ctm = shape.getScreenCTM();
  const svg = shape.ownerSVGElement;
  let best = null;
  for (let i = 1; i < 40; i++) {
    for (let j = 1; j < 40; j++) {
      const p = svg.createSVGPoint();
      p.x = box.x + box.width * i / 40; p.y = box.y + box.height * j / 40;
      if (!shape.isPointInFill(p)) continue;
      const s = p.matrixTransform(ctm);
      if (s.x < 2 || s.y < 2 || s.x > innerWidth - 2 || s.y > innerHeight - 2) continue;
      const hit = document.elementFromPoint(s.x, s.y);
      if (hit !== shape && !(hit && shape.parentNode.contains(hit) && hit.closest('a') === shape.closest('a'))) continue;
      // stay 6 px inside the shape: all four neighbours are inside too
      const near = [[6, 0], [-6, 0], [0, 6], [0, -6]].every(([dx, dy]) => {
        const q = svg.createSVGPoint(); q.x = s.x + dx; q.y = s.y + dy;
        return document.elementFromPoint(q.x, q.y) === hit;
      });
      if (!near) continue;
      const centre = {x: box.x + box.width / 2, y: box.y + box.height / 2};
      const d = Math.hypot(p.x - centre.x, p.y - centre.y);
      if (!best || d > best.d) best = {x: s.x, y: s.y, d: d};
    }
  }
  return best;
}
"""


def wait_idle(page, selector: str = ".site-footer", timeout: int = 60_000) -> None:
    """The page drew ``selector`` and Streamlit finished its run."""
    page.wait_for_selector(selector, timeout=timeout)
    page.wait_for_selector(IDLE, timeout=timeout)
    page.wait_for_timeout(600)  # the components' frames report their height after the run


def clipping(page) -> list[str]:
    """The clipping check over the page and every component frame (the tappable maps)."""
    problems = page.evaluate(FIND_CLIPPED, None)
    for frame in page.frames[1:]:
        if "/component/" in frame.url:
            with contextlib.suppress(Exception):  # a frame gone with a rerun has nothing to show
                problems += [f"map frame: {p}" for p in frame.evaluate(FIND_CLIPPED, None)]
    return problems


def screenshot(page, name: str) -> Path:
    """The whole page (Streamlit scrolls inside its main block, so the window grows to show it all)."""
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"{name}.png"
    size = page.viewport_size
    height = page.evaluate("() => (document.querySelector('[data-testid=stMain]') || document.body).scrollHeight")
    page.set_viewport_size({"width": size["width"], "height": min(max(height, size["height"]), 12_000)})
    page.wait_for_timeout(400)
    page.screenshot(path=str(path), full_page=True)
    page.set_viewport_size(size)
    return path


def map_frame(page):
    """The frame of the page's region-map component (kab/kota or kecamatan map)."""
    page.wait_for_selector("iframe[src*='/component/']", timeout=45_000)
    return page.frame_locator("iframe[src*='/component/']").first


def press(page, size: str, x: float, y: float) -> None:
    """A finger on a phone, the mouse on a laptop, at viewport point (x, y)."""
    if SIZES[size].get("has_touch"):
        page.touchscreen.tap(x, y)
    else:
        page.mouse.click(x, y)


def press_inside(page, size: str, shape, frame_element) -> dict:
    """Tap/click a point near the edge of SVG ``shape`` (a locator in the frame of ``frame_element``)."""
    shape.scroll_into_view_if_needed()
    page.wait_for_timeout(300)
    point = shape.evaluate(POINT_INSIDE)
    assert point, "no visible point inside the shape"
    box = frame_element.bounding_box()
    press(page, size, box["x"] + point["x"], box["y"] + point["y"])
    return point
