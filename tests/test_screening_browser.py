"""A person screens three records with the keyboard in JupyterLab (headless Chromium); the log on disk says so."""
from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from synthesis.screening import ReviewSettings, make_unit_table, write_unit_table

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "02_screen.ipynb"
TOKEN = "screening-test-token"

pytestmark = [pytest.mark.browser, pytest.mark.slow]

UNITS = [
    {"group_id": "g001", "title": "Co-design of a <b>diabetes</b> app with patients & carers",
     "authors": ["Smith, J.", "Lee, K."], "year": 2021, "journal": "J Med Internet Res",
     "abstract": "We co-designed an app <script>alert(1)</script> with patients.", "doi": "10.1000/a1"},
    {"group_id": "g002", "title": "Mice models of insulin resistance", "authors": ["Chen, W."], "year": 2019,
     "journal": "Cell", "abstract": "A mouse study.", "doi": ""},
    {"group_id": "g003", "title": "Participatory design in telehealth", "authors": [], "year": None,
     "journal": "", "abstract": "", "doi": "10.1000/a3"},
    {"group_id": "g004", "title": "A fourth record nobody screens", "authors": ["Doe, J."], "year": 2020,
     "journal": "BMJ", "abstract": "Left for later.", "doi": ""},
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_server(url: str, proc, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"JupyterLab exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(f"JupyterLab did not answer at {url} within {timeout} s")


@pytest.fixture
def lab(tmp_path):
    """JupyterLab on a random localhost port, serving a tiny review project; shut down afterwards."""
    pytest.importorskip("jupyterlab")
    pytest.importorskip("anywidget")
    project = tmp_path / "review"
    (project / "notebooks").mkdir(parents=True)
    shutil.copy(NOTEBOOK, project / "notebooks" / NOTEBOOK.name)
    write_unit_table(make_unit_table(UNITS), project / "output" / "units.csv")
    ReviewSettings(team=["Alice", "Bob"], include_keywords=["co-design*", "patients"],
                   exclude_keywords=["mice", "mouse"]).save(project / "evidence" / "screening")
    port = free_port()
    home = tmp_path / "home"
    home.mkdir()
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", ""),
               HOME=str(home), JUPYTER_CONFIG_DIR=str(home / "config"), JUPYTER_RUNTIME_DIR=str(home / "runtime"),
               JUPYTERLAB_SETTINGS_DIR=str(home / "settings"), JUPYTERLAB_WORKSPACES_DIR=str(home / "workspaces"))
    cmd = [sys.executable, "-m", "jupyterlab", "--no-browser", f"--port={port}", "--ServerApp.ip=127.0.0.1",
           f"--IdentityProvider.token={TOKEN}", f"--ServerApp.root_dir={project}", "--ServerApp.port_retries=0",
           "--ServerApp.allow_root=True",
           "--LabApp.expose_app_in_browser=True",
           "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"]
    log = open(tmp_path / "jupyterlab.log", "w")
    proc = subprocess.Popen(cmd, cwd=project, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        try:
            wait_for_server(f"{base}/api/status?token={TOKEN}", proc)
        except (RuntimeError, TimeoutError) as e:
            log.flush()
            raise RuntimeError(f"{e}; its log:\n{(tmp_path / 'jupyterlab.log').read_text()[-3000:]}") from None
        yield base, project
    finally:
        try:
            req = urllib.request.Request(f"{base}/api/shutdown?token={TOKEN}", method="POST")
            urllib.request.urlopen(req, timeout=5).close()
            proc.wait(timeout=20)
        except Exception:
            pass
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
        log.close()


def test_screen_three_records_with_the_keyboard(lab, browser, tmp_path):
    base, project = lab
    page = browser.new_page()
    page.set_default_timeout(60_000)
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(f"{base}/lab/tree/notebooks/02_screen.ipynb?token={TOKEN}")
        page.wait_for_selector(".jp-NotebookPanel .jp-Cell", state="visible")
        page.wait_for_function("() => window.jupyterapp && window.jupyterapp.shell.currentWidget"
                               " && window.jupyterapp.shell.currentWidget.sessionContext"
                               " && window.jupyterapp.shell.currentWidget.sessionContext.session")
        n_markdown = page.locator(".jp-MarkdownCell").count()
        page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
        widget = page.locator(".syn-screen")
        widget.wait_for(state="visible", timeout=120_000)
        card = page.locator(".syn-card h3")
        assert "Co-design of a <b>diabetes</b> app" in card.inner_text()  # escaped: shown as text
        assert page.locator(".syn-card h3 b").count() == 0
        assert page.locator(".syn-card script").count() == 0
        assert page.locator(".syn-card mark.syn-kw-in").count() >= 2  # co-design*, patients
        assert "Alice" in page.locator(".syn-who").inner_text()

        page.locator(".syn-card").click()  # a person clicks the record, then types
        expected = [("g001", "i", "include"), ("g002", "e", "exclude"), ("g003", "m", "maybe")]
        for key, press, decision in expected:
            page.wait_for_function(f"() => document.querySelector('.syn-screen').dataset.key === '{key}'")
            page.keyboard.press(press)
            page.wait_for_function(f"() => document.querySelector('.syn-screen').dataset.key !== '{key}'")
            assert f"saved: {decision} {key}" in page.locator(".syn-info").inner_text()
        assert page.locator(".syn-screen").get_attribute("data-key") == "g004"
        assert "3 of 4 decided" in page.locator(".syn-counts").inner_text()
        # the keys went to the widget, not to JupyterLab (m would turn a cell into Markdown)
        assert page.locator(".jp-MarkdownCell").count() == n_markdown
        assert not errors, errors
    finally:
        page.close()

    logfile = project / "evidence" / "screening" / "alice.jsonl"
    entries = [json.loads(x) for x in logfile.read_text(encoding="utf-8").splitlines() if x.strip()]
    assert [(e["key"], e["decision"], e["stage"], e["reviewer"]) for e in entries] == [
        (k, d, "title_abstract", "Alice") for k, _, d in expected]
