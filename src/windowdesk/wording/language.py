"""The reader's language, a setting of the PC (WINDOWDESK_LANG), Qt-free so the CLI reads it without Qt."""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from functools import cache

from ..resources import resources_dir
from .render import Translate, as_is

log = logging.getLogger(__name__)

# The one setting: WINDOWDESK_LANG=en on a PC whose clerk reads English; unset (or zh_CN) is Chinese.
LANG_VARIABLE = "WINDOWDESK_LANG"
CHINESE = "zh_CN"
ENGLISH = "en"
DEFAULT = CHINESE
QM_FILES = {ENGLISH: "translations/windowdesk_en.qm"}  # the Chinese source strings need no file


def chosen(environ: Mapping[str, str] = os.environ) -> str:
    """CHINESE or ENGLISH from WINDOWDESK_LANG ("en", "en_US", "zh-CN" ... are understood)."""
    value = environ.get(LANG_VARIABLE, "").strip().replace("-", "_")
    if not value:
        return DEFAULT
    language = value.split("_", 1)[0].split(".", 1)[0].lower()
    if language == "en":
        return ENGLISH
    if language != "zh":
        log.warning("%s=%s is not a language of the window (zh_CN, en): Chinese is used", LANG_VARIABLE, value)
    return CHINESE


@cache
def translator(language: str) -> Translate:
    """(context, source) -> text in `language`, outside the window: the Chinese sources as they are, or the
    compiled translation read by a QTranslator. PySide6 is imported only here, and only for English, so a
    Chinese CLI run never loads Qt (start-up of `settle --batch`)."""
    if language != ENGLISH:
        return as_is
    from PySide6.QtCore import QTranslator

    qt = QTranslator()
    path = resources_dir() / QM_FILES[ENGLISH]
    if not qt.load(str(path)):
        log.warning("cannot load %s: messages stay in Chinese", path)
        return as_is

    def translate(context: str, text: str) -> str:
        return qt.translate(context, text) or text

    translate.qt = qt  # keeps the translator alive with the function
    return translate
