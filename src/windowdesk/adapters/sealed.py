"""Sealed files: AES-256-GCM authenticated encryption with a versioned header, keys derived per purpose.

One master key never encrypts or signs anything itself: HKDF-SHA256 derives a separate key for each
purpose (distinct `info` labels), so a key that leaks from one use (say the backup key typed into a
script) opens nothing else. A backup passphrase is stretched with scrypt instead.

A sealed blob is `header || chunk...`. The header (magic, version, purpose, key source, salt, nonce
prefix) is authenticated as associated data of every chunk; chunk i (1 MiB of plaintext at most) is
encrypted under nonce = prefix || i and its associated data says whether it is the last one, so chunks
cannot be dropped, reordered or cut off at the end. Memory stays at one chunk, whatever the file size.

Any damage (a flipped byte anywhere, a cut file, the wrong key) raises SealError with a stable code.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import struct
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

MAGIC = b"WDSEAL"
VERSION = 1
CHUNK = 1 << 20
_TAG = 16
_HEADER = struct.Struct(">6sBBB16s8s")  # magic, version, purpose, key source, salt, nonce prefix
HEADER_BYTES = _HEADER.size

# Purposes: the HKDF `info` label of each derived key, and the byte naming it in a sealed header.
PACKAGE_ENCRYPTION = "package-encryption"
PACKAGE_SIGNING = "package-signing"
AUDIT_MAC = "audit-mac"
BACKUP = "backup"
RECEIPT_QR = "receipt-qr"
_PURPOSES = {PACKAGE_ENCRYPTION: 1, BACKUP: 2}  # the purposes whose keys seal files
_SIGNING_ONLY = {PACKAGE_SIGNING, AUDIT_MAC, RECEIPT_QR}

# Key sources (who can open it): a key derived from a master key (HKDF), or from a passphrase (scrypt).
FROM_KEY, FROM_PASSPHRASE = 1, 2
# scrypt at 2^15 x 8: about 0.1 s and 32 MiB, once per backup or restore.
_SCRYPT_N, _SCRYPT_R, _SCRYPT_P = 1 << 15, 8, 1


class SealError(Exception):
    """A blob that cannot be opened; `code` is a refusal code (wording/problems)."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def derive(master: bytes, purpose: str, context: bytes = b"") -> bytes:
    """The 32-byte key for one purpose (HKDF-SHA256, info = label and context)."""
    if purpose not in _PURPOSES and purpose not in _SIGNING_ONLY:
        raise ValueError(f"unknown key purpose {purpose!r}")
    info = b"windowdesk/" + purpose.encode("ascii") + b"/v1" + (b"/" + context if context else b"")
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=info).derive(master)


def passphrase_key(passphrase: str, salt: bytes) -> bytes:
    return Scrypt(salt=salt, length=32, n=_SCRYPT_N, r=_SCRYPT_R, p=_SCRYPT_P).derive(passphrase.encode("utf-8"))


def mac(key: bytes, data: bytes) -> str:
    """HMAC-SHA256 as hex."""
    return hmac.new(key, data, hashlib.sha256).hexdigest()


def key_id(key: bytes) -> str:
    """A fingerprint that tells which key is meant without revealing it."""
    return hashlib.sha256(b"windowdesk key id:" + key).hexdigest()[:16]


@dataclass(frozen=True)
class Header:
    purpose: str
    source: int
    salt: bytes
    prefix: bytes

    def pack(self) -> bytes:
        return _HEADER.pack(MAGIC, VERSION, _PURPOSES[self.purpose], self.source, self.salt, self.prefix)


def is_sealed(data: bytes) -> bool:
    return data[:len(MAGIC)] == MAGIC


def read_header(data: bytes) -> Header:
    if len(data) < HEADER_BYTES or not is_sealed(data):
        raise SealError("sealed_not_sealed")
    magic, version, purpose, source, salt, prefix = _HEADER.unpack_from(data)
    if version != VERSION:
        raise SealError("sealed_version_unknown")
    names = {v: k for k, v in _PURPOSES.items()}
    if purpose not in names or source not in (FROM_KEY, FROM_PASSPHRASE):
        raise SealError("sealed_header_invalid")
    return Header(names[purpose], source, salt, prefix)


def new_header(purpose: str, source: int = FROM_KEY, *, salt: bytes | None = None,
               prefix: bytes | None = None) -> Header:
    return Header(purpose, source, os.urandom(16) if salt is None else salt,
                  os.urandom(8) if prefix is None else prefix)


def seal_chunks(key: bytes, header: Header, pieces: Iterable[bytes]) -> Iterator[bytes]:
    """The sealed blob, piece by piece: the header, then the plaintext re-cut to CHUNK bytes, each encrypted."""
    aead, head = AESGCM(key), header.pack()
    yield head
    reader = _Reader(pieces)
    index = 0
    while True:
        block = reader.take(CHUNK)
        last = reader.at_end()
        yield aead.encrypt(_nonce(header.prefix, index), block, _aad(head, index, last))
        if last:
            return
        index += 1


def seal(key: bytes, header: Header, plaintext: bytes) -> bytes:
    return b"".join(seal_chunks(key, header, [plaintext]))


def open_chunks(key: bytes, pieces: Iterable[bytes]) -> Iterator[bytes]:
    """The plaintext of a sealed blob, chunk by chunk. Raises SealError on any damage, possibly after some
    chunks were given out: a caller writes them to a temporary file and keeps it only at the end."""
    reader = _Reader(pieces)
    head = reader.take(HEADER_BYTES)
    prefix = read_header(head).prefix
    aead = AESGCM(key)
    index = 0
    while True:
        block = reader.take(CHUNK + _TAG)
        last = reader.at_end()
        if len(block) < _TAG:
            raise SealError("sealed_truncated")
        try:
            yield aead.decrypt(_nonce(prefix, index), block, _aad(head, index, last))
        except InvalidTag:
            # A flipped byte, a chunk cut short or dropped, or another key: AES-GCM cannot tell which.
            raise SealError("sealed_tampered") from None
        if last:
            return
        index += 1


class _Reader:
    """Bytes from an iterable of pieces, taken in exact sizes."""

    def __init__(self, pieces: Iterable[bytes]):
        self._pieces = iter(pieces)
        self._buffer = bytearray()

    def _fill(self, size: int) -> None:
        while len(self._buffer) < size:
            piece = next(self._pieces, None)
            if piece is None:
                return
            self._buffer += piece

    def take(self, size: int) -> bytes:
        self._fill(size)
        block = bytes(self._buffer[:size])
        del self._buffer[:size]
        return block

    def at_end(self) -> bool:
        self._fill(1)
        return not self._buffer


def unseal(key: bytes, blob: bytes) -> bytes:
    return b"".join(open_chunks(key, [blob]))


def _nonce(prefix: bytes, index: int) -> bytes:
    return prefix + struct.pack(">I", index)


def _aad(head: bytes, index: int, last: bool) -> bytes:
    return head + struct.pack(">I?", index, last)
