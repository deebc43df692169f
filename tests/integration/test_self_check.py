"""Integration: the self-check's steps on the service, on days inside and after the demo policy's period."""

from __future__ import annotations

from datetime import date

import pytest

from windowdesk.services.self_check import STEPS, self_check


@pytest.mark.parametrize("today", [date(2026, 1, 3), date(2026, 12, 4), date(2028, 6, 1)])
def test_every_step_passes_whatever_the_day(today):
    steps = list(self_check(today=today))
    assert [(s.step, s.ok) for s in steps] == [(name, True) for name in STEPS], steps
    assert steps[4].detail.endswith("of 36000.00")


def test_a_failure_ends_the_check_at_its_step(monkeypatch):
    from windowdesk.services import self_check as module

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(module, "preview_settlement", broken)
    steps = list(self_check(today=date(2026, 12, 4)))
    assert [(s.step, s.ok) for s in steps][-2:] == [("settle", True), ("receipt", False)]
    assert steps[-1].detail == "OSError"
