"""The policy in force, kept in the database with its hash: set from a preset or a file, read back from the
database only (so a file edited or moved later changes nothing until it is set again), its status for the
window's banner, and what differs between the policy in force and a new one before it is set.
"""

from __future__ import annotations

import hashlib
import tomllib
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..adapters.policy_presets import read_policy
from ..domain.policy import Policy
from ..domain.policy_loader import parse_policy_bytes
from ..domain.problems import Problem
from ..store.models import PolicyText
from ..store.unit_of_work import Store
from . import settings
from .errors import InvalidInput

ENDING_WITHIN = timedelta(days=30)  # a policy ending this soon is named in the banner and by `init`
_parsed: dict[str, Policy] = {}     # hash -> policy: a stored text is parsed once per process


# --- reading the policy in force --------------------------------------------------------------------------


def in_force(session: Session) -> Policy:
    """The policy the window settles by: the stored text the `policy_hash` setting names."""
    digest = settings.get(session, settings.POLICY_HASH)
    policy = by_hash(session, digest) if digest else None
    if policy is None:
        raise InvalidInput("policy_not_stored", "policy", source=settings.get(session, settings.POLICY)[:200])
    return policy


def by_hash(session: Session, digest: str) -> Policy | None:
    """A policy this window has stored, by its content hash (a settlement records it); None if never stored."""
    policy = _parsed.get(digest)
    if policy is None:
        row = session.get(PolicyText, digest)
        if row is None:
            return None
        raw = row.text.encode("utf-8")
        if hashlib.sha256(raw).hexdigest() != digest:
            raise InvalidInput("policy_text_altered", "policy", policy=row.policy_id, hash=digest[:12])
        policy = parse_policy_bytes(raw, source=row.source)
        _parsed[digest] = policy
    return policy


def stored_text(session: Session) -> str | None:
    digest = settings.get(session, settings.POLICY_HASH)
    row = session.get(PolicyText, digest) if digest else None
    return row.text if row else None


# --- setting it --------------------------------------------------------------------------------------------


def put_policy(session: Session, *, label: str, raw: bytes, policy: Policy, user: str, now: datetime) -> bool:
    """Make `policy` (read from `raw`, named `label`) the one in force, inside the caller's transaction; the
    caller writes the audit entry. Returns whether anything changed (the text or where it came from)."""
    if (settings.get(session, settings.POLICY_HASH), settings.get(session, settings.POLICY)) == \
            (policy.content_hash, label):
        return False
    if session.get(PolicyText, policy.content_hash) is None:
        session.add(PolicyText(content_hash=policy.content_hash, policy_id=policy.id[:64], source=label[:2000],
                               text=raw.decode("utf-8"), stored_at=now, stored_by=user))
    settings.put(session, settings.POLICY, label)
    settings.put(session, settings.POLICY_HASH, policy.content_hash)
    _parsed.setdefault(policy.content_hash, policy)
    return True


def preview_policy(store: Store, actor, id_or_file: str, *, today: date | None = None) -> dict:
    """What setting this policy would do, writing nothing (admin only):
    {"policy": summary, "current": summary or None, "changes": [{"key", "old", "new"}], "status": status,
    "warnings": [Problem]}. A summary is {"id", "name", "region", "effective_from", "effective_to",
    "hash", "source"}; a file that cannot be used is refused with its PolicyError (file, key, reason)."""
    actor.require("admin")
    label, raw, policy = read_policy(id_or_file)
    today = today or date.today()
    with store.reading() as session:
        return _preview(session, label, raw, policy, today)


def set_policy(store: Store, actor, id_or_file: str, *, today: date | None = None,
               now: datetime | None = None) -> dict:
    """Make the policy (a preset id or a file) the one in force (admin only): its text and hash go into the
    database in one transaction with one "policy.set" audit entry. Returns the preview's fields and
    "changed" (False, nothing written, when the same text from the same place is in force already)."""
    actor.require("admin")
    label, raw, policy = read_policy(id_or_file)
    today = today or date.today()
    with store.transaction() as tx:
        result = _preview(tx.session, label, raw, policy, today)
        previous = settings.get(tx.session, settings.POLICY_HASH)
        changed = put_policy(tx.session, label=label, raw=raw, policy=policy, user=actor.name,
                             now=now or datetime.now())
        if changed:
            tx.audit(user=actor.name, action="policy.set", target=policy.id[:100],
                     detail={"source": label, "hash": policy.content_hash, "previous_hash": previous,
                             "changed_keys": [c["key"] for c in result["changes"]]})
    return {**result, "changed": changed}


def _preview(session: Session, label: str, raw: bytes, policy: Policy, today: date) -> dict:
    current_text = stored_text(session)
    current = None
    if current_text is not None:
        current = summary(by_hash(session, settings.get(session, settings.POLICY_HASH)),
                          settings.get(session, settings.POLICY))
    return {"policy": summary(policy, label), "current": current,
            "changes": policy_changes(current_text or "", raw.decode("utf-8")),
            "status": status_of(policy, today), "warnings": warnings_for(policy, today)}


def summary(policy: Policy, source: str) -> dict:
    return {"id": policy.id, "name": policy.name, "region": policy.region,
            "effective_from": policy.effective_from.isoformat(), "effective_to": policy.effective_to.isoformat(),
            "hash": policy.content_hash, "source": source}


# --- what differs ------------------------------------------------------------------------------------------


def policy_changes(old_text: str, new_text: str) -> list[dict]:
    """The keys whose values differ between two policy files, in the new file's order then the removed ones:
    [{"key": "critical.segments[0].ratio", "old": "0.60", "new": "0.65"}] (None where a key is absent).
    Both texts are policy files already checked (or "" for none)."""
    old, new = _flatten(tomllib.loads(old_text)), _flatten(tomllib.loads(new_text))
    keys = [*new, *(key for key in old if key not in new)]
    return [{"key": key, "old": old.get(key), "new": new.get(key)} for key in keys if old.get(key) != new.get(key)]


def _flatten(value, prefix: str = "") -> dict[str, object]:
    if isinstance(value, dict):
        flat: dict[str, object] = {}
        for key, item in value.items():
            flat.update(_flatten(item, f"{prefix}.{key}" if prefix else str(key)))
        return flat
    if isinstance(value, list) and any(isinstance(item, dict) for item in value):
        flat = {}
        for index, item in enumerate(value):
            flat.update(_flatten(item, f"{prefix}[{index}]"))
        return flat
    return {prefix: _plain(value)}


def _plain(value):
    """A TOML value as JSON has it: dates as ISO text, lists of plain values."""
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return value


# --- in force, ending, ended ---------------------------------------------------------------------------------


def status_of(policy: Policy, today: date) -> dict:
    """{"state": "in_force" | "ending" | "ended" | "not_yet", "policy_id", "name", "effective_from",
    "effective_to", "days_left"}: "ending" when it ends within 30 days; days_left counts to its last day
    (0 on the last day, negative once ended)."""
    days_left = (policy.effective_to - today).days
    if today < policy.effective_from:
        state = "not_yet"
    elif days_left < 0:
        state = "ended"
    elif days_left < ENDING_WITHIN.days:
        state = "ending"
    else:
        state = "in_force"
    return {"state": state, "policy_id": policy.id, "name": policy.name,
            "effective_from": policy.effective_from.isoformat(), "effective_to": policy.effective_to.isoformat(),
            "days_left": days_left}


def warnings_for(policy: Policy, today: date) -> list[Problem]:
    """What `init` and the settings page say about a policy being set: ended, ending soon, not yet begun."""
    state = status_of(policy, today)
    params = {"policy": policy.id, "effective_from": state["effective_from"],
              "effective_to": state["effective_to"], "days": state["days_left"]}
    if state["state"] == "ended":
        return [Problem("policy_ended", "policy", params)]
    if state["state"] == "ending":
        return [Problem("policy_ends_soon", "policy", params)]
    if state["state"] == "not_yet":
        return [Problem("policy_not_yet_begun", "policy", params)]
    return []


def policy_status(store: Store, *, today: date | None = None) -> dict:
    """The banner's facts about the policy in force: status_of's fields plus "source" and "hash"."""
    with store.reading() as session:
        policy = in_force(session)
        return {**status_of(policy, today or date.today()), "source": settings.get(session, settings.POLICY),
                "hash": policy.content_hash}

