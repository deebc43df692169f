"""The settings page (admin): settings, the policy in force, the county key, backups and restore
(services.settings, policy_store, settings_page)."""

from __future__ import annotations

from collections.abc import Mapping

from ...services import keys, policy_store, settings, settings_page
from ...services.first_run import PolicyChoice, preset_choices
from ..operations import CollectionOp, Desk, QueryOp, collection, query

SETTINGS = "settings"
POLICY = "policy"


def facts(desk: Desk) -> QueryOp[dict]:
    return query(desk, lambda d: settings_page.page_facts(d.store, d.actor))


def presets() -> QueryOp[list[PolicyChoice]]:
    from .first_run import NOBODY

    return query(NOBODY, lambda _d: preset_choices())


def change(desk: Desk, changes: Mapping[str, object]) -> CollectionOp[dict]:
    return collection(desk, lambda d: settings.change_settings(d.store, d.actor, dict(changes)), SETTINGS)


def preview_policy(desk: Desk, id_or_file: str) -> QueryOp[dict]:
    return query(desk, lambda d: policy_store.preview_policy(d.store, d.actor, id_or_file))


def set_policy(desk: Desk, id_or_file: str) -> CollectionOp[dict]:
    return collection(desk, lambda d: policy_store.set_policy(d.store, d.actor, id_or_file), POLICY)


def set_county_key(desk: Desk, key_hex: str) -> CollectionOp[dict]:
    return collection(desk, lambda d: keys.set_county_key(d.store, d.actor, key_hex=key_hex), SETTINGS)


def suggested_backup_file(desk: Desk) -> QueryOp[str]:
    return query(desk, lambda d: settings_page.suggested_backup_file(d.store))


def backup_now(desk: Desk, out: str) -> CollectionOp[dict]:
    return collection(desk, lambda d: settings_page.backup_now(d.store, d.actor, out=out), "backups")


def restore(desk: Desk, file: str) -> CollectionOp[dict]:
    return collection(desk, lambda d: settings_page.restore_over_open(d.store, d.actor, file=file), "restore")
