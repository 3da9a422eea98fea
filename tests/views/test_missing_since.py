"""A page with nothing published says since when, read from the releases (issue: official figures)."""

from __future__ import annotations

from dashboard.data import release
from dashboard.text import fmt
from dashboard.text.i18n import t
from tests.views.test_core_pages import run


def infos(at) -> str:
    return "\n".join(el.value for el in at.info)


def created(root, release_id: str) -> str:
    return fmt.long_date(release.created(release_id, root))


def test_the_roster_never_published_names_the_first_release(releases_dir):
    first = release.list_releases(releases_dir)[0]
    at = run("psks")
    assert f"Belum ada dalam rilis mana pun sejak rilis pertama dasbor ini ({created(releases_dir, first)})." in infos(at)


def test_figures_withdrawn_name_the_last_release_that_had_them(releases_dir, monkeypatch):
    served = release.load_newest_good(releases_dir).release
    stats = served.statistics
    # The next release withdraws every figure of Kab. Pandeglang; the one after changes nothing about it.
    second = release.publish(stats[stats["kode_wilayah"] != "3601"].reset_index(drop=True), served.roster,
                             note="uji: Pandeglang ditarik", root=releases_dir)
    release.publish(stats[stats["kode_wilayah"] != "3601"].assign(note="uji").reset_index(drop=True), served.roster,
                    note="uji: rilis berikutnya", root=releases_dir)
    at = run("wilayah", kode="3601")
    said = infos(at)
    assert (f"Terakhir ada dalam rilis {created(releases_dir, served.release_id)}; "
            f"tidak ada lagi sejak rilis {created(releases_dir, second)}.") in said
    assert t("common.not_published", what="Kab. Pandeglang") in said
    other = run("wilayah", kode="3602")  # a region that still has figures has no such message
    assert t("common.not_published", what="Kab. Lebak") not in infos(other)
    assert "Terakhir ada dalam rilis" not in infos(other)


def test_in_english(releases_dir):
    first = release.list_releases(releases_dir)[0]
    date = fmt.long_date(release.created(first, releases_dir), "en")
    assert f"Not in any release since this dashboard's first release ({date})." in infos(run("psks", lang="en"))
