"""Unggah angka: template, upload -> check -> preview figure by figure -> confirmed publish."""

from __future__ import annotations

import streamlit as st

from dashboard.data import audit, preview, private_store, release, staff, template
from dashboard.data.staff_summary import describe_source
from dashboard.staff_views import _common as common

user = common.require_user()
st.title("Unggah angka resmi")
st.markdown("Berkas CSV atau Excel dengan kolom sesuai *format unggah* (lihat templat). Berkas diperiksa "
            "dengan aturan yang sama seperti perintah `python -m dashboard.data check`; tidak ada yang "
            "diterbitkan sebelum Anda melihat pratinjau dan menyetujuinya.")


def _template_downloaded() -> None:
    audit.record("unduh_templat", user, "lolos", release_id=release.current_id() or "")


st.download_button("Unduh templat Excel (kolom, contoh, daftar kode)", template.build,
                   file_name="templat_unggah_angka_dinsos.xlsx", on_click=_template_downloaded,
                   mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", key="unggah-templat")

upload = common.uploaded("unggah-berkas", "Berkas angka (CSV atau XLSX)")
sheet = st.text_input("Nama lembar (opsional, untuk Excel dengan beberapa lembar)", key="unggah-lembar").strip()
if upload is None:
    st.stop()
name, data, sha = upload
key = (sha, sheet)
state = st.session_state.get("unggah")
if state is None or state["key"] != key:
    served = release.load_newest_good().release
    bar = st.progress(0.0, text="Memeriksa berkas…")

    def progress(done: int, total: int, stage: str) -> None:
        bar.progress(min(1.0, done / total) if total else 1.0, text=f"{staff.STAGES[stage]} ({done:,} / {total:,})")

    with private_store.upload_copy(name, data) as path:
        result = staff.check(path, sheet or None, base=served.statistics, progress=progress)
    bar.empty()
    view = None if result.problems else preview.statistics_preview(served.statistics, result.rows,
                                                                   common.public_base_url())
    audit.record("periksa", user, "ditolak" if result.problems else "lolos", file_name=name, sha256=sha,
                 release_id=served.release_id, note=f"{len(result.problems)} masalah")
    state = {"key": key, "result": result, "view": view, "base": served.release_id, "done": None}
    st.session_state["unggah"] = state

result, view = state["result"], state["view"]
if result.table is not None:
    st.caption(describe_source(result.table, result.header_row))
if state["done"]:
    st.success(state["done"])
    st.stop()
if result.problems:
    st.error(f"Ditemukan {len(result.problems)} masalah. Tidak ada yang diterbitkan; perbaiki berkas lalu "
             "unggah lagi.")
    st.dataframe(common.problem_table(result.problems), hide_index=True, width="stretch", key="unggah-masalah")
    st.stop()

counts = view.counts
st.success(f"Berkas lolos pemeriksaan: {len(result.rows)} angka dibaca.")
cols = st.columns(4)
for col, (label, kind) in zip(cols, [("Baru", "baru"), ("Diubah", "diubah"), ("Tetap", "tetap"),
                                     ("Ditarik", "dihapus")], strict=True):
    col.metric(label, counts[kind])
st.subheader("Pratinjau per angka")
st.dataframe(view.rows.drop(columns="fig_id").head(1000), hide_index=True, width="stretch", key="unggah-pratinjau")
if len(view.rows) > 1000:
    st.caption(f"1.000 dari {len(view.rows)} baris ditampilkan; unduh pratinjau lengkap di bawah.")
st.download_button("Unduh pratinjau lengkap (CSV)", view.rows.to_csv(index=False).encode("utf-8"),
                   file_name=f"pratinjau-{sha[:12]}.csv", mime="text/csv", on_click="ignore", key="unggah-csv")
st.subheader("Halaman publik yang berubah")
st.dataframe(view.pages, hide_index=True, width="stretch", key="unggah-halaman",
             column_config={"alamat": st.column_config.LinkColumn("alamat")})
if not (counts["baru"] or counts["diubah"] or counts["dihapus"]):
    st.info("Berkas ini tidak mengubah angka yang terbit; tidak ada yang perlu diterbitkan.")
    st.stop()

if common.confirm("unggah", "Saya sudah memeriksa pratinjau dan ingin menerbitkan angka ini sebagai rilis baru.",
                  "Terbitkan"):
    if release.current_id() != state["base"]:
        st.session_state.pop("unggah")
        st.warning("Rilis aktif berubah sejak berkas diperiksa; pemeriksaan diulang. Lihat pratinjau lagi.")
        st.rerun()
    with st.spinner("Menerbitkan…"), private_store.upload_copy(name, data) as path:
        published = staff.publish(path, sheet or None)
    if published.problems:
        audit.record("terbitkan", user, "ditolak", file_name=name, sha256=sha, release_id=state["base"])
        st.error("Penerbitan ditolak: " + "; ".join(p.message() for p in published.problems[:5]))
    elif published.release_id is None:
        audit.record("terbitkan", user, "tidak_berubah", file_name=name, sha256=sha, release_id=state["base"])
        st.info("Tidak ada perubahan; tidak ada rilis baru.")
    else:
        audit.record("terbitkan", user, "diterbitkan", file_name=name, sha256=sha, release_id=published.release_id,
                     note=f"{counts['baru']} baru, {counts['diubah']} diubah, {counts['dihapus']} ditarik")
        common.write_public_outputs()
        state["done"] = f"Diterbitkan sebagai rilis {published.release_id}."
        st.rerun()
