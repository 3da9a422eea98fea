"""Peer baseline: a single-page dashboard of the kind the popular Streamlit population-dashboard templates
are, written for this benchmark (our own code, not a copy) on the synthetic data of ``bench/peer_data.py``.

As in those templates: the CSV and the region outlines are read on every run, a sidebar picks the year
and the colour scale, and every run recomputes everything (no ``st.cache_*``, no GC settings): the
biggest gains and losses with ``st.metric``, two donut charts, a Plotly choropleth of the 50 regions, an
Altair heatmap of region x year, and the regions sorted by population in a table with progress bars.

    python -m bench.peer_data /tmp/peer && BENCH_PEER_DATA=/tmp/peer streamlit run bench/apps/peer.py
"""

import json
import os
from pathlib import Path

import altair as alt
import pandas as pd
import plotly.express as px
import streamlit as st

TITLE = "Population dashboard (peer)"
st.set_page_config(page_title=TITLE, layout="wide", initial_sidebar_state="expanded")

data = Path(os.environ.get("BENCH_PEER_DATA", "peer-data"))
if not (data / "population.csv").is_file():
    st.error(f"No data in {data}: run `python -m bench.peer_data {data}` first.")
    st.stop()
df = pd.read_csv(data / "population.csv", dtype={"code": str})
regions = json.loads((data / "regions.geojson").read_text(encoding="utf-8"))

with st.sidebar:
    st.title(TITLE)
    years = sorted(df["year"].unique(), reverse=True)
    year = st.selectbox("Year", years)
    scheme = st.selectbox("Colour scale", ["blues", "greens", "reds", "viridis", "plasma", "turbo"])

selected = df[df["year"] == year].sort_values("population", ascending=False)


def change_from_previous(frame: pd.DataFrame, chosen: int) -> pd.DataFrame:
    now = frame[frame["year"] == chosen].set_index("code")
    before = frame[frame["year"] == chosen - 1].set_index("code")
    out = now.copy()
    out["difference"] = now["population"] - before["population"].reindex(now.index).fillna(now["population"])
    return out.reset_index().sort_values("difference", ascending=False)


def short(number: float) -> str:
    return f"{number / 1e6:.1f} M" if abs(number) >= 1e6 else f"{number / 1e3:.0f} K"


def choropleth(frame: pd.DataFrame, colours: str):
    fig = px.choropleth(frame, geojson=regions, locations="code", featureidkey="properties.code",
                        color="population", color_continuous_scale=colours, hover_name="name",
                        range_color=(0, frame["population"].max()), labels={"population": "Population"})
    fig.update_geos(fitbounds="locations", visible=False)
    fig.update_layout(margin={"l": 0, "r": 0, "t": 0, "b": 0}, height=380)
    return fig


def heatmap(frame: pd.DataFrame, colours: str):
    return alt.Chart(frame).mark_rect().encode(
        y=alt.Y("year:O", title="Year"), x=alt.X("name:O", title=""),
        color=alt.Color("max(population):Q", legend=None, scale=alt.Scale(scheme=colours)),
        stroke=alt.value("black"), strokeWidth=alt.value(0.25)).properties(height=300)


def donut(share: int, label: str, colour: str):
    source = pd.DataFrame({"part": ["", label], "value": [100 - share, share]})
    ring = alt.Chart(source).mark_arc(innerRadius=45, cornerRadius=20).encode(
        theta="value", color=alt.Color("part:N", scale=alt.Scale(domain=[label, ""], range=[colour, "#e8e8e8"]),
                                       legend=None)).properties(width=130, height=130)
    text = ring.mark_text(align="center", fontSize=24, fontWeight=700).encode(text=alt.value(f"{share} %"))
    return ring + text


changes = change_from_previous(df, year) if year > df["year"].min() else None
left, middle, right = st.columns((1.5, 4.5, 2), gap="medium")
with left:
    st.markdown("#### Gains/losses")
    if changes is not None:
        top, bottom = changes.iloc[0], changes.iloc[-1]
        st.metric(top["name"], short(top["population"]), short(top["difference"]))
        st.metric(bottom["name"], short(bottom["population"]), short(bottom["difference"]))
        moving = changes["difference"].abs() > 5_000
        st.markdown("#### Regions with large changes")
        st.altair_chart(donut(round(100 * (moving & (changes["difference"] > 0)).mean()), "Inbound", "#27AE60"))
        st.altair_chart(donut(round(100 * (moving & (changes["difference"] < 0)).mean()), "Outbound", "#E74C3C"))
with middle:
    st.markdown("#### Total population")
    st.plotly_chart(choropleth(selected, scheme), width="stretch")
    st.altair_chart(heatmap(df, scheme), width="stretch")
with right:
    st.markdown("#### Top regions")
    st.dataframe(selected[["name", "population"]], hide_index=True, width="stretch", column_config={
        "name": st.column_config.TextColumn("Region"),
        "population": st.column_config.ProgressColumn("Population", format="%d", min_value=0,
                                                      max_value=int(selected["population"].max()))})
    with st.expander("About", expanded=True):
        st.write("Synthetic data generated by bench/peer_data.py for the benchmark.")
