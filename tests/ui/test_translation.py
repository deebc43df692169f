"""The window in English (WINDOWDESK_LANG=en) and in Chinese (the default), and a translation that keeps up."""

from __future__ import annotations

import ast
import re
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt, QTranslator
from sqlalchemy import select
from uikit import answered
from windowkit import add_person

from windowdesk.domain.idnumber import make_valid
from windowdesk.adapters.receipt_data import FUND_LABELS_ZH, NOTE_ZH
from windowdesk.domain.categories import (
    CATEGORY_LABELS_ZH,
    KIND_LABELS_ZH,
    LEVEL_LABELS_ZH,
    TIER_LABELS_ZH,
)
from windowdesk.resources import resources_dir
from windowdesk.services.auth import ROLE_LABELS_ZH
from windowdesk.domain.problems import Problem, Refusal
from windowdesk.services.errors import NotFound, Refused
from windowdesk.store.models import Settlement
from windowdesk.ui import app as ui_app
from windowdesk.ui import language
from windowdesk.ui.main_window import MainWindow
from windowdesk.ui.messages import error_text
from windowdesk.ui.operations import Desk

UI_SOURCES = Path(ui_app.__file__).parent
# What lupdate reads (scripts/update_translations.sh): the window and the one catalogue of problems' words.
WORDED_SOURCES = (UI_SOURCES, UI_SOURCES.parent / "wording")
TS_FILE = resources_dir() / "translations" / "windowdesk_en.ts"
QM_FILE = resources_dir() / "translations" / "windowdesk_en.qm"
ENGLISH_NAV = ["Settle  F2", "Enroll  F3", "Receipts  F4", "Look up  F5", "Roster  F6", "Day-end closing  F7", "Void  F8",
               "Report  F9"]
CHINESE_NAV = ["结算  F2", "参保  F3", "票据  F4", "查询  F5", "花名册  F6", "日结  F7", "作废  F8", "上报  F9"]


@pytest.fixture
def english(qapp, monkeypatch):
    """The app started on a PC whose WINDOWDESK_LANG is en; Chinese again afterwards (the session's default)."""
    monkeypatch.setenv(language.LANG_VARIABLE, "en")
    assert ui_app.prepare(qapp) == language.ENGLISH
    yield
    language.install(qapp, language.CHINESE)


def main_window(qtbot, window, actor) -> MainWindow:
    w = MainWindow(Desk(window.store, actor))
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    answered()  # the status bar's figures
    return w


def nav_texts(w: MainWindow) -> list[str]:
    return [w.nav.item(i).text() for i in range(w.nav.count())]


# --- the window in each language -------------------------------------------------------------------


def test_english_navigation_and_settlement_page(qtbot, window, english):
    w = main_window(qtbot, window, window.supervisor)
    assert w.windowTitle() == "One-stop settlement window"
    assert nav_texts(w) == ENGLISH_NAV
    assert [a.text() for a in w.page_actions] == [t.split("  ")[0] for t in ENGLISH_NAV]
    assert w.nav.width() >= w.nav.sizeHintForColumn(0)  # "Day-end closing  F7" is not cut off
    assert w.user_label.text() == "Supervisor: sup"
    assert w.policy_label.text().startswith("Policy: ")
    page = w.settlement_page
    assert [b.text() for b in (page.look_up_button, page.new_button, page.trial_button, page.settle_button,
                               page.save_button, page.print_button)] == [
        "Look up", "New settlement", "Trial", "Confirm settlement", "Save slip as PDF…", "Print slip"]
    assert [page.kind.itemText(i) for i in range(page.kind.count())] == [
        "Inpatient", "Outpatient chronic/special disease", "Disabled children's rehabilitation"]
    assert page.level.currentText() == "County"
    assert [page.steps_model.headerData(c, Qt.Orientation.Horizontal) for c in range(6)] == [
        "Item", "Base", "Deductible", "Ratio", "Paid", "Note"]
    assert w.void_page.void_button.text() == "Void"
    assert w.roster_page.apply_button.text() == "Import"


def test_default_is_chinese(qtbot, window, qapp, monkeypatch):
    monkeypatch.delenv(language.LANG_VARIABLE, raising=False)
    assert ui_app.prepare(qapp) == language.CHINESE
    w = main_window(qtbot, window, window.supervisor)
    assert w.windowTitle() == "一站式结算窗口"
    assert nav_texts(w) == CHINESE_NAV
    assert w.nav.width() == 130
    page = w.settlement_page
    assert [page.trial_button.text(), page.settle_button.text(), page.new_button.text(),
            page.print_button.text()] == ["试算", "确认结算", "新结算", "打印结算单"]
    assert page.kind.itemText(0) == "住院"
    assert w.user_label.text() == "审核员：sup"


def test_an_english_clerk_settles_and_reads_the_result_in_english(qtbot, window, english):
    number = add_person(window.store, name="张三")
    page = main_window(qtbot, window, window.clerk).settlement_page
    qtbot.keyClicks(page.admitted, "20240301")
    qtbot.keyClicks(page.discharged, "20240312")
    qtbot.keyClicks(page.id_number, number)
    qtbot.keyClick(page.id_number, Qt.Key.Key_Return)
    assert page.category.text() == "Dibao (minimum living allowance)"
    assert page.insured.text() == "2024-01-01 to 2024-12-31"
    qtbot.keyClicks(page.diagnosis, "I63.9")
    page.referred.setChecked(True)
    qtbot.keyClicks(page.total, "36000")
    qtbot.keyClicks(page.out_of_catalog, "1800")
    qtbot.keyClicks(page.partial_self_pay, "1200")
    qtbot.mouseClick(page.trial_button, Qt.MouseButton.LeftButton)
    assert page.state.text() == "Trial (not settled, nothing saved)"
    qtbot.mouseClick(page.settle_button, Qt.MouseButton.LeftButton)
    with window.store.reading() as session:
        receipt_no = session.scalars(select(Settlement.receipt_no)).one()
    assert page.message.text() == f"Settled, receipt no. {receipt_no}"
    assert page.reimbursed_capital.text().startswith("In words: ")
    # The tiers in English; the policy's own products (益康保, a charity fund) keep their names.
    assert [(row.label, row.note) for row in page.steps_model.rows()] == [
        ("Basic insurance", ""), ("Critical illness insurance", "Hardship tilt"), ("Medical assistance", ""),
        ("益康保", ""), ("益康保 (out of catalogue)", ""),
        ("慈善医疗救助共富基金", "Annual out-of-pocket above the threshold")]


def test_english_shows_the_services_english_message(qtbot, window, english):
    page = main_window(qtbot, window, window.clerk).settlement_page
    number = make_valid("330383", date(1961, 5, 2), "999")  # valid, but nobody on the roster
    qtbot.keyClicks(page.id_number, number)
    qtbot.keyClick(page.id_number, Qt.Key.Key_Return)
    text = page.person_errors.text(page.id_number)  # said at the field
    assert text and text.isascii() and "330383" in text and number[6:] not in text  # masked, in English
    refused = Refused("day_closed", "", clerk="clerk", day="2024-03-12")
    assert error_text(refused) == "clerk's day 2024-03-12 is closed: nothing more can be recorded on it"
    assert error_text(NotFound("role_refused", "", user="clerk", role="clerk", required="supervisor")) == (
        "User clerk (Clerk) may not do this: the Supervisor role is required")
    assert error_text(KeyError("330383196105021236")) == "System error (KeyError); please call the administrator"


def test_chinese_shows_the_catalogue_words(qapp):
    assert language.current() == language.CHINESE
    assert error_text(Refused("day_closed", "", clerk="clerk", day="2024-03-12")) == "clerk 的 2024-03-12 已日结，不能再办理业务"
    several = Refusal.of([Problem("roster_empty", "roster.name", {"column": "姓名"}),
                          Problem("roster_household_required", "roster.household")])
    assert error_text(several) == "姓名为空；低保、低边人员必须填写户编号"
    assert error_text(KeyError("330383196105021236")) == "系统错误（KeyError），请联系管理员"


@pytest.mark.parametrize(("value", "expected"), [
    ("", "zh_CN"), ("en", "en"), ("EN", "en"), ("en_US.UTF-8", "en"), ("en-GB", "en"), ("zh_CN", "zh_CN"),
    ("zh-CN", "zh_CN"), ("fr", "zh_CN"),
])
def test_the_language_setting(value, expected):
    assert language.chosen({language.LANG_VARIABLE: value}) == expected
    assert language.chosen({}) == language.CHINESE


def test_english_without_its_translation_file_stays_chinese(qapp, monkeypatch, tmp_path):
    monkeypatch.setenv("WINDOWDESK_RESOURCES", str(tmp_path))  # no translations/ there
    try:
        assert language.install(qapp, language.ENGLISH) == language.CHINESE
        assert language.current() == language.CHINESE
    finally:
        monkeypatch.delenv("WINDOWDESK_RESOURCES")
        language.install(qapp, language.CHINESE)


# --- the translation keeps up with the sources ---------------------------------------------------------

_MARKERS = {"tr", "translate", "QT_TRANSLATE_NOOP", "QT_TR_NOOP"}
_IDEOGRAPH = re.compile(r"[\u4e00-\u9fff]")


def _call_name(call: ast.Call) -> str:
    return call.func.attr if isinstance(call.func, ast.Attribute) else getattr(call.func, "id", "")


def _literal(node: ast.AST) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


class _Strings(ast.NodeVisitor):
    """(context, source) of every tr()/translate()/QT_TRANSLATE_NOOP() with literal text, as lupdate reads
    them; and the Chinese literals found anywhere else (docstrings aside)."""

    def __init__(self, path: Path):
        self.path = path
        self.classes: list[str] = []
        self.found: set[tuple[str, str]] = set()
        self.marked: set[int] = set()
        self.chinese: list[str] = []

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self.classes.append(node.name)
        self.generic_visit(node)
        self.classes.pop()

    def visit_Call(self, node: ast.Call) -> None:
        name = _call_name(node)
        if name in _MARKERS:
            self.marked.update(id(arg) for arg in node.args)
            if name in ("tr", "QT_TR_NOOP") and node.args and _literal(node.args[0]) is not None:
                self.found.add((self.classes[-1] if self.classes else "", _literal(node.args[0])))
            elif len(node.args) >= 2 and None not in (_literal(node.args[0]), _literal(node.args[1])):
                self.found.add((_literal(node.args[0]), _literal(node.args[1])))
        self.generic_visit(node)

    def visit_Constant(self, node: ast.Constant) -> None:
        if isinstance(node.value, str) and _IDEOGRAPH.search(node.value) and id(node) not in self.marked:
            self.chinese.append(f"{self.path.name}:{node.lineno}: {node.value!r}")


def _scan() -> _Strings:
    total = _Strings(UI_SOURCES)
    for path in sorted(p for folder in WORDED_SOURCES for p in folder.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {id(n.body[0].value) for n in ast.walk(tree)
                      if isinstance(n, (ast.Module, ast.ClassDef, ast.FunctionDef)) and n.body
                      and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)}
        strings = _Strings(path)
        strings.marked |= docstrings
        strings.visit(tree)
        total.found |= strings.found
        total.chinese += strings.chinese
    return total


def _ts_messages() -> list[tuple[str, str, ET.Element]]:
    root = ET.parse(TS_FILE).getroot()
    return [(ctx.findtext("name") or "", m.findtext("source"), m.find("translation"))
            for ctx in root.iter("context") for m in ctx.iter("message")]


def test_every_message_of_the_ts_is_translated_with_its_placeholders():
    messages = _ts_messages()
    assert len(messages) > 300
    problems = []
    for context, source, translation in messages:
        if translation.get("type") in ("unfinished", "vanished", "obsolete") or not (translation.text or "").strip():
            problems.append(f"{context}: {source!r} is not translated")
        elif sorted(re.findall(r"\{\w*\}", source)) != sorted(re.findall(r"\{\w*\}", translation.text)):
            problems.append(f"{context}: {source!r} -> {translation.text!r} changes the placeholders")
        elif _IDEOGRAPH.search(translation.text):
            problems.append(f"{context}: {source!r} -> {translation.text!r} is still Chinese")
    assert problems == []


def test_every_string_of_the_window_is_in_the_ts():
    scanned = _scan()
    in_ts = {(context, source) for context, source, _ in _ts_messages()}
    assert sorted(scanned.found - in_ts) == []  # run scripts/update_translations.sh and translate what it adds
    assert len(scanned.found) == len(in_ts)  # and nothing left over that the sources no longer say


def test_no_chinese_text_bypasses_tr():
    assert _scan().chinese == []


def test_every_word_of_the_domain_is_translated():
    labels = {source for context, source, _ in _ts_messages() if context == "labels"}
    words = [*CATEGORY_LABELS_ZH.values(), *LEVEL_LABELS_ZH.values(), *KIND_LABELS_ZH.values(),
             *TIER_LABELS_ZH.values(), *FUND_LABELS_ZH.values(), *ROLE_LABELS_ZH.values(), *NOTE_ZH.values()]
    assert [w for w in words if w not in labels] == []


def test_the_qm_is_compiled_from_the_ts():
    translator = QTranslator()
    assert translator.load(str(QM_FILE))
    stale = [(context, source) for context, source, translation in _ts_messages()
             if translator.translate(context, source) != translation.text]
    assert stale == []  # run scripts/update_translations.sh
