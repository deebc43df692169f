"""The start-up probe benchmarks/bench_startup.py reads: a line at the login dialog's first paint, and with
`page` one at the first page's after logging in; then the window quits by itself. (Not timed here.)"""

from __future__ import annotations

import re

from windowkit import PASSWORD

from windowdesk.ui import app as ui_app
from windowdesk.ui import startup_probe


def test_the_probe_says_when_the_login_shows_and_quits(monkeypatch, capsys, window):
    monkeypatch.setenv(startup_probe.VARIABLE, "login")
    assert ui_app.main(window.path) == 0
    assert re.fullmatch(r"probe login \d+\.\d{3}\n", capsys.readouterr().out)


def test_the_probe_logs_in_and_says_when_the_first_page_shows(monkeypatch, capsys, window):
    monkeypatch.setenv(startup_probe.VARIABLE, "page")
    monkeypatch.setenv("WINDOWDESK_USER", "clerk")
    monkeypatch.setenv("WINDOWDESK_PASSWORD", PASSWORD)
    assert ui_app.main(window.path) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[1] for line in lines] == ["login", "page"]
    assert float(lines[0].split()[2]) <= float(lines[1].split()[2])


def test_without_the_variable_nothing_is_watched(monkeypatch, qtbot):
    monkeypatch.delenv(startup_probe.VARIABLE, raising=False)
    assert startup_probe.mode() is None
