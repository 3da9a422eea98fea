"""Roster PSKS: the real roster (private fields included) -> check -> public preview -> confirmed publish.

The file goes to a private temporary copy (mode 600) for the check; on publish the full file is kept in
the private folder and only the allowlisted public projection enters the release. Nothing on this page
shows a private value: problems name row and column, the preview shows public columns only.
"""

from __future__ import annotations

import streamlit as st

from dashboard.data import audit, preview, private_store, release, roster_import
from dashboard.staff_views import _common as common

user = common.require_user()
st.title("Roster PSKS")
st.markdown("Unggah roster PSKS seperti yang disimpan Dinsos (NIK, nama, jenis PSKS, kabupaten/kota, kecamatan, "
            "desa, telepon, alamat, tanggal lahir, nomor dan tanggal SK, persetujuan publikasi nama). "
            "Berkas lengkap hanya disimpan di folder privat server; yang terbit hanya kolom publik. "
            "Nama hanya terbit untuk orang dewasa yang setuju; anak tidak dicantumkan.")

upload = common.uploaded("roster-berkas", "Berkas roster (CSV atau XLSX)")
sheet = st.text_input("Nama lembar (opsional)", key="roster-lembar").strip()
if upload is None:
    st.stop()
name, data, sha = upload
key = (sha, sheet)
state = st.session_state.get("roster")
if state is None or state["key"] != key:
    served = release.load_newest_good().release
    with st.spinner("Memeriksa roster…"), private_store.upload_copy(name, data) as path:
        result = roster_import.check(path, sheet=sheet or None)
    diff = None if result.problems else preview.roster_preview(served.roster, result.public)
    audit.record("periksa_roster", user, "ditolak" if result.problems else "lolos", file_name=name, sha256=sha,
                 release_id=served.release_id, note=f"{len(result.problems)} masalah")
    state = {"key": key, "result": result, "diff": diff, "base": served.release_id, "done": None}
    st.session_state["roster"] = state

result, diff = state["result"], state["diff"]
if state["done"]:
    st.success(state["done"])
    st.stop()
if result.problems:
    st.error(f"Ditemukan {len(result.problems)} masalah. Tidak ada yang diterbitkan; perbaiki berkas lalu unggah lagi.")
    st.dataframe(common.problem_table(result.problems), hide_index=True, width="stretch", key="roster-masalah")
    st.stop()

st.success(f"Roster lolos pemeriksaan: {len(result.private)} baris dibaca, {len(result.public)} baris akan tampil "
           "di daftar publik.")
for found in result.notes:
    st.info(found.message())
cols = st.columns(4)
for col, (label, value) in zip(cols, [("Baris baru", len(diff.added)), ("Berubah", len(diff.changed)),
                                      ("Tetap", diff.unchanged), ("Dihapus", len(diff.removed))], strict=True):
    col.metric(label, value)
st.caption("Pratinjau hanya memuat kolom publik (tanpa NIK, telepon, alamat, tanggal lahir).")
for title, frame, widget in (("Baris baru", diff.added, "roster-baru"), ("Baris berubah", diff.changed, "roster-ubah"),
                             ("Baris dihapus", diff.removed, "roster-hapus")):
    if len(frame):
        st.subheader(f"{title} ({len(frame)})")
        st.dataframe(frame.head(500), hide_index=True, width="stretch", key=widget)
base = common.public_base_url()
st.markdown(f"Halaman publik yang berubah: [PSKS]({base}/psks) (daftar dan jumlah per kecamatan), "
            f"[Metodologi]({base}/metodologi) (catatan rilis).")
if diff.changes == 0:
    st.info("Roster publik tidak berubah; tidak ada yang perlu diterbitkan.")
    st.stop()

if common.confirm("roster", "Saya sudah memeriksa pratinjau dan ingin menerbitkan roster publik ini sebagai rilis "
                  "baru (statistik tetap).", "Terbitkan roster"):
    if release.current_id() != state["base"]:
        st.session_state.pop("roster")
        st.warning("Rilis aktif berubah sejak roster diperiksa; pemeriksaan diulang.")
        st.rerun()
    with st.spinner("Menerbitkan…"), private_store.upload_copy(name, data) as path:
        published = roster_import.publish(path, sheet=sheet or None)
    if published.problems or published.release_id is None:
        audit.record("impor_roster", user, "ditolak" if published.problems else "tidak_berubah", file_name=name,
                     sha256=sha, release_id=state["base"])
        st.error("Roster tidak diterbitkan: " + ("; ".join(p.message() for p in published.problems[:5])
                                                 or "tidak ada perubahan"))
    else:
        audit.record("impor_roster", user, "diterbitkan", file_name=name, sha256=sha, release_id=published.release_id,
                     note=f"{len(published.public)} baris publik dari {len(published.private)} baris")
        common.write_public_outputs()
        state["done"] = f"Roster diterbitkan sebagai rilis {published.release_id}."
        st.rerun()
