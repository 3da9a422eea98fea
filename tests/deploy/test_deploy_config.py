"""The pieces of the deployment that need no server: production flags, template rendering, CSP."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from deploy import nginx, settings
from deploy.launch import NGINX_BIN


@pytest.mark.parametrize(("mapping", "flags"), [
    ({"server": {"headless": True}}, ["--server.headless", "true"]),
    ({"server": {"runOnSave": False}}, ["--server.runOnSave", "false"]),
    ({"server": {"maxUploadSize": 1}}, ["--server.maxUploadSize", "1"]),
    ({"client": {"showErrorDetails": "none"}}, ["--client.showErrorDetails", "none"]),
    ({"server": {"allowedHosts": ["a.id", "b.id"]}},
     ["--server.allowedHosts", "a.id", "--server.allowedHosts", "b.id"]),
    ({"a": {"x": 1}, "b": {"y": "z"}}, ["--a.x", "1", "--b.y", "z"]),
])
def test_settings_become_streamlit_flags(mapping, flags):
    assert settings.flags_from_mapping(mapping) == flags


@pytest.mark.parametrize("mapping", [
    {"server": {"corsAllowedOrigins": []}},   # Streamlit ignores a flag given no values
    {"server": {"nested": {"x": 1}}},
    {"loose": 1},
])
def test_settings_that_cannot_be_flags_are_refused(mapping):
    with pytest.raises(ValueError):
        settings.flags_from_mapping(mapping)


@pytest.mark.parametrize(("key", "value"), [
    ("client.showErrorDetails", "none"), ("client.toolbarMode", "viewer"),
    ("browser.gatherUsageStats", "false"), ("server.enableXsrfProtection", "true"),
    ("server.enableCORS", "true"), ("server.fileWatcherType", "none"),
    ("server.enableWebsocketCompression", "true"), ("server.enableStaticServing", "true"),
    ("server.runOnSave", "false"), ("server.enableAgentApi", "false"),
])
def test_production_file_sets(key, value):
    flags = settings.production_flags()
    assert flags[flags.index(f"--{key}") + 1] == value


def test_production_file_limits_are_small():
    prod = settings.production_settings()["server"]
    assert prod["maxUploadSize"] <= 5 and prod["maxMessageSize"] <= 50
    assert 0 < prod["disconnectedSessionTTL"] < 120


def test_csp_hash_matches_the_published_example():
    # The example from the CSP specification / MDN: alert('Hello, world.');
    assert nginx.script_hash("alert('Hello, world.');") == "'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='"


def test_csp_lists_every_inline_script_and_no_unsafe_script_source():
    page = "<script>a()</script><script src='x.js'></script><script type='module'>b()</script>"
    policy = nginx.content_security_policy(page, ["c()"])
    script_src = re.search(r"script-src ([^;]+)", policy).group(1).split()
    assert [s for s in script_src if s.startswith("'sha256-")] == [
        nginx.script_hash("a()"), nginx.script_hash("b()"), nginx.script_hash("c()")]
    assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src


def test_render_refuses_a_missing_value():
    with pytest.raises(KeyError, match="port"):
        nginx.render({"a": "1"}, template="listen {{port}}; x {{a}};")


def test_rendered_config_has_no_placeholder_and_nginx_accepts_it(tmp_path):
    site = nginx.NginxSite(run_dir=tmp_path, listen_port=18999, worker_ports=[19001, 19002])
    text = nginx.write_config(site).read_text()
    assert "{{" not in text
    assert "server 127.0.0.1:19001" in text and '"127.0.0.1:19002" "w2"' in text
    if not shutil.which(NGINX_BIN):
        pytest.skip("nginx not installed")
    check = subprocess.run([NGINX_BIN, "-t", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf"),
                            "-e", str(tmp_path / "err.log")], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr


def test_staff_blocks_need_a_password_file_and_a_token(tmp_path):
    closed = nginx.staff_blocks(None, None, "", tmp_path)
    assert closed["staff_http"] == "" and "location /staf/ { return 404; }" in closed["staff_locations"]
    for htpasswd, token in ((None, "ab" * 16), (tmp_path / "h", ""), (tmp_path / "h", 'x"; evil')):
        with pytest.raises(ValueError):
            nginx.staff_blocks(19003, htpasswd, token, tmp_path)
    opened = nginx.staff_blocks(19003, tmp_path / "h", "ab" * 16, tmp_path)["staff_locations"]
    assert opened.count("auth_basic_user_file") == 3 and opened.count('proxy_set_header Authorization "";') == 3
    assert opened.count("proxy_set_header X-Dasbor-User $remote_user;") == 3


def test_staff_flags_override_production(tmp_path):
    from deploy import settings

    flags = settings.staff_flags()
    pairs = dict(zip(flags[::2], flags[1::2], strict=True))
    assert pairs["--server.baseUrlPath"] == "staf" and pairs["--server.maxUploadSize"] == "20"
    assert pairs["--client.showErrorDetails"] == "none" and pairs["--server.enableXsrfProtection"] == "true"
