"""JupyterLab on a random localhost port for the browser tests that drive a real notebook.

One place for starting, waiting for and stopping the server, so every widget's browser test runs JupyterLab
the same way (its own HOME and settings, no update checks, the project's ``src`` first on the path).
"""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


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


def _stop(proc) -> None:
    if proc.poll() is not None:
        return
    # the server was started in a session of its own: end its kernels with it
    if hasattr(os, "killpg"):
        os.killpg(proc.pid, signal.SIGTERM)
    else:
        proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        if hasattr(os, "killpg"):
            os.killpg(proc.pid, signal.SIGKILL)
        else:
            proc.kill()
        proc.wait()


@contextmanager
def serve_jupyterlab(root: Path, workdir: Path, token: str):
    """Serve ``root`` with JupyterLab; ``workdir`` gets its HOME and log. Yields the base URL."""
    home = workdir / "home"
    home.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", ""),
               HOME=str(home), JUPYTER_CONFIG_DIR=str(home / "config"), JUPYTER_RUNTIME_DIR=str(home / "runtime"),
               JUPYTERLAB_SETTINGS_DIR=str(home / "settings"), JUPYTERLAB_WORKSPACES_DIR=str(home / "workspaces"))
    port = free_port()
    cmd = [sys.executable, "-m", "jupyterlab", "--no-browser", f"--port={port}", "--ServerApp.ip=127.0.0.1",
           f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}", "--ServerApp.port_retries=0",
           "--ServerApp.allow_root=True", "--LabApp.expose_app_in_browser=True",
           "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"]
    log_path = workdir / "jupyterlab.log"
    log = open(log_path, "w")
    proc = subprocess.Popen(cmd, cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        try:
            wait_for_server(f"{base}/api/status?token={token}", proc)
        except (RuntimeError, TimeoutError) as e:
            log.flush()
            raise RuntimeError(f"{e}; its log:\n{log_path.read_text()[-3000:]}") from None
        yield base
    finally:
        try:
            req = urllib.request.Request(f"{base}/api/shutdown?token={token}", method="POST")
            urllib.request.urlopen(req, timeout=5).close()
            proc.wait(timeout=20)
        except Exception:
            pass
        _stop(proc)
        log.close()


def open_notebook_page(page, url: str) -> None:
    """Open a notebook at ``url`` in ``page`` and wait until its cells show and its kernel session exists, so that
    running its cells next starts at once (every browser test opens its notebook so)."""
    page.goto(url)
    page.wait_for_selector(".jp-NotebookPanel .jp-Cell", state="visible")
    page.wait_for_function("() => window.jupyterapp && window.jupyterapp.shell.currentWidget"
                           " && window.jupyterapp.shell.currentWidget.sessionContext"
                           " && window.jupyterapp.shell.currentWidget.sessionContext.session")


#: The notebook's scrolling element around a node (JupyterLab's windowed notebook; null outside one).
_SCROLL_BOX = """(node) => { let box = node.parentElement;
  while (box && box !== document.body) {
    const s = getComputedStyle(box).overflowY;
    if ((s === 'auto' || s === 'scroll') && box.scrollHeight > box.clientHeight) return box;
    box = box.parentElement;
  }
  return null; }"""

#: How far the top of the element ``sel`` is below the top of the notebook's visible area (negative: scrolled out
#: above), as ``page.evaluate(BELOW_VIEW_TOP, sel)``.
BELOW_VIEW_TOP = f"""(sel) => {{ const node = document.querySelector(sel); const box = ({_SCROLL_BOX})(node);
  return node.getBoundingClientRect().top - (box ? box.getBoundingClientRect().top : 0); }}"""

#: Scrolls the notebook (as a reader with a wheel) until the top of ``sel`` is ``past`` pixels above its visible
#: area, if it is not already further: ``page.evaluate(SCROLL_OUT_ABOVE, [sel, past])``.
SCROLL_OUT_ABOVE = f"""([sel, past]) => {{ const node = document.querySelector(sel); const box = ({_SCROLL_BOX})(node);
  const below = node.getBoundingClientRect().top - box.getBoundingClientRect().top;
  if (below > -past) box.scrollTop += below + past; }}"""
