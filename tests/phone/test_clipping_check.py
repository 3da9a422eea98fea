"""The clipping check can fail: on a page built to clip, it names each clipped text and nothing else."""

from __future__ import annotations

import pytest

from tests.phone.clipping import FIND_CLIPPED

pytestmark = pytest.mark.browser

PAGE = """<!doctype html><meta name=viewport content="width=device-width">
<style>body{margin:0;font:16px sans-serif} .box{width:120px}</style>
<p id=fine>Short text that wraps inside the page as it should.</p>
<div class=box style="white-space:nowrap;overflow:hidden;text-overflow:ellipsis">ellipsis cuts this long label</div>
<a style="display:inline-block;width:90px;overflow:hidden"><span style="white-space:nowrap">button label cut by its link</span></a>
<div style="width:700px">a line wider than the phone's screen</div>
<a href="#" style="position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)">Skip to main content</a>
<details><summary>folded</summary><div style="width:900px">hidden until opened</div></details>
<div class="js-plotly-plot" style="width:200px;height:100px">
  <svg class="main-svg" width="200" height="100"><text x="150" y="50">Data per 1 Desember 2026</text>
  <text x="10" y="50">inside</text><text x="10" y="90">label</text><text x="20" y="92">BADGE</text></svg></div>
"""


def test_clipping_check_reports_exactly_the_clipped_texts(browser):
    context = browser.new_context(viewport={"width": 360, "height": 780}, has_touch=True, is_mobile=True)
    try:
        page = context.new_page()
        page.set_content(PAGE)
        problems = page.evaluate(FIND_CLIPPED, None)
    finally:
        context.close()
    text = "\n".join(problems)
    assert "ellipsis cuts this long label" in text
    assert "button label cut by its link" in text
    assert "off-screen" in text and "a line wider than the phone" in text
    assert "chart text outside its chart: 'Data per 1 Desember 2026'" in text
    assert "chart texts overlap: 'BADGE' and 'label'" in text
    for fine in ("Short text that wraps", "Skip to main content", "hidden until opened", "'inside'"):
        assert fine not in text, fine
