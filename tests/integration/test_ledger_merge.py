"""Integration: the county ledger merge between two windows: caps shared, idempotent, voids honoured."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime
from decimal import Decimal

import pytest
from sqlalchemy import func, select
from windowkit import add_person, make_window

from windowdesk.domain.case_json import parse_visit
from windowdesk.services import package_files
from windowdesk.domain.idnumber import make_valid, mask
from windowdesk.services import ledger
from windowdesk.services.errors import AuthError, InvalidInput
from windowdesk.services.export import export_period
from windowdesk.services.keys import set_county_key
from windowdesk.services.ledger_merge import import_ledger
from windowdesk.services.settlement import settle_visit, void_settlement
from windowdesk.store.models import (
    AuditEntry,
    Enrollment,
    Household,
    Person,
    Reversal,
    Settlement,
)

D = Decimal
KEY = "5a" * 32
# A dibao person's huge referred county stay under longgang-2022, by hand:
#   basic (600000 - 600) * 0.75 = 449550 -> the annual cap 300000.00
#   critical: base 300000, tilt deductible 10000, every segment lifted to 80%: 0.80 * 290000 = 232000.00
#   assistance: 600000 - 300000 - 232000 = 68000 * 0.80 = 54400.00 (of the 100,000 annual cap)
HUGE = {"kind": "inpatient", "hospital_level": "county", "in_region": True, "referred": True,
        "admitted": "2024-03-01", "discharged": "2024-03-12", "total": "600000.00"}
# The next stay, 300000, at the other window:
#   alone: basic (300000 - 600) * 0.75 = 224550; critical 0.80 * (75450 - 10000) = 52360;
#          assistance (300000 - 224550 - 52360) * 0.80 = 18472
#   after HUGE: basic 0 (cap used); critical 0.80 * 300000 = 240000 (bases 300000 -> 600000);
#          assistance (300000 - 240000) * 0.80 = 48000, capped at 100000 - 54400 = 45600
NEXT = {**HUGE, "admitted": "2024-04-01", "discharged": "2024-04-10", "total": "300000.00"}


@pytest.fixture
def windows(tmp_path):
    a = make_window(tmp_path, window_id="LG-01")
    b = make_window(tmp_path, window_id="LG-02")
    for w in (a, b):
        set_county_key(w.store, w.admin, key_hex=KEY)
    number = add_person(a.store)
    add_person(b.store, id_number=number, window_id="LG-02")
    yield a, b, number
    a.store.engine.dispose()
    b.store.engine.dispose()


KEYS = package_files.PackageKeys(bytes.fromhex(KEY))


def settlements_csv(package) -> bytes:
    """The plain settlements file of a package folder (sealed on disk)."""
    manifest = package_files.read_manifest(package)[0]
    entry = next(e for e in manifest["files"] if e["plain_name"] == "settlements.csv")
    return package_files.plain_bytes(package, KEYS, manifest, entry)


def signed_package(folder, data: bytes, key: package_files.PackageKeys = KEYS):
    """A folder as the county sends it: a settlements file sealed and a manifest signed with the county key."""
    folder.mkdir()
    files = [package_files.write_file(folder, key, name="settlements.csv", table="settlements", rows=0, data=data)]
    manifest = {"format": package_files.FORMAT, "window_id": "COUNTY", "period": "2024-04", "sequence": 1,
                "files": files}
    manifest["hmac"] = package_files.sign(manifest, key.signing)
    (folder / "manifest.json").write_bytes(package_files.manifest_bytes(manifest))
    return folder


def county_rows(store) -> list[Settlement]:
    with store.reading() as s:
        return list(s.execute(select(Settlement).where(Settlement.origin == "county")).scalars())


def ytd(store, number: str):
    with store.reading() as s:
        person_id = s.execute(select(Person.id).where(Person.id_number == number)).scalar_one()
        return ledger.year_to_date(s, person_id, 2024)


def test_a_stay_at_another_window_uses_up_the_caps_here(windows, tmp_path):
    a, b, number = windows
    at_b = settle_visit(b.store, b.clerk, id_number=number, visit=parse_visit(HUGE), now=datetime(2024, 3, 12, 9))
    assert (at_b.result.basic, at_b.result.critical, at_b.result.assistance) == \
        (D("300000.00"), D("232000.00"), D("54400.00"))
    export_period(b.store, b.supervisor, period="2024-03", out_dir=tmp_path / "b-2024-03")

    report = import_ledger(a.store, a.supervisor, path=tmp_path / "b-2024-03", now=datetime(2024, 3, 31, 9))
    assert {k: report[k] for k in ("rows", "added", "voided", "unchanged", "own", "unknown_persons",
                                   "conflicts")} == {"rows": 1, "added": 1, "voided": 0, "unchanged": 0, "own": 0,
                                                     "unknown_persons": [], "conflicts": []}
    [merged] = county_rows(a.store)
    assert (merged.id, merged.window_id, merged.receipt_no, merged.patient_pays, merged.business_day) == \
        (at_b.settlement_id, "LG-02", "LG-02-00000001", at_b.result.patient_pays, date(2024, 3, 12))
    assert ytd(a.store, number) == at_b.result.year_to_date

    at_a = settle_visit(a.store, a.clerk, id_number=number, visit=parse_visit(NEXT), now=datetime(2024, 4, 10, 9))
    assert (at_a.result.basic, at_a.result.critical, at_a.result.assistance) == \
        (D("0.00"), D("240000.00"), D("45600.00"))
    with a.store.reading() as s:
        entries = s.execute(select(AuditEntry.action, AuditEntry.user)
                            .where(AuditEntry.action == "ledger.import")).all()
    assert entries == [("ledger.import", "sup")]


def test_importing_again_changes_nothing_and_a_void_at_the_other_window_is_honoured(windows, tmp_path):
    a, b, number = windows
    at_b = settle_visit(b.store, b.clerk, id_number=number, visit=parse_visit(HUGE), now=datetime(2024, 3, 12, 9))
    export_period(b.store, b.supervisor, period="2024-03", out_dir=tmp_path / "march")
    march = tmp_path / "march"
    import_ledger(a.store, a.supervisor, path=march)
    again = import_ledger(a.store, a.supervisor, path=march)
    assert (again["added"], again["unchanged"]) == (0, 1)
    assert len(county_rows(a.store)) == 1 and ytd(a.store, number).basic_paid == D("300000.00")

    void_settlement(b.store, b.supervisor, settlement_id=at_b.settlement_id, reason="重复结算",
                    now=datetime(2024, 4, 2, 9))
    export_period(b.store, b.supervisor, period="2024-04", out_dir=tmp_path / "april")
    april = import_ledger(a.store, a.supervisor, path=tmp_path / "april", now=datetime(2024, 4, 3, 9))
    assert (april["voided"], april["added"], april["unchanged"]) == (1, 0, 0)
    [merged] = county_rows(a.store)
    assert merged.voided is True
    with a.store.reading() as s:
        reversal = s.execute(select(Reversal).where(Reversal.settlement_id == at_b.settlement_id)).scalar_one()
    assert (reversal.business_day, reversal.voided_by) == (date(2024, 4, 2), "sup")
    assert ytd(a.store, number).basic_paid == D("0.00")
    # The March file still shows it valid: a void is final, importing it again revives nothing.
    assert import_ledger(a.store, a.supervisor, path=march)["unchanged"] == 1
    assert county_rows(a.store)[0].voided is True
    at_a = settle_visit(a.store, a.clerk, id_number=number, visit=parse_visit(NEXT), now=datetime(2024, 4, 10, 9))
    assert (at_a.result.basic, at_a.result.critical, at_a.result.assistance) == \
        (D("224550.00"), D("52360.00"), D("18472.00"))


def consolidated(tmp_path, *packages):
    """What the county sends: the windows' settlements files, one header, in a package it signs."""
    lines: list[str] = []
    for i, package in enumerate(packages):
        text = settlements_csv(package).decode("utf-8-sig").splitlines(keepends=True)
        lines.extend(text if i == 0 else text[1:])
    return signed_package(tmp_path / "county", b"\xef\xbb\xbf" + "".join(lines).encode("utf-8"))


def test_own_rows_are_skipped_and_unknown_persons_reported(windows, tmp_path):
    a, b, number = windows
    settle_visit(a.store, a.clerk, id_number=number, visit=parse_visit(NEXT), now=datetime(2024, 4, 10, 9))
    export_period(a.store, a.supervisor, period="2024-04", out_dir=tmp_path / "a-april")
    stranger = make_valid("330381", date(1970, 2, 3), "555")  # on B's roster only
    with b.store.transaction() as tx:
        home = tx.session.execute(select(Household)).scalars().first()
        tx.session.add(Person(id_number=stranger, name="外地人", household_id=home.id, relation="", birth_date=date(
            1970, 2, 3), sex="F", created_at=datetime(2024, 1, 1), updated_at=datetime(2024, 1, 1)))
        person_id = tx.session.execute(select(Person.id).where(Person.id_number == stranger)).scalar_one()
        tx.session.add(Enrollment(person_id=person_id, year=2024, category="ordinary", contribution=D("600.00"),
                                  person_pays=D("600.00"), insured_from=date(2024, 1, 1),
                                  insured_to=date(2024, 12, 31), enrolled_on=date(2024, 1, 1),
                                  policy_id="longgang-2022", receipt_no="B-stranger", window_id="LG-02",
                                  created_by="fixture", created_at=datetime(2024, 1, 1)))
    mine = settle_visit(b.store, b.clerk, id_number=number, visit=parse_visit(HUGE), now=datetime(2024, 4, 12, 9))
    theirs = settle_visit(b.store, b.clerk, id_number=stranger, visit=parse_visit(HUGE),
                          now=datetime(2024, 4, 12, 10))
    export_period(b.store, b.supervisor, period="2024-04", out_dir=tmp_path / "b-april")
    county = consolidated(tmp_path, tmp_path / "a-april", tmp_path / "b-april")

    report = import_ledger(a.store, a.supervisor, path=county)
    assert (report["rows"], report["own"], report["added"]) == (3, 1, 1)
    assert report["unknown_persons"] == [{"row": 4, "id_number": mask(stranger),
                                          "settlement_id": theirs.settlement_id}]
    assert [r.id for r in county_rows(a.store)] == [mine.settlement_id]
    with a.store.reading() as s:
        assert s.execute(select(func.count()).select_from(Person)).scalar_one() == 1


def test_a_package_folder_is_verified_before_merging(windows, tmp_path):
    a, b, number = windows
    settle_visit(b.store, b.clerk, id_number=number, visit=parse_visit(HUGE), now=datetime(2024, 3, 12, 9))
    package = tmp_path / "b-march"
    export_period(b.store, b.supervisor, period="2024-03", out_dir=package)
    settlements = package / "settlements.csv.sealed"
    original = settlements.read_bytes()
    flipped = bytearray(original)
    flipped[-20] ^= 1
    settlements.write_bytes(bytes(flipped))
    with pytest.raises(InvalidInput, match="settlements.csv.sealed: package_file_altered"):
        import_ledger(a.store, a.supervisor, path=package)
    # The plain file, however it came (opened by the county, or written by anyone), is not a package.
    settlements.write_bytes(original)
    plain = tmp_path / "plain.csv"
    plain.write_bytes(settlements_csv(package))
    with pytest.raises(InvalidInput, match="ledger_needs_package"):
        import_ledger(a.store, a.supervisor, path=plain)
    # Signed with another key (a forged county file): refused.
    data = settlements_csv(package)
    forged = signed_package(tmp_path / "forged", data.replace(b"54400.00", b"0.00", 1),
                            key=package_files.PackageKeys(bytes(32)))
    with pytest.raises(InvalidInput, match="package_hmac_mismatch"):
        import_ledger(a.store, a.supervisor, path=forged)
    assert county_rows(a.store) == []
    assert import_ledger(a.store, a.supervisor, path=package)["added"] == 1


def test_a_row_that_disagrees_with_the_merged_copy_is_a_conflict(windows, tmp_path):
    a, b, number = windows
    at_b = settle_visit(b.store, b.clerk, id_number=number, visit=parse_visit(HUGE), now=datetime(2024, 3, 12, 9))
    export_period(b.store, b.supervisor, period="2024-03", out_dir=tmp_path / "march")
    path = tmp_path / "march"
    import_ledger(a.store, a.supervisor, path=path)
    rows = list(csv.DictReader(io.StringIO(settlements_csv(path).decode("utf-8-sig"), newline="")))
    rows[0]["本次计入医疗救助年度支付"] = "0.00"
    text = io.StringIO(newline="")
    writer = csv.DictWriter(text, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    changed = signed_package(tmp_path / "changed", text.getvalue().encode("utf-8-sig"))
    report = import_ledger(a.store, a.supervisor, path=changed)
    assert report["conflicts"] == [{"row": 2, "settlement_id": at_b.settlement_id,
                                    "code": "ledger_differs", "columns": "ytd_assistance_paid"}]
    assert ytd(a.store, number).assistance_paid == D("54400.00")


def test_bad_files_are_refused_whole_and_merging_needs_a_supervisor(windows, tmp_path):
    a, b, number = windows
    settle_visit(b.store, b.clerk, id_number=number, visit=parse_visit(HUGE), now=datetime(2024, 3, 12, 9))
    march_stay = {**NEXT, "admitted": "2024-03-12", "discharged": "2024-03-13"}  # both in the period exported
    settle_visit(b.store, b.clerk, id_number=number, visit=parse_visit(march_stay), now=datetime(2024, 3, 13, 9))
    export_period(b.store, b.supervisor, period="2024-03", out_dir=tmp_path / "march")
    path = tmp_path / "march"
    with pytest.raises(AuthError):
        import_ledger(a.store, a.clerk, path=path)
    lines = settlements_csv(path).decode("utf-8-sig").splitlines(keepends=True)
    broken = signed_package(tmp_path / "broken", (lines[0] + lines[1] + lines[2].replace(
        ",300000.00,", ",300000.001,", 1)).encode("utf-8-sig"))
    with pytest.raises(InvalidInput, match=r"total: ledger_bad_value path=.*broken.*row=3 column=total"):
        import_ledger(a.store, a.supervisor, path=broken)
    assert county_rows(a.store) == []  # the good first row was not kept either
    headless = signed_package(tmp_path / "other", "id_number,name\n1,2\n".encode("utf-8"))
    with pytest.raises(InvalidInput, match="ledger_columns_missing .*columns=settlement_id"):
        import_ledger(a.store, a.supervisor, path=headless)
    # An unsigned CSV is refused before a line of it is read: it could change anyone's caps and backstops.
    bare = tmp_path / "bare.csv"
    bare.write_text("".join(lines), encoding="utf-8-sig")
    with pytest.raises(InvalidInput, match="ledger_needs_package"):
        import_ledger(a.store, a.supervisor, path=bare)
    assert county_rows(a.store) == []
