"""`windowdesk demo [--db PATH] [--no-window]`: build the demo window's database if missing, then open the window."""

from __future__ import annotations

from pathlib import Path

from .output import print_json


def register(commands, common) -> None:
    cmd = commands.add_parser("demo", parents=[common], help="build (if missing) and open the demo window")
    cmd.add_argument("--no-window", action="store_true", help="only build the demo database")
    cmd.set_defaults(handler=run)


def run(args) -> int:
    from ..services.demo import DEMO_PASSWORD, build_demo
    from ..store.database import default_db_path

    db = Path(args.db) if args.db else default_db_path().with_name("windowdesk-demo.sqlite")
    built = None
    if not db.exists():
        built = build_demo(db)
    if args.json:
        print_json(built or {"db": str(db), "built": False})
    else:
        print(f"demo database: {db}" + (" (built now)" if built else ""))
        print(f"log in as clerk, sup or admin with the password {DEMO_PASSWORD}")
    if args.no_window:
        return 0
    from ..ui.app import main as window_main

    return window_main(str(db))
