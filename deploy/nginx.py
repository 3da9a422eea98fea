"""Render deploy/nginx.conf.template for one deployment: ports, names, paths and the CSP.

The Content-Security-Policy allows exactly the inline script Streamlit's ``index.html`` carries, by
its SHA-256, computed from the installed package at render time (an upgrade that changes it cannot
silently break the page or force ``'unsafe-inline'`` for scripts).
"""

from __future__ import annotations

import base64
import getpass
import hashlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TEMPLATE = Path(__file__).resolve().parent / "nginx.conf.template"
#: Files the app puts verbatim into an inline ``<script>`` (the briefing deck is one srcdoc iframe,
#: which inherits the page's CSP). Their hashes are allowed; any other inline script is refused.
APP_INLINE_SCRIPTS = [REPO / "dashboard" / "logic" / "briefing_assets" / "deck.js"]
STICKY_COOKIE = "dsb_srv"
PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", re.S | re.I)
#: Browser features the dashboard never uses.
PERMISSIONS_POLICY = ("accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
                      "microphone=(), payment=(), usb=()")


def streamlit_static_root() -> Path:
    """The installed Streamlit's web root (``index.html`` and the ``static/`` bundle folder)."""
    import streamlit

    return Path(streamlit.__file__).resolve().parent / "static"


def script_hash(body: str) -> str:
    """The CSP source expression (``'sha256-...'``) allowing one inline script."""
    digest = hashlib.sha256(body.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def inline_script_hashes(index_html: str) -> list[str]:
    """Source expressions for every inline ``<script>`` in a page."""
    return [script_hash(body) for body in INLINE_SCRIPT.findall(index_html)]


#: Policy of /app/static/maps/: the folium page's inline scripts run, sandboxed (opaque origin);
#: Leaflet itself still comes only from this site; links (the licence) may open a new tab.
MAP_CSP = "; ".join([
    "default-src 'self'", "script-src 'self' 'unsafe-inline'", "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:", "connect-src 'none'", "frame-ancestors 'self'", "base-uri 'none'",
    "form-action 'none'", "object-src 'none'", "sandbox allow-scripts allow-popups allow-popups-to-escape-sandbox",
])


def content_security_policy(index_html: str, inline_scripts: list[str] = ()) -> str:
    """The tightest policy the dashboard was seen to run under in Chromium without violations.

    Scripts come only from the site itself plus the hashed inline ones (Streamlit's ``index.html``
    and ``inline_scripts``). ``'wasm-unsafe-eval'`` lets the protobuf library compile its small
    WebAssembly helper (it allows WebAssembly compilation only, not JavaScript ``eval``); without it
    every page load reports a violation. Streamlit and Plotly set ``<style>`` elements and style
    attributes at run time, hence ``style-src 'unsafe-inline'``. Streamlit uses ``data:`` URLs for
    the emoji page icon and a font. ``connect-src 'self'`` covers the same-origin websocket (CSP
    level 3); frames and workers fall back to ``default-src 'self'`` (the briefing's srcdoc iframe
    inherits this policy, hence its script's hash above).
    """
    hashes = inline_script_hashes(index_html) + [script_hash(body) for body in inline_scripts]
    scripts = " ".join(["'self'", "'wasm-unsafe-eval'", *dict.fromkeys(hashes)])
    return "; ".join([
        "default-src 'self'",
        f"script-src {scripts}",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "frame-ancestors 'self'",
        "base-uri 'self'",
        "form-action 'self'",
        "object-src 'none'",
    ])


@dataclass
class NginxSite:
    """What differs between deployments of the same template."""

    run_dir: Path
    listen_port: int
    worker_ports: list[int]
    listen_host: str = "127.0.0.1"
    server_names: list[str] = field(default_factory=lambda: ["localhost", "127.0.0.1"])
    site_dir: Path = Path(__file__).resolve().parent.parent / "site"
    cookie_secure: bool = False
    csp: str | None = None
    staff_port: int | None = None  # the staff worker (None: no staff app, /staf/ answers 404)
    staff_htpasswd: Path | None = None
    staff_token: str = ""  # shared with the staff worker: proves a request came through this nginx

    def values(self) -> dict[str, str]:
        static_root = streamlit_static_root()
        inline = [path.read_text("utf-8") for path in APP_INLINE_SCRIPTS if path.exists()]
        csp = self.csp or content_security_policy((static_root / "index.html").read_text("utf-8"), inline)
        ids = [f'        "127.0.0.1:{port}" "w{i}";' for i, port in enumerate(self.worker_ports, 1)]
        servers = [f"        server 127.0.0.1:{port} max_fails=1 fail_timeout=5s;"
                   for port in self.worker_ports]
        # As root nginx would run its workers as "nobody", who cannot read a private run
        # directory; as any other user the directive is ignored with a warning, so leave it out.
        user_line = f"user {getpass.getuser()};" if os.geteuid() == 0 else ""
        return {
            "user_line": user_line,
            "run_dir": str(self.run_dir),
            "listen": f"{self.listen_host}:{self.listen_port}",
            "server_names": " ".join(self.server_names),
            "upstream_servers": "\n".join(servers),
            "upstream_ids": "\n".join(ids),
            "sticky_cookie": STICKY_COOKIE,
            "cookie_secure": "; Secure" if self.cookie_secure else "",
            "streamlit_static": str(static_root),
            "site_dir": str(Path(self.site_dir).resolve()),
            "csp": csp,
            "map_csp": MAP_CSP,
            "permissions_policy": PERMISSIONS_POLICY,
            **staff_blocks(self.staff_port, self.staff_htpasswd, self.staff_token, static_root),
        }


STAFF_REALM = "Dasbor Staf Dinsos Banten"
STAFF_RATE = "10r/s"  # authenticated staff requests per client address (each costs a bcrypt check)
STAFF_BURST = 40
STAFF_BODY = "21m"  # uploads: the staff check refuses files over 20 MB itself


def staff_blocks(port: int | None, htpasswd: Path | None, token: str, static_root: Path) -> dict[str, str]:
    """The ``staff_http`` (http level) and ``staff_locations`` (server level) parts of the template.

    Without a staff worker every /staf path is a 404 from nginx. With one, everything under /staf/
    needs a password (HTTP basic auth against ``htpasswd``) except Streamlit's own bundle files
    (/staf/static/, byte for byte the public /static/ bundle, read from disk: nothing staff-specific,
    and no password check for each of its ~60 files). nginx sets ``X-Dasbor-User`` to the
    authenticated name and ``X-Dasbor-Proxy`` to the shared token, replacing whatever a client sent,
    and drops the ``Authorization`` header (the password never reaches Python). A request that fails
    the password check gets 401 from nginx and never reaches the staff worker.
    """
    if port is None:
        closed = "        location = /staf { return 404; }\n        location /staf/ { return 404; }"
        return {"staff_http": "", "staff_locations": closed}
    if htpasswd is None or not token or not re.fullmatch(r"[0-9a-f]{32,128}", token):
        raise ValueError("a staff worker needs an htpasswd file and a hex proxy token")
    common = "\n".join(f"            {line}" for line in [
        f"limit_req zone=staff burst={STAFF_BURST} nodelay;",
        "limit_req_status 429;",
        f'auth_basic "{STAFF_REALM}";',
        f"auth_basic_user_file {Path(htpasswd).resolve()};",
        f"client_max_body_size {STAFF_BODY};",
        "proxy_pass http://staff;",
        "proxy_set_header Host $http_host;",
        "proxy_set_header X-Real-IP $remote_addr;",
        "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;",
        "proxy_set_header X-Forwarded-Proto $scheme;",
        'proxy_set_header Authorization "";',
        "proxy_set_header X-Dasbor-User $remote_user;",
        f'proxy_set_header X-Dasbor-Proxy "{token}";',
    ])
    locations = f"""        location = /staf {{
{common}
            proxy_set_header Connection "";
        }}
        location /staf/ {{
{common}
            proxy_set_header Connection "";
        }}
        location = /staf/_stcore/stream {{
{common}
            proxy_set_header Upgrade $http_upgrade;
            proxy_set_header Connection $connection_upgrade;
            proxy_buffering off;
            proxy_read_timeout 3600s;
            proxy_send_timeout 3600s;
        }}
        location /staf/static/ {{
            alias {static_root}/static/;
            access_log off;
        }}"""
    http = f"""    limit_req_zone $binary_remote_addr zone=staff:1m rate={STAFF_RATE};
    upstream staff {{
        server 127.0.0.1:{port};
        keepalive 4;
    }}
"""
    return {"staff_http": http, "staff_locations": locations}


def render(values: dict[str, str], template: str | None = None) -> str:
    """The template with every ``{{name}}`` replaced.

    Raises
    ------
    KeyError
        When the template names a value that was not given (never leave a placeholder in).
    """
    text = TEMPLATE.read_text(encoding="utf-8") if template is None else template
    missing = sorted(set(PLACEHOLDER.findall(text)) - set(values))
    if missing:
        raise KeyError(f"nginx template values missing: {', '.join(missing)}")
    return PLACEHOLDER.sub(lambda m: values[m.group(1)], text)


def write_config(site: NginxSite) -> Path:
    """Render the configuration into ``site.run_dir`` (creating its temp folders); return its path."""
    for sub in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (site.run_dir / "tmp" / sub).mkdir(parents=True, exist_ok=True)
    path = site.run_dir / "nginx.conf"
    path.write_text(render(site.values()), encoding="utf-8")
    return path
