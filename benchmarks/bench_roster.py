"""Roster import speed and memory: a 1,000,000-row CSV against the executemany floor, and a 100,000-row XLSX.

The roster is generated (seeded): households of 1-6 sharing a category, a household number and a
village, in the order a civil-affairs office lists them, with dates in the formats offices type; 10% of
persons hold a second category on a second row. Figures, all wall time in this one process:

- floor: the same CSV read by `csv` and `executemany`'d by plain sqlite3 into a bare table with a unique
  index on (ID number, category), one transaction, in a WAL database as environment.md measured it (the
  window's database is WAL too, so both commits end in a checkpoint): the least any importer must pay. The
  same in a rollback-journal database (sqlite3's default) is printed for information;
- first import: `import_roster` into an empty, Alembic-built window database (cleaning, staging,
  conflicts, households, persons, memberships, the stored report and audit entry, commit);
- floor and first import alternate `--repeat` times (each into a new file), and the verdict is the median
  of the runs' ratios, each import against the floor run just before it: on a shared machine one slow
  moment would otherwise decide (every run is printed);
- the same file again: answered from the stored SHA-256 and report (the roster is untouched since);
- the same rows with other bytes (a trailing line break): read, staged and compared in full;
- a 100,000-row XLSX (ID numbers as text, date cells) into an empty database;
- peak RSS (getrusage; the files are written by a child process, so their memory is not counted), after
  the first imports and at the end, against 300 MB (10^6 bytes).
"""

from __future__ import annotations

import argparse
import csv
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))  # run from a checkout even without the editable install

from windowdesk.domain.idnumber import make_valid  # noqa: E402
from windowdesk.services import auth  # noqa: E402
from windowdesk.services.roster_sync import import_roster  # noqa: E402
from windowdesk.services.setup import initialise, open_store  # noqa: E402

try:
    import resource
except ImportError:  # Windows: no getrusage
    resource = None

TARGET_FIRST_RATIO = 3.0
TARGET_UNCHANGED_RATIO = 2.0
TARGET_RSS_MB = 300.0
TARGET_XLSX_S = 5.0
PASSWORD = "bench-pass-1"

HEADER = ("身份证号", "姓名", "户编号", "与户主关系", "人员类别", "认定日期", "退出日期", "乡镇", "村", "联系电话")
AREAS = ("330383", "330327", "330326", "330381", "330382", "330302", "330303", "330304", "330305", "330324")
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂建国华文玉红志小海金春晓云德林永福荣宏宝庆立清振家成俊峰"
TOWNS = ("龙港镇", "灵溪镇", "钱库镇", "金乡镇", "宜山镇", "藻溪镇", "桥墩镇", "矾山镇", "马站镇", "赤溪镇")
VILLAGES = tuple(f"{name}村" for name in "东湖 西岙 南山 北港 上林 下垟 中墩 前仓 后垟 新城 洪家 章家".split())
# Labels as the offices type them, with how often (per cent) a household holds each.
LABELS = (("脱贫人口", 30), ("低保", 25), ("低保边缘", 12), ("渐退期", 10), ("因病致贫", 8), ("特困人员", 8),
          ("孤儿", 2), ("建档立卡", 5))
DATE_STYLES = ("{:%Y-%m-%d}", "{:%Y-%m-%d}", "{:%Y-%m-%d}", "{d.year}/{d.month}/{d.day}", "{:%Y%m%d}",
               "{d.year}年{d.month}月{d.day}日")


# ---------------------------------------------------------------------------------------------- files


def _people(n_rows: int, seed: int):
    """Roster rows of households of 1-6 sharing a category and a household number; 10% of persons hold a
    second category (a second row). Yields lists of cells as strings or dates (for XLSX)."""
    rng = random.Random(seed)
    labels = [label for label, weight in LABELS for _ in range(weight)]
    seen: set[str] = set()
    base = date(2024, 1, 1)
    household = rows = 0
    while rows < n_rows:
        household += 1
        number = f"H{AREAS[household % len(AREAS)]}{household:08d}"
        label = rng.choice(labels)
        since = base - timedelta(days=rng.randrange(30, 3000))
        until = base + timedelta(days=rng.randrange(10, 300)) if rng.random() < 0.05 else None
        town, village = rng.choice(TOWNS), rng.choice(VILLAGES)
        family = rng.choice(SURNAMES)
        for k in range(rng.choice((1, 2, 2, 3, 3, 4, 5, 6))):
            while True:
                born = base - timedelta(days=rng.randrange(1, 95 * 365))
                ident = make_valid(rng.choice(AREAS), born, f"{rng.randrange(1000):03d}")
                if ident not in seen:
                    seen.add(ident)
                    break
            name = family + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))
            relation = ("户主", "配偶")[k] if k < 2 else "子女"
            phone = f"13{rng.randrange(10**9):09d}" if rng.random() < 0.6 else ""
            held = [(label, since, until)]
            if rng.random() < 0.10:
                second = "因病致贫" if label in ("孤儿", "脱贫人口", "建档立卡") else "脱贫人口"
                held.append((second, since, None))
            for category, start, end in held:
                if rows == n_rows:
                    return
                rows += 1
                yield [ident, name, number, relation, category, start, end, town, village, phone]


def _date_text(rng: random.Random, day: date | None) -> str:
    return "" if day is None else rng.choice(DATE_STYLES).format(day, d=day)


def write_csv(path: Path, n_rows: int, seed: int) -> None:
    rng = random.Random(seed + 1)
    with path.open("w", encoding="utf-8-sig", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(HEADER)
        for row in _people(n_rows, seed):
            row[5], row[6] = _date_text(rng, row[5]), _date_text(rng, row[6])
            writer.writerow(row)


def write_xlsx(path: Path, n_rows: int, seed: int) -> None:
    """ID numbers as text cells, dates as real date cells: a workbook as a careful office sends it."""
    import openpyxl
    from openpyxl.cell import WriteOnlyCell

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("花名册")
    sheet.append(HEADER)
    for row in _people(n_rows, seed):
        cells = []
        for value in row:
            cell = WriteOnlyCell(sheet, value=value if value != "" else None)
            if isinstance(value, date):
                cell.number_format = "yyyy-mm-dd"
            cells.append(cell)
        sheet.append(cells)
    book.save(path)


# ---------------------------------------------------------------------------------------------- timings


def floor_seconds(csv_path: Path, db_path: Path, *, wal: bool = True) -> tuple[float, float]:
    """The floor: the same rows read by csv and executemany'd into a bare table keyed like the roster
    ((ID number, category) unique), one transaction, plain sqlite3 (WAL, or its default rollback journal)."""
    start, cpu = time.perf_counter(), time.process_time()
    con = sqlite3.connect(db_path)
    if wal:
        con.execute("PRAGMA journal_mode=WAL")
    con.execute(f"CREATE TABLE roster ({', '.join(f'c{i} TEXT' for i in range(len(HEADER)))})")
    con.execute("CREATE UNIQUE INDEX roster_key ON roster (c0, c4)")
    with csv_path.open(encoding="utf-8-sig", newline="") as stream:
        rows = csv.reader(stream)
        next(rows)
        with con:
            con.executemany(f"INSERT INTO roster VALUES ({', '.join('?' * len(HEADER))})", rows)
    con.close()
    return time.perf_counter() - start, time.process_time() - cpu


def fresh_window(db_path: Path):
    initialise(str(db_path), policy="longgang-2022", window_id="BENCH", name="bench", admin="admin",
               password=PASSWORD)
    store = open_store(str(db_path))
    return store, auth.authenticate(store, "admin", PASSWORD)


def timed_import(store, actor, path: Path):
    start, cpu = time.perf_counter(), time.process_time()
    report = import_roster(store, actor, path=path)
    return time.perf_counter() - start, time.process_time() - cpu, report


def peak_rss_mb() -> float | None:
    if resource is None:
        return None
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / 1e6  # KiB on Linux; MB of 10^6 bytes


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--xlsx-rows", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=20240301)
    parser.add_argument("--repeat", type=int, default=3, help="floor / first import pairs (the median ratio decides)")
    parser.add_argument("--dir", help="work folder (default: a temporary one, removed)")
    parser.add_argument("--write", nargs=3, metavar=("KIND", "PATH", "ROWS"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.write:  # the child that writes a file, so its memory is not counted in the import's peak
        kind, path, rows = args.write
        (write_csv if kind == "csv" else write_xlsx)(Path(path), int(rows), args.seed)
        return 0
    with tempfile.TemporaryDirectory(dir=args.dir) as work:
        work = Path(work)
        csv_path, xlsx_path = work / "roster.csv", work / "roster.xlsx"
        start = time.perf_counter()
        for kind, path, rows in (("csv", csv_path, args.rows), ("xlsx", xlsx_path, args.xlsx_rows)):
            subprocess.run([sys.executable, __file__, "--seed", str(args.seed), "--write", kind, str(path),
                            str(rows)], check=True)
        print(f"generated {args.rows:,} CSV rows ({csv_path.stat().st_size / 2**20:.0f} MiB) and "
              f"{args.xlsx_rows:,} XLSX rows in {time.perf_counter() - start:.1f} s")

        journal_floor, journal_floor_cpu = floor_seconds(csv_path, work / "floor-journal.sqlite", wal=False)
        floors, firsts = [], []
        for run in range(args.repeat):
            floors.append(floor_seconds(csv_path, work / f"floor-{run}.sqlite"))
            if run:
                store.engine.dispose()
            store, admin = fresh_window(work / f"window-{run}.sqlite")
            firsts.append(timed_import(store, admin, csv_path))
            print(f"  run {run + 1}: floor {floors[-1][0]:.2f} s, first import {firsts[-1][0]:.2f} s "
                  f"= {firsts[-1][0] / floors[-1][0]:.2f} x", flush=True)
        # The median run by its ratio: its floor is the unit of every ratio printed below.
        middle = sorted(range(args.repeat), key=lambda k: firsts[k][0] / floors[k][0])[args.repeat // 2]
        floor, floor_cpu = floors[middle]
        first, first_cpu, report1 = firsts[middle]
        rss = peak_rss_mb()
        again, again_cpu, report2 = timed_import(store, admin, csv_path)
        # The same rows in a file with other bytes (a trailing blank line): no stored hash matches, so the
        # whole file is read, staged and compared.
        copy = work / "roster-copy.csv"
        with csv_path.open("rb") as src, copy.open("wb") as dst:
            while chunk := src.read(1 << 20):
                dst.write(chunk)
            dst.write(b"\r\n")
        diffed, diffed_cpu, report3 = timed_import(store, admin, copy)
        store.engine.dispose()
        for report in (report2, report3):
            assert report.unchanged == report1.added and report.added == report.changed == report.exited == 0, \
                {**report.to_json(), "invalid": len(report.invalid)}
        store, admin = fresh_window(work / "xlsx.sqlite")
        xlsx, xlsx_cpu, report4 = timed_import(store, admin, xlsx_path)
        store.engine.dispose()

    def line(label: str, wall: float, cpu: float, note: str = "") -> None:
        ratio = f"= {wall / floor:5.2f} x floor" if note != "-" else " " * 16
        print(f"{label:<52} {wall:7.2f} s (cpu {cpu:6.2f} s) {ratio}  {note if note != '-' else ''}")

    print(f"{'floor, rollback journal (information)':<52} {journal_floor:7.2f} s (cpu {journal_floor_cpu:6.2f} s)")
    print(f"{'floor: csv + executemany, unique index, WAL':<52} {floor:7.2f} s (cpu {floor_cpu:6.2f} s)  "
          f"run {middle + 1}, the median of {args.repeat}")
    line("first import into an empty database", first, first_cpu,
         f"added {report1.added:,}, invalid {len(report1.invalid):,} of {report1.rows:,} rows")
    line("same file again (stored SHA-256 matches)", again, again_cpu, f"unchanged {report2.unchanged:,}")
    line("same rows, other bytes (full comparison)", diffed, diffed_cpu, f"unchanged {report3.unchanged:,}")
    line(f"{args.xlsx_rows:,}-row XLSX into an empty database", xlsx, xlsx_cpu, "-")
    if rss is not None:
        print(f"{'peak RSS: after the first imports / at the end':<52} {rss:7.0f} MB  / {peak_rss_mb():.0f} MB")
    checks = [(f"first import <= {TARGET_FIRST_RATIO:g} x floor", first <= TARGET_FIRST_RATIO * floor),
              (f"unchanged re-import <= {TARGET_UNCHANGED_RATIO:g} x floor", again <= TARGET_UNCHANGED_RATIO * floor),
              (f"{args.xlsx_rows:,}-row XLSX <= {TARGET_XLSX_S:g} s", xlsx <= TARGET_XLSX_S)]
    if rss is not None:
        checks.append((f"peak RSS of the first import <= {TARGET_RSS_MB:g} MB", rss <= TARGET_RSS_MB))
        checks.append((f"peak RSS of the whole run <= {TARGET_RSS_MB:g} MB", peak_rss_mb() <= TARGET_RSS_MB))
    for label, ok in checks:
        print(f"{'PASS' if ok else 'FAIL'}  {label}")
    return 0 if all(ok for _, ok in checks) else 1


if __name__ == "__main__":
    sys.exit(main())
