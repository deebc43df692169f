"""How deep a JSON text nests, found before json.loads sees it: the parser recurses once a level, so a file of
100,000 opening brackets would overflow it (RecursionError, an internal error) instead of being refused."""

from __future__ import annotations

import re

_STRUCTURE = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')  # strings (skipped whole) and brackets


def depth_exceeds(text: str, maximum: int) -> bool:
    """Whether brackets nest deeper than `maximum` (outside strings). Linear; most texts never need the scan."""
    if text.count("[") + text.count("{") <= maximum:
        return False
    depth = 0
    for token in _STRUCTURE.finditer(text):
        mark = token.group()
        if mark in "[{":
            depth += 1
            if depth > maximum:
                return True
        elif mark in "]}":
            depth -= 1
    return False
