"""The scripts the kecamatan map page runs besides Leaflet's: legend, credits and the tap relay.

folium ``MacroElement`` templates, written as script macros. They run inside the map's own page under
``/app/static/maps/`` (sandboxed, see docs/deploy.md); every string they carry is escaped by
:mod:`dashboard.logic.maps` and JSON-encoded by ``tojavascript``.
"""

from __future__ import annotations

import folium
from branca.element import MacroElement
from folium.template import Template

BACKGROUND = "#ffffff"


class LegendAndCredits(MacroElement):
    """Legend control, attribution and plain background, all from the map's own script.

    The legend sits top left, under the zoom buttons: that corner of Banten is Java Sea at any
    aspect ratio, so it hides no kecamatan.

    The strings are already escaped; ``tojavascript`` JSON-encodes them with
    ``<``, ``>``, ``&`` and ``'`` as unicode escapes, so nothing can close the ``<script>``.
    """

    _template = Template("""
        {% macro script(this, kwargs) %}
        (function (map) {
            map.getContainer().style.background = {{ this.background|tojavascript }};
            map.attributionControl.addAttribution({{ this.attribution|tojavascript }});
            var legend = L.control({position: "topleft"});
            legend.onAdd = function () {
                var div = L.DomUtil.create("details", "kesos-legend");
                div.style.cssText = "background:#fff;padding:6px 8px;border-radius:4px;max-width:230px;"
                    + "box-shadow:0 1px 4px rgba(0,0,0,.35);font:12px/1.45 sans-serif;color:#1b1f24";
                div.innerHTML = {{ this.legend|tojavascript }};
                // Open on a wide map; folded to its one-line summary on a phone, where it would
                // cover half the kecamatan.
                div.open = map.getSize().x >= 560;
                L.DomEvent.disableClickPropagation(div);
                return div;
            };
            legend.addTo(map);
        })({{ this._parent.get_name() }});
        {% endmacro %}
    """)

    def __init__(self, legend: str, attribution: str, background: str = BACKGROUND):
        super().__init__()
        self._name = "LegendAndCredits"
        self.legend, self.attribution, self.background = legend, attribution, background


class TapRelay(MacroElement):
    """A tap or click on a kecamatan is posted to the embedding page as ``{kesos: "kecamatan", kode}``;
    ``{kesos: "pilih", kode}`` from it outlines the chosen kecamatan. The page checks that messages
    come from this frame and that the code is 7 digits; this frame checks the code it is sent.
    Constant code: the only data it touches are the layer's own feature ids."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        (function (layer) {
            var chosen = null;
            layer.on("click", function (e) {
                var f = e.layer && e.layer.feature;
                if (f && window.parent !== window) {
                    window.parent.postMessage({kesos: "kecamatan", kode: String(f.id)}, "*");
                }
            });
            window.addEventListener("message", function (e) {
                var data = e.data;
                if (e.source !== window.parent || !data || data.kesos !== "pilih") return;
                if (chosen) { layer.resetStyle(chosen); chosen = null; }
                if (typeof data.kode !== "string" || !/^[0-9]{7}$/.test(data.kode)) return;
                layer.eachLayer(function (l) {
                    if (l.feature && l.feature.id === data.kode) {
                        chosen = l;
                        l.setStyle({weight: 3.5, color: "#1b1f24"});
                        l.bringToFront();
                    }
                });
            });
        })({{ this.layer.get_name() }});
        {% endmacro %}
    """)

    def __init__(self, layer: folium.GeoJson):
        super().__init__()
        self._name = "TapRelay"
        self.layer = layer
