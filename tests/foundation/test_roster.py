"""The synthetic PSKS roster and its public projection (the allowlist that reaches visitors)."""

from __future__ import annotations

import io
import string

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dashboard.data import reference, roster
from dashboard.data.schema import ROSTER_PRIVATE_COLUMNS, ROSTER_PUBLIC_COLUMNS


def csv_text(frame: pd.DataFrame) -> str:
    buffer = io.StringIO()
    frame.to_csv(buffer, index=False)
    return buffer.getvalue()


def test_size_is_in_the_expected_range(full_roster):
    assert 10_000 <= len(full_roster) <= 20_000
    assert full_roster["id_publik"].is_unique


def test_roster_is_deterministic(full_roster):
    assert roster.generate_roster().equals(full_roster)


def test_one_current_tksk_per_kecamatan_plus_former_holders(full_roster):
    tksk = full_roster[full_roster.jenis_psks == "TKSK"]
    current = tksk[tksk.status.isin(["aktif", "tidak aktif"])]
    former = tksk[~tksk.status.isin(["aktif", "tidak aktif"])]
    assert sorted(current["kode_kecamatan"]) == sorted(reference.kecamatan()["kode_bps"])  # 155, once each
    assert len(current) == 155
    assert len(former) > 0 and former["status"].eq("purna tugas").all()
    assert (former["periode_selesai"] <= "2025-12-31").all()
    assert (current["periode_selesai"] > "2025-12-31").all()


def test_psm_sit_on_real_desa_of_their_kecamatan(full_roster):
    psm = full_roster[full_roster.jenis_psks == "PSM"]
    desa = reference.desa().set_index("kode_bps")["kode_bps_kecamatan"]
    assert len(psm) > 0
    assert psm["kode_desa"].isin(desa.index).all()
    assert (psm["kode_desa"].map(desa) == psm["kode_kecamatan"]).all()


def test_every_code_exists_in_the_reference_lists(full_roster):
    kec = reference.kecamatan().set_index("kode_bps")["kode_bps_kabkota"]
    assert full_roster["kode_kabkota"].isin(reference.kabkota()["kode_bps"]).all()
    assert full_roster["kode_kecamatan"].isin(kec.index).all()
    assert (full_roster["kode_kecamatan"].map(kec) == full_roster["kode_kabkota"]).all()
    placed = full_roster["kode_desa"].ne("")
    assert full_roster.loc[placed, "kode_desa"].isin(reference.desa()["kode_bps"]).all()
    assert full_roster["jenis_psks"].isin(reference.programs()["kode"]).all()


def test_internal_roster_carries_the_private_fields(full_roster):
    assert set(ROSTER_PRIVATE_COLUMNS) <= set(full_roster.columns)
    people = full_roster[full_roster.jenis_entitas == "orang"]
    assert people["nik"].str.fullmatch(r"\d{16}").all()
    assert people["telepon"].str.fullmatch(r"08\d{8,11}").all()
    assert people["tanggal_lahir"].str.fullmatch(r"\d{4}-\d{2}-\d{2}").all()


def test_public_projection_has_exactly_the_allowlist(full_roster):
    public = roster.public_projection(full_roster)
    assert list(public.columns) == ROSTER_PUBLIC_COLUMNS
    assert not set(public.columns) & set(ROSTER_PRIVATE_COLUMNS)


def test_names_hidden_without_consent_and_minors_not_listed(full_roster):
    public = roster.public_projection(full_roster).set_index("id_publik")
    born = pd.to_datetime(full_roster["tanggal_lahir"], errors="coerce")
    person = full_roster["jenis_entitas"].eq("orang")
    minor = person & (born + pd.DateOffset(years=18) > pd.Timestamp(roster.AS_OF))
    no_consent = person & ~minor & full_roster["persetujuan_publikasi_nama"].ne("ya")
    assert minor.sum() > 0 and no_consent.sum() > 0  # the roster exercises both rules
    assert not full_roster.loc[minor, "id_publik"].isin(public.index).any()
    hidden = public.loc[full_roster.loc[no_consent, "id_publik"], "nama"]
    assert hidden.eq(roster.HIDDEN_NAME).all()
    shown = full_roster[person & ~minor & ~no_consent]
    assert (public.loc[shown["id_publik"], "nama"].to_numpy() == shown["nama"].to_numpy()).all()
    assert len(public) == len(full_roster) - minor.sum()


CANARIES = {
    "nik": "3601999999999999",
    "telepon": "081299999999",
    "alamat_rumah": "Jl. Kanari No. 99",
    "tanggal_lahir": "1990-09-09",
}


def _person(template: pd.Series, **fields: str) -> dict:
    return {**template.to_dict(), "jenis_entitas": "orang", "persetujuan_publikasi_nama": "ya", **fields}


def test_canaries_never_reach_the_public_csv(full_roster):
    template = full_roster[full_roster.jenis_psks == "PSM"].iloc[0]
    planted = pd.DataFrame([
        _person(template, id_publik="PSKS-K0001", nama="Kanari Rahasia", persetujuan_publikasi_nama="tidak",
                **CANARIES),
        _person(template, id_publik="PSKS-K0002", nama="Anak Kanari", tanggal_lahir="2012-05-05"),
    ])
    text = csv_text(roster.public_projection(pd.concat([full_roster, planted], ignore_index=True)))
    assert "PSKS-K0001" in text  # the adult stays listed, without a name
    for canary in [*CANARIES.values(), "Kanari Rahasia", "Anak Kanari", "PSKS-K0002"]:
        assert canary not in text, canary


MARKER = "QZXPRIV"
# Values that keep a row listed with its name, so the property is not satisfied by dropping rows.
KEEPS_ROW = {"tanggal_lahir": st.just("1980-01-01"), "persetujuan_publikasi_nama": st.just("ya")}


@st.composite
def private_values(draw) -> dict[str, str]:
    values = {}
    for column in ROSTER_PRIVATE_COLUMNS:
        planted = st.text(min_size=0, max_size=20).map(lambda s, c=column: f"{MARKER}{c}{s}")
        strategy = st.one_of(planted, KEEPS_ROW[column]) if column in KEEPS_ROW else planted
        values[column] = draw(strategy)
    return values


@pytest.fixture(scope="module")
def sample(full_roster) -> pd.DataFrame:
    people = full_roster[full_roster.jenis_entitas == "orang"].head(3)
    orgs = full_roster[full_roster.jenis_entitas == "organisasi"].head(2)
    return pd.concat([people, orgs], ignore_index=True)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(values=private_values(), names=st.text(alphabet=string.ascii_letters + " ", min_size=1, max_size=12))
def test_property_no_private_text_in_the_projection(sample, values, names):
    frame = sample.assign(**values, nama=f"N {names}")
    public = roster.public_projection(frame)
    assert len(public) >= 2  # organisations are always listed
    assert MARKER not in csv_text(public)
