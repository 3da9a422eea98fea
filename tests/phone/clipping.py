"""What a person would see cut off: text clipped inside its box, boxes past the screen's edges, and
chart text drawn outside its chart. Run in the page (and in each same-origin frame) by Playwright."""

from __future__ import annotations

#: Returns a list of problems, each "<kind>: <tag.class> '<text>' <numbers>". Elements that are not
#: rendered (display:none, visibility:hidden, zero size, folded in a closed <details>/expander) are
#: not looked at: a person does not see them either.
FIND_CLIPPED = r"""
(root) => {
  root = root || document;
  const doc = root.ownerDocument || root;
  const win = doc.defaultView;
  const vw = doc.documentElement.clientWidth;
  const problems = [];
  const label = (el) => {
    const cls = (el.getAttribute && el.getAttribute('class') || '').toString().split(' ').filter(c => c && !c.startsWith('st-emotion') && !c.startsWith('e')).slice(0, 2).join('.');
    const tid = el.getAttribute && el.getAttribute('data-testid');
    return el.tagName.toLowerCase() + (tid ? `[${tid}]` : '') + (cls ? '.' + cls : '') + ` '${(el.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 50)}'`;
  };
  const visible = (el) => el.checkVisibility ? el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true}) : true;
  const ownText = (el) => [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
  const scope = root.querySelectorAll ? root : doc;
  for (const el of scope.querySelectorAll('body *')) {
    if (el.closest('svg, canvas, [data-testid=stDataFrameResizable], .glideDataEditor, .leaflet-container')) continue;
    if (!ownText(el) || !visible(el)) continue;
    const r = el.getBoundingClientRect();
    if (r.width <= 1 || r.height <= 1) continue;  // visually hidden (a skip link until focused)
    if (el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1) {
      const style = win.getComputedStyle(el);
      if (style.overflowX !== 'visible' || style.textOverflow === 'ellipsis') {
        problems.push(`clipped: ${label(el)} scrollWidth ${el.scrollWidth} > clientWidth ${el.clientWidth}`);
      }
    }
    // The text itself (not its box) against every ancestor that clips or scrolls sideways: a label
    // cut by its button or link shows no overflow on the element that holds the text.
    const range = doc.createRange();
    range.selectNodeContents(el);
    const text = range.getBoundingClientRect();
    let scrolledY = false;  // past a vertical scroller, outer boxes no longer bound the text vertically
    for (let a = el.parentElement; a && a !== doc.body; a = a.parentElement) {
      const st = win.getComputedStyle(a);
      const cutX = st.overflowX !== 'visible';
      const cutY = !scrolledY && (st.overflowY === 'hidden' || st.overflowY === 'clip');
      if (st.overflowY === 'auto' || st.overflowY === 'scroll') scrolledY = true;
      if (!cutX && !cutY) continue;
      const box = a.getBoundingClientRect();
      if ((cutX && (text.left < box.left - 1 || text.right > box.right + 1)) ||
          (cutY && (text.top < box.top - 1 || text.bottom > box.bottom + 1))) {
        problems.push(`cut by ${a.tagName.toLowerCase()}: ${label(el)} text [${Math.round(text.left)}, ${Math.round(text.top)}, ${Math.round(text.right)}, ${Math.round(text.bottom)}] ` +
                      `box [${Math.round(box.left)}, ${Math.round(box.top)}, ${Math.round(box.right)}, ${Math.round(box.bottom)}]`);
        break;
      }
    }
    if (r.left < -1 || r.right > vw + 1) {
      problems.push(`off-screen: ${label(el)} [${Math.round(r.left)}, ${Math.round(r.right)}] of ${vw}`);
    }
  }
  for (const plot of scope.querySelectorAll('.js-plotly-plot')) {
    const box = plot.getBoundingClientRect();
    if (!box.width) continue;
    const drawn = [];
    for (const text of plot.querySelectorAll('.main-svg text')) {
      if (!text.textContent.trim() || !visible(text)) continue;
      const r = text.getBoundingClientRect();
      if (r.width === 0) continue;
      for (const [other, o] of drawn) {  // two texts drawn over each other (a badge on a label, say)
        const w = Math.min(r.right, o.right) - Math.max(r.left, o.left);
        const h = Math.min(r.bottom, o.bottom) - Math.max(r.top, o.top);
        if (w > 2 && h > 2) {
          problems.push(`chart texts overlap: '${text.textContent.trim().slice(0, 40)}' and '${other.textContent.trim().slice(0, 40)}'`);
        }
      }
      drawn.push([text, r]);
      if (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1) {
        problems.push(`chart text outside its chart: '${text.textContent.trim().slice(0, 50)}' ` +
          `[${Math.round(r.left - box.left)}, ${Math.round(r.top - box.top)}, ${Math.round(r.right - box.left)}, ${Math.round(r.bottom - box.top)}] ` +
          `in ${Math.round(box.width)}x${Math.round(box.height)}`);
      }
    }
  }
  return problems;
}
"""
