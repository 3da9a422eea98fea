"""A fresh clone with nothing beside it: the README's set-up publishes a release and Peta draws its map.

The repository's HEAD is cloned (uncommitted changes are not in the clone, on purpose) into an empty
temporary folder, so no ``shared/`` folder sits beside it, and ``make setup`` is run there as the README
says. Installing the locked dependencies again would need the network, so the clone's ``.venv`` is prepared
the way the Makefile's venv step would leave it, from the packages already installed here
(:func:`bench.fresh_clone.seed_venv`, shared with the time-to-first-page benchmark). Proxies point at a
closed port, so anything that tries the network fails instead of downloading.
Then an AppTest of Peta runs in the clone's own interpreter (the clone's code, the clone's release and
boundary layers) and must draw the kab/kota map with no error element.
"""

from __future__ import annotations

import json
import os
import subprocess
import textwrap
from pathlib import Path

import pytest

from bench.fresh_clone import clone_head, seed_venv

REPO_ROOT = Path(__file__).resolve().parents[1]
KABKOTA = ["3601", "3602", "3603", "3604", "3671", "3672", "3673", "3674"]
OFFLINE = {
    "http_proxy": "http://127.0.0.1:9", "https_proxy": "http://127.0.0.1:9",  # port 9: nothing listens
    "HTTP_PROXY": "http://127.0.0.1:9", "HTTPS_PROXY": "http://127.0.0.1:9",
    "no_proxy": "127.0.0.1,localhost", "NO_PROXY": "127.0.0.1,localhost",  # loopback servers still answer
    "PIP_NO_INDEX": "1", "PIP_DISABLE_PIP_VERSION_CHECK": "1",
}

PROBE = textwrap.dedent("""
    import base64, json, os, sys
    from pathlib import Path

    import numpy as np
    from streamlit.testing.v1 import AppTest

    import dashboard
    from dashboard.data import release


    def typed(obj):
        if set(obj) >= {"dtype", "bdata"}:
            return np.frombuffer(base64.b64decode(obj["bdata"]), dtype=obj["dtype"]).tolist()
        return obj


    at = AppTest.from_file(os.path.abspath("dashboard/views/peta.py"), default_timeout=180)
    at.run()
    specs = [json.loads(el.proto.spec, object_hook=typed) for el in at.get("plotly_chart")]
    print(json.dumps({
        "dashboard": dashboard.__file__,
        "release": release.load_newest_good(Path(os.environ["DASHBOARD_RELEASES_DIR"])).release.release_id,
        "exceptions": [str(e.value) for e in at.exception],
        "errors": [str(e.value) for e in at.error],
        "infos": [str(e.value) for e in at.info],
        "charts": [[{"type": t.get("type"), "points": len(t.get("x") or [])} for t in spec["data"]] for spec in specs],
        "maps": [[{"kode": r["kode"], "points": r["d"].count("L")} for r in json.loads(el.proto.json_args)["spec"]["regions"]]
                 for el in at.get("component_instance")],
    }))
""")


def _run(cmd: list[str], cwd: Path, env: dict, timeout: int) -> subprocess.CompletedProcess:
    done = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, f"{' '.join(cmd)} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done


@pytest.mark.slow  # clone, venv, first release, one page: 15-30 s on 2 cores
def test_fresh_clone_sets_up_and_draws_the_map(tmp_path):
    if subprocess.run(["git", "-C", str(REPO_ROOT), "rev-parse", "HEAD"], capture_output=True).returncode:
        pytest.skip(f"{REPO_ROOT} is not a git checkout: nothing to clone")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DASHBOARD_", "VIRTUAL_ENV", "PYTHON"))}
    env.update(OFFLINE)
    clone = tmp_path / "repo"
    clone_head(clone, env)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["repo"]  # no shared/ beside the clone
    python = seed_venv(clone, env)

    setup = _run(["make", "setup"], clone, env, 600)  # the README's set-up (make run = setup + streamlit)
    assert "dashboard.data init" in setup.stdout and "dashboard.geo" not in setup.stdout, setup.stdout
    releases = clone / "data" / "releases"
    current = (releases / "CURRENT").read_text(encoding="utf-8").strip()
    assert (releases / current / "manifest.json").is_file()
    assert subprocess.run(["git", "-C", str(clone), "status", "--porcelain", "geo"], capture_output=True,
                          text=True, timeout=60).stdout == ""  # setup used the committed layers as they are

    (tmp_path / "probe.py").write_text(PROBE, encoding="utf-8")
    env.update(DASHBOARD_RELEASES_DIR=str(releases), DASHBOARD_GEO_DIR=str(clone / "geo"))
    probe = json.loads(_run([str(python), str(tmp_path / "probe.py")], clone, env, 600).stdout.splitlines()[-1])
    assert Path(probe["dashboard"]).resolve().is_relative_to(clone.resolve()), probe["dashboard"]
    assert probe["release"] == current
    assert probe["exceptions"] == [] and probe["errors"] == [], probe
    assert len(probe["maps"]) == 1, probe  # the tappable kab/kota map (dashboard/ui/regionmap)
    (regions,) = probe["maps"]
    assert sorted(r["kode"] for r in regions) == KABKOTA and all(r["points"] > 20 for r in regions)  # from geo/
    assert [t["type"] for traces in probe["charts"] for t in traces] == ["bar"]  # and its ranked bars
