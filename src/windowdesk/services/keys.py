"""The county key and the audit key, kept in the key file beside the database (store/keyfile), never in it.

The county key is what the county issues: keys derived from it (adapters/sealed, one per purpose) encrypt
and sign the monthly packages, encrypt backups, sign receipt QR codes. Only its key id is shown or logged.
"""

from __future__ import annotations

from ..adapters import sealed
from ..store import keyfile
from ..store.unit_of_work import Store
from .auth import Actor
from .errors import InvalidInput, Refused

MIN_KEY_BYTES = 16
key_id = sealed.key_id


def ring(store: Store) -> keyfile.KeyRing:
    try:
        return store.keys
    except keyfile.KeyFileError as exc:
        raise InvalidInput(exc.code, "county_key", path=str(exc.path)) from None


def county_key(store: Store) -> bytes:
    key = ring(store).county_key
    if not key:
        raise Refused("county_key_missing", "county_key")
    return key


def parse_key(key_hex: str) -> bytes:
    key_hex = "".join(key_hex.split()).lower()
    try:
        key = bytes.fromhex(key_hex)
    except ValueError:
        raise InvalidInput("county_key_not_hex", "county_key") from None
    if len(key) < MIN_KEY_BYTES:
        raise InvalidInput("county_key_too_short", "county_key", minimum=2 * MIN_KEY_BYTES, length=2 * len(key))
    return key


def set_county_key(store: Store, actor: Actor, *, key_hex: str) -> dict:
    """An admin stores the key the county issued in the key file; only its fingerprint is ever shown or logged."""
    actor.require("admin")
    key = parse_key(key_hex)
    current = ring(store)
    with store.transaction() as tx:
        tx.audit(user=actor.name, action="county_key.set", detail={"key_id": key_id(key)})
        try:  # inside the transaction: a key file that cannot be written leaves no entry claiming it was
            store.update_keys(keyfile.with_county_key(current, key))
        except OSError as exc:
            raise InvalidInput("key_file_not_writable", "county_key", path=str(current.path),
                               detail=exc.strerror or "") from None
    return {"county_key": "set", "key_id": key_id(key)}
