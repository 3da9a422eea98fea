"""Rilis & pemulihan: every release with date, user and summary; make an earlier one current again
(as a new release), and the audit log."""

from __future__ import annotations

import streamlit as st

from dashboard.data import audit, preview, release
from dashboard.data.rollback import RollbackError, history, rollback
from dashboard.staff_views import _common as common

user = common.require_user()
st.title("Rilis dan pemulihan")
st.markdown("Setiap penerbitan membuat rilis baru; rilis lama tidak pernah diubah atau dihapus. *Pulihkan* "
            "menerbitkan isi rilis lama sebagai rilis **baru** (riwayat revisi mencatatnya sebagai pemulihan).")
if done := st.session_state.pop("rilis-selesai", None):
    st.success(done)

table = history()
shown = table.assign(aktif=table["aktif"].map({True: "aktif", False: ""}),
                     rusak=table["rusak"].map({True: "RUSAK", False: ""}))
st.dataframe(shown, hide_index=True, width="stretch", key="rilis-daftar",
             column_config={"angka": st.column_config.NumberColumn("angka", format="%d"),
                            "roster": st.column_config.NumberColumn("baris roster", format="%d")})

choices = table.loc[~table["aktif"] & ~table["rusak"], "rilis"].tolist()
if not choices:
    st.info("Belum ada rilis lama yang dapat dipulihkan.")
else:
    st.subheader("Pulihkan rilis lama")
    target = st.selectbox("Rilis yang dijadikan aktif lagi", choices, key="rilis-pilih",
                          format_func=lambda rid: f"{rid} — {table.set_index('rilis').at[rid, 'catatan'][:80]}")
    current = release.load_newest_good().release
    old = release.load_release(target)
    roster = preview.roster_preview(current.roster, old.roster)
    figures = preview.statistics_changes(current.statistics, old.statistics)
    st.markdown(f"Bila dipulihkan: **{figures['baru']}** angka kembali, **{figures['dihapus']}** angka ditarik, "
                f"**{figures['diubah']}** angka berubah nilai; roster publik: {len(roster.added)} baris kembali, "
                f"{len(roster.removed)} baris ditarik, {len(roster.changed)} baris berubah.")
    if common.confirm("rilis", f"Saya ingin menjadikan isi rilis {target} aktif lagi sebagai rilis baru.",
                      "Pulihkan rilis ini"):
        try:
            rolled = rollback(target, user)
        except RollbackError as exc:
            audit.record("pulihkan", user, "ditolak", release_id=current.release_id, note=f"sasaran {target}")
            st.error(str(exc))
        else:
            audit.record("pulihkan", user, "diterbitkan", release_id=rolled.release_id,
                         note=f"memulihkan {rolled.restored}, menggantikan {rolled.replaced}")
            common.write_public_outputs()
            st.session_state["rilis-selesai"] = (f"Rilis {rolled.restored} dipulihkan sebagai rilis baru "
                                                 f"{rolled.release_id}.")
            st.rerun()

st.subheader("Log audit (terbaru di atas)")
log = audit.read()
st.dataframe(log.iloc[::-1].head(200), hide_index=True, width="stretch", key="rilis-audit")
