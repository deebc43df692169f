"""The shipped policy presets (resources/policies/*.toml) and resolving "a preset id or a file"."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from ..domain.policy import Policy
from ..domain.policy_loader import PolicyError, load_policy_file, parse_policy_bytes
from ..resources import resources_dir


def presets_dir() -> Path:
    return resources_dir() / "policies"


def preset_files() -> list[Path]:
    return sorted(presets_dir().glob("*.toml"))


def preset_ids() -> list[str]:
    return [path.stem for path in preset_files()]


def load_policy(id_or_file: str | Path) -> Policy:
    """A preset by id (`longgang-2022`) or a policy file by path; PolicyError names what is wrong."""
    path = Path(id_or_file)
    if path.suffix == ".toml" or path.exists():
        return _load_cached(str(path.resolve()), _mtime(path))
    preset = presets_dir() / f"{id_or_file}.toml"
    if not preset.exists():
        raise PolicyError("policy_not_found", "", file=str(id_or_file), known=", ".join(preset_ids()))
    return _load_cached(str(preset), _mtime(preset))


def read_policy(id_or_file: str | Path) -> tuple[str, bytes, Policy]:
    """(the label a window stores: a preset's id or a file's absolute path, the file's bytes, the policy it
    holds), read once so that the bytes stored are the bytes checked. PolicyError names what is wrong."""
    path = Path(id_or_file)
    if path.suffix == ".toml" or path.exists():
        path = path.resolve()
        label = path.stem if path.parent == presets_dir().resolve() else str(path)
    else:
        label, path = str(id_or_file), presets_dir() / f"{id_or_file}.toml"
        if not path.exists():
            raise PolicyError("policy_not_found", "", file=str(id_or_file), known=", ".join(preset_ids()))
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise PolicyError("policy_unreadable", "", file=str(path), detail=exc.strerror or "") from None
    return label, raw, parse_policy_bytes(raw, source=str(path))


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


@lru_cache(maxsize=32)
def _load_cached(path: str, mtime: float) -> Policy:
    # The mtime in the key makes an edited file load afresh; the window asks for the policy often.
    return load_policy_file(path)
