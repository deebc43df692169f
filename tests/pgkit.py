"""Test support for PostgreSQL: one throwaway server per test session, a fresh database for every test.

The server is Debian's `postgresql` (CI installs it): `initdb` into a temporary folder, started by `pg_ctl`
on a free loopback port with its socket in that folder, stopped and removed when the session ends. As
root, the server runs as the `postgres` OS user (PostgreSQL refuses to run as root). A machine without
the server binaries fails these tests loudly: the PostgreSQL promise is tested, never skipped.

Fixtures (a test module takes them with `pytest_plugins = ["pgkit"]`): `postgres` (the server), `pg_url`
(an empty database made from template0), `pg_window` (a database initialised by `windowdesk init` with
users of each role, copied from a per-session template as windowkit does for SQLite) and `any_window` (a test
run twice: on windowkit's SQLite window, then on pg_window).
"""

from __future__ import annotations

import glob
import itertools
import os
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest
from windowkit import PASSWORD, Window, make_window

from windowdesk.services import auth
from windowdesk.services.setup import initialise, open_store
from windowdesk.store.keyfile import KEY_DIR_ENV, key_file_for

USER = "app"
# Durability is not what these tests check; locking and isolation are unaffected by these settings.
FAST = "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"


def server_bin() -> Path:
    """The folder of initdb and pg_ctl: on PATH, else the newest under /usr/lib/postgresql (Debian)."""
    found = shutil.which("initdb")
    if found:
        return Path(found).resolve().parent  # a symlink on PATH: its folder holds pg_ctl too
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[-3]))
    if not candidates:
        raise RuntimeError("PostgreSQL server binaries (initdb, pg_ctl) not found: install them "
                           "(Debian: apt-get install postgresql); the PostgreSQL tests never skip")
    return Path(candidates[-1]).parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class PostgresServer:
    root: Path
    port: int
    bin: Path
    as_postgres: bool

    def _run(self, *command: str) -> None:
        prefix = ["runuser", "-u", "postgres", "--"] if self.as_postgres else []
        done = subprocess.run([*prefix, *command], capture_output=True, text=True, timeout=120, check=False)
        if done.returncode != 0:
            log = self.root / "server.log"
            tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            raise RuntimeError(f"{' '.join(command)} failed ({done.returncode}): {done.stderr or done.stdout}\n{tail}")

    def start(self) -> None:
        data = self.root / "data"
        self._run(str(self.bin / "initdb"), "-D", str(data), "-U", USER, "--auth=trust", "--encoding=UTF8",
                  "--locale=C", "--no-sync")
        self._run(str(self.bin / "pg_ctl"), "-D", str(data), "-l", str(self.root / "server.log"), "-w",
                  "-o", f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.root} {FAST}", "start")

    def stop(self) -> None:
        try:
            self._run(str(self.bin / "pg_ctl"), "-D", str(self.root / "data"), "-m", "fast", "-w", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://{USER}@127.0.0.1:{self.port}/{database}"

    def admin(self) -> psycopg.Connection:
        return psycopg.connect(host="127.0.0.1", port=self.port, user=USER, dbname="postgres", autocommit=True)

    def create_database(self, name: str, *, template: str = "template0") -> str:
        with self.admin() as connection:
            # From 15 on, FILE_COPY copies a small template ~10x faster than the default WAL_LOG.
            strategy = " STRATEGY FILE_COPY" if connection.info.server_version >= 150000 else ""
            connection.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"{strategy}')
        return self.url(name)

    def drop_database(self, name: str) -> None:
        with self.admin() as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def start_server() -> PostgresServer:
    as_postgres = os.geteuid() == 0
    root = Path(tempfile.mkdtemp(prefix="windowdesk-pg-"))
    if as_postgres:
        shutil.chown(root, user="postgres")
    server = PostgresServer(root=root, port=free_port(), bin=server_bin(), as_postgres=as_postgres)
    try:
        server.start()
    except BaseException:
        shutil.rmtree(root, ignore_errors=True)
        raise
    return server


_names = itertools.count(1)


@pytest.fixture(scope="session")
def postgres() -> PostgresServer:
    server = start_server()
    # The key files of the server's databases (store/keyfile): with the server, never in the user's data folder.
    before = os.environ.get(KEY_DIR_ENV)
    os.environ[KEY_DIR_ENV] = str(server.root / "keys")
    yield server
    server.stop()
    if before is None:
        os.environ.pop(KEY_DIR_ENV, None)
    else:
        os.environ[KEY_DIR_ENV] = before


def copy_key_file(source_url: str, target_url: str) -> None:
    """A database copied from a template takes the template's key file along (its audit key sealed the chain)."""
    source = key_file_for(source_url)
    if source is not None and source.exists():
        shutil.copyfile(source, key_file_for(target_url))


@pytest.fixture
def pg_url(postgres: PostgresServer) -> str:
    """An empty database (no schema yet), dropped after the test."""
    name = f"test_{os.getpid()}_{next(_names)}"
    yield postgres.create_database(name)
    postgres.drop_database(name)


@pytest.fixture(scope="session")
def pg_template(postgres: PostgresServer) -> str:
    """A database built by `windowdesk init` (admin) plus users sup and clerk: the template of pg_window."""
    name = "windowdesk_template"
    url = postgres.create_database(name)
    initialise(url, policy="longgang-2022", window_id="LG-01", name="测试窗口", admin="admin", password=PASSWORD)
    store = open_store(url)
    admin = auth.authenticate(store, "admin", PASSWORD)
    auth.add_user(store, admin, name="sup", role="supervisor", password=PASSWORD)
    auth.add_user(store, admin, name="clerk", role="clerk", password=PASSWORD)
    store.engine.dispose()  # CREATE DATABASE ... TEMPLATE needs the template without connections
    return name


@pytest.fixture
def pg_window(postgres: PostgresServer, pg_template: str) -> Window:
    """A freshly initialised window on its own PostgreSQL database (`path` holds the URL)."""
    name = f"test_{os.getpid()}_{next(_names)}"
    url = postgres.create_database(name, template=pg_template)
    copy_key_file(postgres.url(pg_template), url)
    window = Window(path=url, store=open_store(url), admin=auth.Actor("admin", "admin"),
                    supervisor=auth.Actor("sup", "supervisor"), clerk=auth.Actor("clerk", "clerk"))
    yield window
    window.store.engine.dispose()
    postgres.drop_database(name)


@pytest.fixture(params=["sqlite", "postgresql"])
def any_window(request, tmp_path) -> Window:
    """The same test on a SQLite window and on a PostgreSQL one."""
    if request.param == "postgresql":
        yield request.getfixturevalue("pg_window")
        return
    window = make_window(tmp_path)
    yield window
    window.store.engine.dispose()
