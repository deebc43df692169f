"""What a printed receipt shows, as plain frozen data, and the QR text a county officer checks it by."""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from ..domain.categories import TIER_LABELS_ZH
from ..domain.money import D, fmt

PAGE_SIZES = ("A4", "A5")

# The engine's step notes (codes) in the words the slip prints.
NOTE_ZH = {
    "unreferred_ratio_cut": "未转诊，比例下调",
    "child_rehab": "按月限额支付",
    "months_exhausted": "康复月数已满",
    "tilt": "困难群众倾斜",
    "uncapped": "不设封顶",
    "in_scope": "政策范围内",
    "out_of_catalog": "目录外（全自费）",
    "top_up_to_ratio": "补足至目标比例",
    "annual_excess": "年度自付超过门槛部分",
    "not_in_policy": "本地政策未设",
    "kind_not_covered": "本类就诊不适用",
    "category_not_covered": "本类人员不适用",
    "no_tilt": "不享受倾斜政策",
    "not_referred": "未转诊，不予支付",
}
_SKIPPED = frozenset({"not_in_policy", "kind_not_covered", "category_not_covered", "no_tilt", "not_referred"})

FUND_LABELS_ZH = {
    "finance": "财政资助",
    "county_finance": "县级财政资助",
    "assistance": "医疗救助资助",
}


@dataclass(frozen=True)
class TierLine:
    """One row of the cascade as printed; base/deductible None where the tier did not run."""

    label: str
    base: Decimal | None
    deductible: Decimal | None
    ratio: str  # "75%", "60%/70%" (bands), or "—"
    paid: Decimal
    note: str = ""
    # The codes the words above were made from, for a reader in another language (ui/labels.py)
    tier: str = ""
    name: str = ""  # the policy's own name of the step, "" for a tier named by its code
    note_code: str = ""
    cap_hit: bool = False

    @property
    def out_of_catalog(self) -> bool:
        """The supplementary tier's out-of-catalogue part (its label gets （目录外））."""
        return self.tier == "supplementary" and self.note_code == "out_of_catalog"


@dataclass(frozen=True)
class FundUse:
    """A capped fund's year to date after the visit; cap None means no cap (or none known: see remark)."""

    label: str
    used: Decimal
    cap: Decimal | None
    remark: str = ""

    @property
    def remaining(self) -> Decimal | None:
        return None if self.cap is None else max(Decimal("0.00"), self.cap - self.used)


class _Paper:
    """What every receipt's data checks and offers: masked ID, paper size, copy number, unsigned previews."""

    def _check(self) -> None:
        # The renderer never gets a whole ID number: a slip is left on counters and in bins.
        if re.fullmatch(r"\d{17}[\dX]|\d{15}", self.id_masked):
            raise ValueError("an ID number on a receipt must be masked (domain.idnumber.mask)")
        if self.page_size not in PAGE_SIZES:
            raise ValueError(f"page size must be one of {PAGE_SIZES}, not {self.page_size!r}")
        if self.copy_no < 1:
            raise ValueError("copy_no starts at 1 (the original)")
        # A preview is not a receipt: a QR code that a county officer could verify would make it pass for one.
        if self.preview and self.qr_signed:
            raise ValueError("a preview must not carry a signed QR code")
        # An electronic copy is never a paper: it has no paper number (补打) and is not a preview either.
        if self.electronic and (self.copy_no != 1 or self.preview):
            raise ValueError("an electronic copy has copy_no 1 and is not a preview")

    @property
    def reprint_no(self) -> int:
        return self.copy_no - 1


@dataclass(frozen=True)
class SlipData(_Paper):
    """The one-stop settlement slip (医疗费用一站式结算单), everything already in the words printed."""

    region: str
    policy_name: str
    window_id: str
    window_name: str
    receipt_no: str
    printed_at: datetime
    settled_at: datetime
    clerk: str
    patient_name: str
    id_masked: str
    category_zh: str
    household: str
    kind_zh: str
    hospital: str
    level_zh: str
    in_region: bool
    referred: bool
    transfer: bool
    tilt: bool
    admitted: date
    discharged: date
    diagnosis: str
    total: Decimal
    out_of_catalog: Decimal
    partial_self_pay: Decimal
    in_scope: Decimal
    tiers: tuple[TierLine, ...]
    reimbursed: Decimal
    patient_pays: Decimal
    ytd: tuple[FundUse, ...]
    qr_text: str
    qr_signed: bool
    previous_deductible: Decimal = Decimal("0.00")
    inpatient: bool = True
    copy_no: int = 1  # 1 = the original; 2 = the first reprint (补打 第1次) ...
    voided: bool = False
    page_size: str = "A5"
    preview: bool = False  # shown on screen, never counted: stamped 预览 and its QR left unsigned
    electronic: bool = False  # a PDF saved to a file (电子副本), not the paper original

    def __post_init__(self) -> None:
        self._check()

    @property
    def days(self) -> int | None:
        """住院天数: the admission day counts, the discharge day does not (a same-day stay is 1)."""
        return max(1, (self.discharged - self.admitted).days) if self.inpatient else None

    @property
    def coverage_rate(self) -> str:
        """综合保障比例: reimbursed over total cost of the visit, a percentage to 2 places."""
        if not self.total:
            return "—"
        return f"{(self.reimbursed * 100 / self.total).quantize(Decimal('0.01'), ROUND_HALF_UP)}%"


@dataclass(frozen=True)
class EnrollmentReceiptData(_Paper):
    """The enrollment receipt (参保缴费凭证)."""

    region: str
    policy_name: str
    window_id: str
    window_name: str
    receipt_no: str
    printed_at: datetime
    enrolled_on: date
    clerk: str
    patient_name: str
    id_masked: str
    category_zh: str
    household: str
    year: int
    contribution: Decimal
    subsidies: tuple[tuple[str, Decimal], ...]  # (fund in words, amount)
    person_pays: Decimal
    insured_from: date
    insured_to: date
    qr_text: str
    qr_signed: bool
    copy_no: int = 1
    page_size: str = "A5"
    preview: bool = False
    electronic: bool = False

    def __post_init__(self) -> None:
        self._check()


def percent(ratio: Decimal) -> str:
    """0.75 -> "75%", 0.825 -> "82.5%"."""
    text = f"{(ratio * 100).normalize():f}"
    return f"{text}%"


def tier_lines(steps: Sequence[Mapping[str, Any]]) -> tuple[TierLine, ...]:
    """The printed rows from a settlement's stored `steps` (case_json.step_json)."""
    lines = []
    for step in steps:
        tier, note, name = step["tier"], step.get("note", ""), step.get("name", "")
        label = name or TIER_LABELS_ZH.get(tier, tier)
        if tier == "supplementary" and note == "out_of_catalog":
            label += "（目录外）"
        codes = {"tier": tier, "name": name, "note_code": note, "cap_hit": bool(step.get("cap_hit"))}
        if note in _SKIPPED:
            lines.append(TierLine(label, None, None, "—", D(step["paid"]), NOTE_ZH[note], **codes))
            continue
        if step.get("ratio") is not None:
            ratio = percent(D(step["ratio"]))
        elif step.get("segments"):
            ratio = "/".join(dict.fromkeys(percent(D(s["ratio"])) for s in step["segments"]))  # bands in order, once
        else:
            ratio = "—"
        words = [NOTE_ZH.get(note, "")] if note not in ("", "in_scope", "out_of_catalog") else []
        if step.get("cap_hit"):
            words.append("已达年度封顶")
        lines.append(TierLine(label, D(step["base"]), D(step["deductible"]), ratio, D(step["paid"]),
                              "，".join(w for w in words if w), **codes))
    return tuple(lines)


# --- The QR code: the key figures, signed so that a county officer can check a paper slip against the
# export without trusting the paper. Only characters of the QR alphanumeric mode (0-9 A-Z $%*+-./: and
# space) are used for a usual receipt number, so the code stays small (version 4, 33x33 modules).

QR_VERSION = "WD1"
MAC_HEX = 32  # HMAC-SHA256 truncated to 128 bits (RFC 2104 section 5 allows >= half the output)


def qr_message(kind: str, receipt_no: str, amounts: Sequence[tuple[str, Decimal]]) -> str:
    """`WD1:S:LG-01-00000001:T36000.00:R31260.00:P4740.00`: kind S (slip) or E (enrollment), then
    one letter-tagged amount a field."""
    return ":".join([QR_VERSION, kind, receipt_no] + [f"{tag}{fmt(value)}" for tag, value in amounts])


def _mac(message: str, key_hex: str) -> str:
    digest = hmac.new(bytes.fromhex(key_hex), message.encode("utf-8"), hashlib.sha256).hexdigest()
    return digest[:MAC_HEX].upper()


def sign(message: str, key_hex: str) -> str:
    """The QR text: the message and `:H` + its HMAC under the county key (hex); without a key, the
    message alone (the slip then says 未配置校验密钥)."""
    return f"{message}:H{_mac(message, key_hex)}" if key_hex else message


def verify(qr_text: str, key_hex: str) -> bool:
    """What the county officer runs on a scanned slip: True only if the HMAC matches the figures."""
    message, sep, tail = qr_text.rpartition(":H")
    if not sep or not key_hex or len(tail) != MAC_HEX:
        return False
    return hmac.compare_digest(_mac(message, key_hex), tail)
