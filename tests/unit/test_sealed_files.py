"""adapters/sealed: AES-256-GCM with a versioned header, keys derived per purpose; any damage is refused."""

from __future__ import annotations

import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from windowdesk.adapters import sealed

KEY = bytes(range(32))
SMALL_CHUNKS = 64  # the chunking is tested with small chunks: the same code, a thousand times less data


@pytest.fixture(autouse=True)
def small_chunks(monkeypatch):
    monkeypatch.setattr(sealed, "CHUNK", SMALL_CHUNKS)


def _seal(data: bytes, purpose: str = sealed.BACKUP) -> bytes:
    return sealed.seal(KEY, sealed.new_header(purpose), data)


@settings(max_examples=80, deadline=None)
@given(st.binary(max_size=5 * SMALL_CHUNKS))
def test_what_is_sealed_opens_again(data):
    blob = _seal(data)
    assert sealed.unseal(KEY, blob) == data
    assert len(data) < 16 or data not in blob  # (a byte or two may turn up in random bytes by chance)
    # Streamed in pieces of any size, it opens the same.
    pieces = [blob[i:i + 7] for i in range(0, len(blob), 7)]
    assert b"".join(sealed.open_chunks(KEY, pieces)) == data


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=4 * SMALL_CHUNKS), st.data())
def test_a_flipped_byte_anywhere_is_refused_with_a_code(data, draw):
    blob = bytearray(_seal(data))
    at = draw.draw(st.integers(0, len(blob) - 1))
    blob[at] ^= draw.draw(st.integers(1, 255))
    with pytest.raises(sealed.SealError) as refused:
        sealed.unseal(KEY, bytes(blob))
    assert refused.value.code in ("sealed_not_sealed", "sealed_version_unknown", "sealed_header_invalid",
                                  "sealed_tampered", "sealed_truncated")


@settings(max_examples=60, deadline=None)
@given(st.binary(min_size=1, max_size=4 * SMALL_CHUNKS), st.data())
def test_a_cut_file_is_refused(data, draw):
    blob = _seal(data)
    cut = draw.draw(st.integers(0, len(blob) - 1))
    with pytest.raises(sealed.SealError):
        sealed.unseal(KEY, blob[:cut])


def test_a_dropped_or_reordered_chunk_is_refused():
    data = os.urandom(3 * SMALL_CHUNKS)
    blob = _seal(data)
    head, size = sealed.HEADER_BYTES, SMALL_CHUNKS + 16
    chunks = [blob[head + i * size:head + (i + 1) * size] for i in range(3)]
    for changed in ([chunks[0], chunks[2]], [chunks[1], chunks[0], chunks[2]], chunks[:2]):
        with pytest.raises(sealed.SealError, match="sealed_tampered"):
            sealed.unseal(KEY, blob[:head] + b"".join(changed))


def test_another_key_does_not_open_it():
    with pytest.raises(sealed.SealError, match="sealed_tampered"):
        sealed.unseal(bytes(32), _seal("330383196105021001,张三".encode()))


def test_what_is_not_sealed_is_named_so():
    for data in (b"", b"SQLite format 3\x00" + bytes(100), b"WDSEAL"):
        with pytest.raises(sealed.SealError, match="sealed_not_sealed"):
            sealed.unseal(KEY, data)
    blob = bytearray(_seal(b"x"))
    blob[6] = 9  # a version this windowdesk does not know
    with pytest.raises(sealed.SealError, match="sealed_version_unknown"):
        sealed.unseal(KEY, bytes(blob))


def test_each_purpose_has_its_own_key():
    keys = {purpose: sealed.derive(KEY, purpose) for purpose in (
        sealed.PACKAGE_ENCRYPTION, sealed.PACKAGE_SIGNING, sealed.AUDIT_MAC, sealed.BACKUP, sealed.RECEIPT_QR)}
    assert len(set(keys.values())) == 5 and KEY not in keys.values()
    assert all(len(k) == 32 for k in keys.values())
    assert sealed.derive(KEY, sealed.BACKUP) == keys[sealed.BACKUP]  # deterministic: the county derives the same
    with pytest.raises(ValueError):
        sealed.derive(KEY, "everything")


def test_a_passphrase_key_depends_on_the_salt():
    salt = bytes(16)
    one = sealed.passphrase_key("长城 backup 2024", salt)
    assert one == sealed.passphrase_key("长城 backup 2024", salt)
    assert one != sealed.passphrase_key("长城 backup 2024", bytes([1]) * 16)
    assert one != sealed.passphrase_key("长城 backup 2025", salt)


def test_the_header_says_how_to_open_it():
    header = sealed.new_header(sealed.BACKUP, sealed.FROM_PASSPHRASE)
    blob = sealed.seal(KEY, header, b"data")
    read = sealed.read_header(blob)
    assert (read.purpose, read.source, read.salt) == (sealed.BACKUP, sealed.FROM_PASSPHRASE, header.salt)


def test_a_key_file_nested_too_deep_is_invalid_not_a_crash(tmp_path):
    from windowdesk.store import keyfile

    path = tmp_path / "window.key"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    with pytest.raises(keyfile.KeyFileError) as caught:
        keyfile.load(path)
    assert caught.value.code == "key_file_invalid"
