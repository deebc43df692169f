"""Printing results: one JSON document (or one JSON line) on stdout, human text otherwise."""

from __future__ import annotations

import json
import sys
from typing import Any


def dumps(document: Any) -> str:
    return json.dumps(document, ensure_ascii=False, separators=(",", ":"))


def print_json(document: Any) -> None:
    sys.stdout.write(json.dumps(document, ensure_ascii=False, indent=2))
    sys.stdout.write("\n")
