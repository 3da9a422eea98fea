"""The staff pages with AppTest: refused without a proxy identity, signed in through Streamlit's OIDC
user (AppTest seeds st.user), template download audited, rollback done from the page with the user in
the audit log, the entry script's navigation. Uploads are driven in Chromium (tests/staff/test_staff_browser.py):
AppTest cannot fill a file uploader."""

from __future__ import annotations

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard.data import audit, release, staff
from dashboard.settings import REPO_ROOT
from dashboard.staff_views._common import TOKEN_HEADER, USER_HEADER, user_from_headers

STAFF = REPO_ROOT / "dashboard" / "staff_views"
STAFF_FILE = REPO_ROOT / "tests" / "fixtures" / "staff" / "baik_bersih.csv"


def page(name: str, user: str | None = "alice@dinsos.example") -> AppTest:
    at = AppTest.from_file(str(STAFF / f"{name}.py"), default_timeout=60)
    at.user = {"is_logged_in": user is not None, **({"email": user} if user else {})}
    return at


@pytest.fixture
def oidc(monkeypatch, releases, private):
    monkeypatch.setenv("DASHBOARD_STAFF_AUTH", "oidc")
    return releases


def texts(at: AppTest) -> str:
    parts = [e.value for kind in ("title", "markdown", "error", "success", "info", "caption") for e in getattr(at, kind)]
    return "\n".join(str(p) for p in parts)


@pytest.mark.parametrize(("headers", "token", "user"), [
    ({USER_HEADER: "alice", TOKEN_HEADER: "t0k"}, "t0k", "alice"),
    ({USER_HEADER: "alice", TOKEN_HEADER: "wrong"}, "t0k", None),
    ({USER_HEADER: "alice"}, "t0k", None),
    ({USER_HEADER: "alice", TOKEN_HEADER: "t0k"}, None, None),  # no token configured: nobody
    ({USER_HEADER: "al ice\nx", TOKEN_HEADER: "t0k"}, "t0k", None),
    ({USER_HEADER: "", TOKEN_HEADER: "t0k"}, "t0k", None),
])
def test_user_comes_only_from_the_proxy(headers, token, user):
    assert user_from_headers(headers, token) == user


@pytest.mark.parametrize("name", ["unggah", "roster", "rilis"])
def test_pages_refuse_without_proxy_identity(releases, private, monkeypatch, name):
    monkeypatch.setenv("DASHBOARD_STAFF_AUTH", "proxy")
    monkeypatch.setenv("DASHBOARD_STAFF_PROXY_TOKEN", "rahasia")
    at = page(name).run()
    assert not at.exception
    assert [e.value for e in at.error] == ["Akses ditolak: halaman staf hanya dapat dibuka melalui alamat /staf/ "
                                           "dengan login."]
    assert not at.title and not at.get("file_uploader")
    assert not audit.audit_path().exists()


def test_oidc_mode_asks_to_sign_in(oidc):
    at = page("unggah", user=None).run()
    assert not at.exception
    assert [b.label for b in at.button] == ["Masuk dengan akun Dinsos"] and not at.get("file_uploader")


@pytest.mark.parametrize("name", ["unggah", "roster"])
def test_upload_pages_render_for_a_signed_in_user(oidc, name):
    at = page(name).run()
    assert not at.exception
    assert len(at.get("file_uploader")) == 1
    assert at.title[0].value in ("Unggah angka resmi", "Roster PSKS")


def test_template_download_is_offered(oidc):
    at = page("unggah").run()
    [button] = at.get("download_button")
    assert "templat" in button.proto.label.lower()  # the click (and its audit line) is driven in Chromium


def test_rollback_from_the_page_is_audited_with_the_user(oidc):
    first = release.current_id()
    published = staff.publish(STAFF_FILE)
    at = page("rilis").run()
    assert not at.exception
    listed = at.dataframe[0].value
    assert listed["rilis"].tolist() == [published.release_id, first]
    assert at.selectbox(key="rilis-pilih").value == first
    assert "angka kembali" in texts(at)
    assert at.button(key="rilis-tombol").disabled  # nothing happens before the box is ticked
    at.checkbox(key="rilis-setuju").check().run()
    at.button(key="rilis-tombol").click().run()
    assert not at.exception
    new = release.current_id()
    assert new not in (first, published.release_id)
    pd.testing.assert_frame_equal(release.load_release(new).statistics, release.load_release(first).statistics)
    assert f"Rilis {first} dipulihkan sebagai rilis baru {new}." in texts(at)
    line = audit.read().iloc[-1]
    assert (line.pengguna, line.aksi, line.rilis, line.hasil) == ("alice@dinsos.example", "pulihkan", new, "diterbitkan")
    assert at.dataframe[0].value["pengguna"].iloc[0] == "alice@dinsos.example"


def test_entry_script_offers_the_three_pages(oidc):
    at = AppTest.from_file(str(REPO_ROOT / "dashboard" / "staff_app.py"), default_timeout=60)
    at.user = {"is_logged_in": True, "email": "bob@dinsos.example"}
    at.run()
    assert not at.exception
    assert "bob@dinsos.example" in texts(at)
    assert at.title[0].value == "Unggah angka resmi"
