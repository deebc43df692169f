"""JSON documents the commands read (a case, a visit, a batch line), bounded in size and nesting.

Without bounds a file of 100,000 opening brackets overflowed the parser's recursion (exit 1), and a batch line
of a gigabyte was held whole in memory. Every refusal here is a code (exit 2); a batch line's refusal names
its line.
"""

from __future__ import annotations

import json
from typing import Any, BinaryIO, Iterator

from ..adapters import json_bounds
from .errors import UsageError

MAX_DOCUMENT_BYTES = 1 << 20  # a case is about 600 bytes: a megabyte is no real case
MAX_DEPTH = 32  # a case nests 3 deep
_BOM = b"\xef\xbb\xbf"


def depth_exceeds(text: str, maximum: int = MAX_DEPTH) -> bool:
    """Whether brackets nest deeper than `maximum` (a case's bound unless told) outside strings."""
    return json_bounds.depth_exceeds(text, maximum)


def read_document(path: str) -> Any:
    """The one JSON document of a file (UTF-8, BOM allowed): `file_unreadable`, `json_too_large`,
    `malformed_json` or `json_too_deep` on the field `input`."""
    try:
        with open(path, "rb") as stream:
            raw = stream.read(MAX_DOCUMENT_BYTES + 1)
    except OSError as exc:
        raise UsageError("file_unreadable", "input", path=path, detail=exc.strerror or "") from None
    if len(raw) > MAX_DOCUMENT_BYTES:
        raise UsageError("json_too_large", "input", path=path, maximum=MAX_DOCUMENT_BYTES)
    try:
        text = raw.removeprefix(_BOM).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise UsageError("malformed_json", "input", path=path, detail=str(exc)[:200]) from None
    if depth_exceeds(text):
        raise UsageError("json_too_deep", "input", path=path, maximum=MAX_DEPTH)
    try:
        return json.loads(text)
    except ValueError as exc:  # a number of more than 4,300 digits is a ValueError too
        raise UsageError("malformed_json", "input", path=path, detail=str(exc)[:200]) from None


def batch_lines(stream: BinaryIO) -> Iterator[tuple[int, bytes | None]]:
    """(line number, bytes without the line end) for every line of a JSON Lines stream; None for a line longer
    than MAX_DOCUMENT_BYTES, which is read past in blocks and never held whole. Lines end at LF (a CR before it
    is dropped); a last line without a line end is a line; an empty stream has none."""
    number = 0
    while True:
        line = stream.readline(MAX_DOCUMENT_BYTES + 2)  # the bound, and room for CR LF
        if not line:
            return
        number += 1
        content = line.rstrip(b"\r\n")
        if len(content) > MAX_DOCUMENT_BYTES:
            while line and not line.endswith(b"\n"):
                line = stream.readline(1 << 16)
            yield number, None
            continue
        yield number, content


def parse_batch_line(number: int, raw: bytes | None) -> Any:
    """A batch line's JSON value, or the refusal naming its line: `batch_line_too_long`, `batch_line_blank`,
    `batch_line_not_utf8`, `batch_line_too_deep`, `malformed_json_line`."""
    if raw is None:
        raise UsageError("batch_line_too_long", "line", line=number, maximum=MAX_DOCUMENT_BYTES)
    if number == 1:
        raw = raw.removeprefix(_BOM)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise UsageError("batch_line_not_utf8", "line", line=number) from None
    if not text.strip():
        raise UsageError("batch_line_blank", "line", line=number)
    if depth_exceeds(text):
        raise UsageError("batch_line_too_deep", "line", line=number, maximum=MAX_DEPTH)
    try:
        return json.loads(text)
    except ValueError as exc:
        raise UsageError("malformed_json_line", "line", line=number, detail=str(exc)[:200]) from None
