"""The one settings module: each setting has one name and one default, and bad values are refused."""

from __future__ import annotations

import pytest

from dashboard import settings


def test_defaults(monkeypatch):
    for name in settings.ENV:
        monkeypatch.delenv(name, raising=False)
    conf = settings.current()
    assert conf.mode == "resmi" and not conf.demo
    assert conf.public_url == "http://localhost:8501"
    assert conf.releases_dir == settings.DATA_DIR / "releases" and conf.light_pages


@pytest.mark.parametrize(
    ("value", "expected"),
    [("https://dasbor.bantenprov.go.id/", "https://dasbor.bantenprov.go.id"), ("http://10.0.0.5:8080", "http://10.0.0.5:8080")],
)
def test_public_url_is_normalised(monkeypatch, value, expected):
    monkeypatch.setenv("DASHBOARD_PUBLIC_URL", value)
    assert settings.current().public_url == expected


@pytest.mark.parametrize(("name", "value"), [("DASHBOARD_PUBLIC_URL", "javascript:alert(1)"),
                                              ("DASHBOARD_PUBLIC_URL", "dasbor.local"), ("DASHBOARD_MODE", "demo")])
def test_bad_values_are_refused_with_the_variable_named(monkeypatch, name, value):
    monkeypatch.setenv(name, value)
    with pytest.raises(settings.SettingsError, match=name):
        settings.current()


def test_demonstration_mode(monkeypatch):
    monkeypatch.setenv("DASHBOARD_MODE", "contoh")
    assert settings.current().demo


def test_every_setting_is_documented():
    readme = (settings.REPO_ROOT / "README.md").read_text(encoding="utf-8")
    assert [name for name in settings.ENV if name not in readme] == []
