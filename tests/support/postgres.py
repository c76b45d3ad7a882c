"""A throw-away PostgreSQL server for storage tests.

``PostgresServer`` runs Debian's server binaries on a private data directory,
a free port on 127.0.0.1 and a unix socket inside its own temporary folder,
so it never touches a cluster the machine may already have. PostgreSQL
refuses to run as root; when the tests run as root, ``initdb`` and
``postgres`` run as the ``postgres`` OS user instead.
"""
from __future__ import annotations

import glob
import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

BINDIR_PATTERN = "/usr/lib/postgresql/*/bin"
SERVER_OS_USER = "postgres"
SUPERUSER = "postgres"
HOST = "127.0.0.1"
_IDENTIFIER = re.compile(r"[a-z_][a-z0-9_]{0,62}")


class PostgresHarnessError(RuntimeError):
    """The throw-away server could not be set up."""


def find_postgres_bindir() -> Path | None:
    """Return the bin directory of the newest installed PostgreSQL server, if any."""
    candidates = [Path(p) for p in glob.glob(BINDIR_PATTERN) if Path(p, "postgres").is_file()]
    if not candidates:
        return None
    return max(candidates, key=lambda p: _version_key(p.parent.name))


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", version))


def pick_free_port() -> int:
    """Ask the kernel for a TCP port on 127.0.0.1 that is free right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def port_answers(port: int, host: str = HOST) -> bool:
    """Return True when something accepts TCP connections on ``host:port``."""
    try:
        with socket.create_connection((host, port), timeout=0.5):
            return True
    except OSError:
        return False


def _checked_identifier(name: str) -> str:
    if not _IDENTIFIER.fullmatch(name):
        raise ValueError(f"not a plain lower-case SQL identifier: {name!r}")
    return name


class PostgresServer:
    """One private PostgreSQL server process with a test database and user."""

    def __init__(
        self,
        *,
        port: int | None = None,
        database: str = "samovar_test",
        user: str = "samovar",
        password: str = "secret",
        bindir: Path | None = None,
        start_timeout: float = 30.0,
        stop_timeout: float = 15.0,
    ) -> None:
        self.port = port
        self._requested_port = port
        self.database = _checked_identifier(database)
        self.user = _checked_identifier(user)
        self.password = password
        self.bindir = bindir
        self.start_timeout = start_timeout
        self.stop_timeout = stop_timeout
        self.workdir: Path | None = None
        self.pid: int | None = None
        self._process: subprocess.Popen[bytes] | None = None

    # -- public API -------------------------------------------------------

    @property
    def url(self) -> str:
        """URL of the test database, in the form tortoise-orm takes (asyncpg)."""
        return self.url_for(self.database)

    def url_for(self, database: str) -> str:
        """URL of ``database`` on this server, connecting as the test user."""
        if self.port is None:
            raise PostgresHarnessError("server has not been started")
        credentials = f"{quote(self.user, safe='')}:{quote(self.password, safe='')}"
        return f"postgres://{credentials}@{HOST}:{self.port}/{database}"

    @property
    def log_path(self) -> Path:
        """File that receives the server's output."""
        return self._dir / "postgres.log"

    def start(self) -> None:
        """Create a fresh cluster, run it, and create the test user and database."""
        if self._process is not None:
            raise PostgresHarnessError("server is already running")
        bindir = self.bindir or find_postgres_bindir()
        if bindir is None:
            raise PostgresHarnessError(
                f"no PostgreSQL server binaries under {BINDIR_PATTERN}; "
                "run .ci/install-postgres.sh"
            )
        self.bindir = bindir
        self.port = self._requested_port or pick_free_port()
        if port_answers(self.port):
            raise PostgresHarnessError(f"port {self.port} on {HOST} is already in use")

        self.workdir = Path(tempfile.mkdtemp(prefix="samovar-pg-"))
        try:
            self._hand_to_server_user(self.workdir)
            self._initdb()
            self._launch()
            self._wait_until_ready()
            self._psql(
                f"CREATE ROLE {self.user} LOGIN CREATEDB PASSWORD '{self._quoted_password()}'",
                f"CREATE DATABASE {self.database} OWNER {self.user}",
            )
        except BaseException:
            self.stop()
            raise

    def create_database(self, name: str) -> str:
        """Create an empty database owned by the test user and return its URL."""
        name = _checked_identifier(name)
        self._psql(f"CREATE DATABASE {name} OWNER {self.user}")
        return self.url_for(name)

    def stop(self) -> None:
        """Fast-shutdown the server (SIGINT, then SIGKILL) and delete its files."""
        process, self._process = self._process, None
        if process is not None:
            if process.poll() is None:
                process.send_signal(signal.SIGINT)
                try:
                    process.wait(timeout=self.stop_timeout)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
        if self.workdir is not None:
            shutil.rmtree(self.workdir, ignore_errors=True)
            self.workdir = None

    def __enter__(self) -> PostgresServer:
        self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    # -- steps ------------------------------------------------------------

    @property
    def _dir(self) -> Path:
        if self.workdir is None:
            raise PostgresHarnessError("server has not been started")
        return self.workdir

    @staticmethod
    def _runs_as_root() -> bool:
        return os.geteuid() == 0

    def _hand_to_server_user(self, path: Path) -> None:
        if self._runs_as_root():
            shutil.chown(path, user=SERVER_OS_USER, group=SERVER_OS_USER)

    def _server_process_options(self) -> dict[str, Any]:
        """Popen options that drop root to the server OS user where needed."""
        options: dict[str, Any] = {"cwd": self._dir}
        if self._runs_as_root():
            options.update(user=SERVER_OS_USER, group=SERVER_OS_USER, extra_groups=[])
        return options

    def _initdb(self) -> None:
        command = [
            str(self._bin("initdb")),
            "--pgdata", str(self._dir / "data"),
            "--username", SUPERUSER,
            "--auth", "trust",
            "--encoding", "UTF8",
            "--locale", "C.UTF-8",
            "--no-sync",
            "--no-instructions",
        ]
        result = subprocess.run(
            command,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            check=False,
            **self._server_process_options(),
        )
        if result.returncode != 0:
            raise PostgresHarnessError(
                "initdb failed:\n" + result.stdout.decode(errors="replace")
            )
        # Trust only the private socket and 127.0.0.1; nothing else may connect.
        (self._dir / "data" / "pg_hba.conf").write_text(
            "local all all trust\n"
            f"host all all {HOST}/32 trust\n"
        )

    def _launch(self) -> None:
        settings = {
            "listen_addresses": HOST,
            "port": str(self.port),
            "unix_socket_directories": str(self._dir),
            "fsync": "off",
            "synchronous_commit": "off",
            "full_page_writes": "off",
            "shared_buffers": "16MB",
            "max_connections": "50",
        }
        command = [str(self._bin("postgres")), "-D", str(self._dir / "data")]
        for name, value in settings.items():
            command += ["-c", f"{name}={value}"]
        with open(self.log_path, "wb") as log:
            self._process = subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                **self._server_process_options(),
            )
        self.pid = self._process.pid

    def _wait_until_ready(self) -> None:
        assert self._process is not None
        deadline = time.monotonic() + self.start_timeout
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise PostgresHarnessError(
                    f"postgres exited with code {self._process.returncode}:\n{self._log_tail()}"
                )
            ready = subprocess.run(
                [str(self._bin("pg_isready")), "-q", "-h", HOST, "-p", str(self.port), "-t", "1"],
                check=False,
            )
            if ready.returncode == 0:
                return
            time.sleep(0.1)
        raise PostgresHarnessError(
            f"postgres did not accept connections within {self.start_timeout:.0f} s:\n"
            + self._log_tail()
        )

    def _psql(self, *statements: str) -> None:
        command = [
            str(self._bin("psql")), "-X", "-q",
            "-h", HOST, "-p", str(self.port), "-U", SUPERUSER, "-d", "postgres",
            "-v", "ON_ERROR_STOP=1",
        ]
        for statement in statements:
            command += ["-c", statement]
        result = subprocess.run(
            command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, check=False
        )
        if result.returncode != 0:
            raise PostgresHarnessError(
                "psql failed:\n" + result.stdout.decode(errors="replace")
            )

    # -- helpers ----------------------------------------------------------

    def _bin(self, name: str) -> Path:
        assert self.bindir is not None
        return self.bindir / name

    def _quoted_password(self) -> str:
        return self.password.replace("'", "''")

    def _log_tail(self, lines: int = 30) -> str:
        try:
            text = self.log_path.read_text(errors="replace")
        except OSError:
            return "(no server log)"
        return "\n".join(text.splitlines()[-lines:])


@contextmanager
def running_postgres(**options: Any) -> Iterator[PostgresServer]:
    """Run a throw-away server for the duration of the ``with`` block.

    Keyword arguments go to :class:`PostgresServer`.
    """
    with PostgresServer(**options) as server:
        yield server
