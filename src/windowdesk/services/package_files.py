"""A package's files on disk: sealed for the USB stick, verified and opened for the county.

Format 2 (this version) encrypts each file on its own (`settlements.csv.sealed`, ...: one file can be opened
without the others, and a damaged one spoils only itself) with AES-256-GCM under the package encryption key
derived from the county key; `manifest.json` stays plain (counts, schema, the audit head: no person in it)
and is signed with HMAC-SHA256 under the package signing key, another key derived from the county key.
The nonce of a file is synthetic (an HMAC of its name and plaintext under the encryption key): the same month
exported twice still gives byte-identical files, and different contents never share a nonce.

Format 1 packages (plain files, the manifest signed with the county key itself) still verify and merge.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass
from pathlib import Path

from ..adapters import json_bounds, sealed
from ..adapters.export_files import write_atomically
from ..domain.problems import Problem
from ..store.types import canonical_json
from .errors import InvalidInput
from .files import sha256_file

FORMAT = "windowdesk-package/2"
PLAIN_FORMAT = "windowdesk-package/1"
MANIFEST = "manifest.json"
MAX_MANIFEST_BYTES = 1 << 20  # a month's manifest is a few kilobytes
MAX_MANIFEST_DEPTH = 32
SEALED_SUFFIX = ".sealed"
ENCRYPTION = {"cipher": "AES-256-GCM", "unit": "file", "suffix": SEALED_SUFFIX,
              "keys": "HKDF-SHA256 from the county key: package-encryption, package-signing"}


@dataclass(frozen=True)
class PackageKeys:
    county: bytes

    @property
    def encryption(self) -> bytes:
        return sealed.derive(self.county, sealed.PACKAGE_ENCRYPTION)

    @property
    def signing(self) -> bytes:
        return sealed.derive(self.county, sealed.PACKAGE_SIGNING)

    def signing_key_for(self, manifest: dict) -> bytes:
        """Format 1 signed with the county key itself; format 2 with the derived signing key."""
        return self.county if manifest.get("format") == PLAIN_FORMAT else self.signing


def sign(manifest: dict, key: bytes) -> str:
    """HMAC-SHA256 of the manifest's canonical JSON, every field but `hmac` itself."""
    body = {k: v for k, v in manifest.items() if k != "hmac"}
    return hmac.new(key, canonical_json(body).encode("utf-8"), hashlib.sha256).hexdigest()


def manifest_bytes(manifest: dict) -> bytes:
    return (json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


def seal_file(keys: PackageKeys, name: str, data: bytes) -> bytes:
    """`data` sealed under the encryption key with a synthetic nonce (see the module's docstring)."""
    synthetic = hmac.new(keys.encryption, b"nonce:" + name.encode("utf-8") + b":" + hashlib.sha256(data).digest(),
                         hashlib.sha256).digest()
    header = sealed.new_header(sealed.PACKAGE_ENCRYPTION, salt=synthetic[:16], prefix=synthetic[16:24])
    return sealed.seal(keys.encryption, header, data)


def write_file(folder: Path, keys: PackageKeys, *, name: str, table: str, rows: int, data: bytes) -> dict:
    """One table's file, sealed, into the folder; its manifest entry."""
    blob = seal_file(keys, name, data)
    on_disk = name + SEALED_SUFFIX
    write_atomically(folder / on_disk, blob)
    return {"name": on_disk, "plain_name": name, "table": table, "rows": rows, "bytes": len(blob),
            "sha256": hashlib.sha256(blob).hexdigest(), "plain_bytes": len(data),
            "plain_sha256": hashlib.sha256(data).hexdigest()}


def read_manifest(folder: Path) -> tuple[dict | None, list[Problem]]:
    """The manifest, bounded as every JSON the commands read is (adapters/json_bounds): a manifest of a few
    kilobytes nesting 4 deep; one larger or deeper than any windowdesk writes is refused unparsed."""
    try:
        with open(folder / MANIFEST, "rb") as stream:
            raw = stream.read(MAX_MANIFEST_BYTES + 1)
    except FileNotFoundError:
        return None, [Problem("package_manifest_missing", MANIFEST)]
    except OSError as exc:
        return None, [Problem("package_manifest_unreadable", MANIFEST, {"detail": str(exc)[:200]})]
    if len(raw) > MAX_MANIFEST_BYTES:
        return None, [Problem("package_manifest_too_large", MANIFEST, {"maximum": MAX_MANIFEST_BYTES})]
    try:
        text = raw.decode("utf-8")
        if json_bounds.depth_exceeds(text, MAX_MANIFEST_DEPTH):
            return None, [Problem("package_manifest_too_deep", MANIFEST, {"maximum": MAX_MANIFEST_DEPTH})]
        manifest = json.loads(text)
    except ValueError as exc:  # not UTF-8, not JSON
        return None, [Problem("package_manifest_unreadable", MANIFEST, {"detail": str(exc)[:200]})]
    if not isinstance(manifest, dict) or not isinstance(manifest.get("files"), list) \
            or not all(isinstance(entry, dict) for entry in manifest["files"]) \
            or manifest.get("format") not in (FORMAT, PLAIN_FORMAT):
        return None, [Problem("package_manifest_invalid", MANIFEST)]
    return manifest, []


def verify(folder: Path, keys: PackageKeys) -> dict:
    """Files, manifest and signature: `ok` false with every problem found (domain.problems.Problem)."""
    problems: list[Problem] = []
    report = {"directory": str(folder), "ok": False, "problems": problems}
    manifest, found = read_manifest(folder)
    if manifest is None:
        problems.extend(found)
        return report
    report.update({k: manifest.get(k) for k in ("window_id", "period", "sequence", "audit_head")})
    report["encrypted"] = manifest["format"] == FORMAT
    if not hmac.compare_digest(str(manifest.get("hmac", "")), sign(manifest, keys.signing_key_for(manifest))):
        problems.append(Problem("package_hmac_mismatch", MANIFEST,
                                {"key_id": str(manifest.get("key_id")), "own_key_id": sealed.key_id(keys.county)}))
    for entry in manifest["files"]:
        name = str(entry.get("name", ""))
        if Path(name).name != name or not name or name == MANIFEST:
            problems.append(Problem("package_file_outside", MANIFEST, {"name": name[:200]}))
            continue
        path = folder / name
        if not path.is_file():
            problems.append(Problem("package_file_missing", name, {"name": name}))
        elif sha256_file(path) != entry.get("sha256"):
            problems.append(Problem("package_file_altered", name, {"name": name}))
        elif report["encrypted"]:
            try:
                plain = sealed.unseal(keys.encryption, path.read_bytes())
            except sealed.SealError as exc:
                problems.append(Problem(exc.code, name, {"name": name}))
                continue
            if hashlib.sha256(plain).hexdigest() != entry.get("plain_sha256"):
                problems.append(Problem("package_file_altered", name, {"name": name}))
    listed = {str(e.get("name")) for e in manifest["files"]} | {MANIFEST}
    report["unlisted"] = sorted(p.name for p in folder.iterdir() if p.is_file() and p.name not in listed)
    report["ok"] = not problems
    report["manifest"] = manifest
    return report


def plain_bytes(folder: Path, keys: PackageKeys, manifest: dict, entry: dict) -> bytes:
    """One verified file's plain content (decrypted for format 2)."""
    data = (folder / entry["name"]).read_bytes()
    if manifest["format"] != FORMAT:
        return data
    try:
        plain = sealed.unseal(keys.encryption, data)
    except sealed.SealError as exc:  # changed since it was verified
        raise InvalidInput(exc.code, entry["name"], name=entry["name"]) from None
    if hashlib.sha256(plain).hexdigest() != entry.get("plain_sha256"):
        raise InvalidInput("package_file_altered", entry["name"], name=entry["name"])
    return plain


def open_into(folder: Path, keys: PackageKeys, out: Path, *, force: bool = False) -> dict:
    """A verified package's plain files and its manifest into `out` (created if need be; an existing file is
    refused unless `force`). Nothing is written when the package does not verify."""
    report = verify(folder, keys)
    if not report["ok"]:
        raise InvalidInput.of(report["problems"])
    manifest = report["manifest"]
    if out.resolve() == folder.resolve():
        raise InvalidInput("package_open_into_itself", "out", path=str(out))
    names = [str(e.get("plain_name") or e["name"]) for e in manifest["files"]]
    if not force:
        taken = [n for n in [*names, MANIFEST] if (out / n).exists()]
        if taken:
            raise InvalidInput("file_exists", "out", path=str(out / taken[0]))
    try:
        out.mkdir(parents=True, exist_ok=True)
        files = []
        for entry, name in zip(manifest["files"], names):
            data = plain_bytes(folder, keys, manifest, entry)
            write_atomically(out / name, data)
            files.append({"name": name, "rows": entry.get("rows"), "sha256": hashlib.sha256(data).hexdigest()})
        write_atomically(out / MANIFEST, manifest_bytes(manifest))
    except OSError as exc:
        raise InvalidInput("folder_not_writable", "out", path=str(out), detail=exc.strerror or "") from None
    return {"directory": str(folder), "out": str(out), "window_id": manifest.get("window_id"),
            "period": manifest.get("period"), "sequence": manifest.get("sequence"), "files": files}
