"""A throw-away Synapse homeserver for the Matrix adapter tests.

Synapse is installed from PyPI into its own virtual environment under
``<repo>/.cache/synapse-venv`` (kept apart from the project's environment and
reused between runs). :class:`Synapse` writes a minimal test configuration into
a temporary data directory, runs the homeserver in the foreground on
127.0.0.1, and creates users through the shared-secret admin registration API.

Command line: ``python -m tests.adapters.matrix.synapse_harness install``
installs (or checks) the cached environment; ``... run`` starts a homeserver
and keeps it up until Ctrl-C.
"""
from __future__ import annotations

import argparse
import atexit
import base64
import contextlib
import fcntl
import hashlib
import hmac
import json
import os
import secrets
import shutil
import signal
import socket
import string
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Self

SYNAPSE_VERSION = "1.163.2"
REPO_ROOT = Path(__file__).resolve().parents[3]
CACHE_DIR = REPO_ROOT / ".cache"
VENV_DIR = CACHE_DIR / "synapse-venv"
MARKER_NAME = "samovar-synapse-version"
DEFAULT_SERVER_NAME = "samovar.test"


class SynapseError(RuntimeError):
    """The homeserver could not be installed, started or used."""


class SynapseInstallError(SynapseError):
    """Synapse could not be installed into its cached environment."""


def log(message: str) -> None:
    """Write one progress line to stderr."""
    print(f"[synapse-harness] {message}", file=sys.stderr, flush=True)


# --------------------------------------------------------------------------
# installation
# --------------------------------------------------------------------------


def venv_python(venv_dir: Path = VENV_DIR) -> Path:
    """The interpreter of the Synapse environment."""
    return venv_dir / "bin" / "python"


def is_installed(venv_dir: Path = VENV_DIR, version: str = SYNAPSE_VERSION) -> bool:
    """True when ``venv_dir`` holds a finished install of ``version``."""
    marker = venv_dir / MARKER_NAME
    return (
        venv_python(venv_dir).exists()
        and marker.exists()
        and marker.read_text().strip() == version
    )


@contextlib.contextmanager
def _install_lock(venv_dir: Path) -> Iterator[None]:
    """Serialise installers running at the same time (e.g. parallel test runs)."""
    venv_dir.parent.mkdir(parents=True, exist_ok=True)
    with open(venv_dir.parent / f"{venv_dir.name}.lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _run_logged(command: list[str], log_path: Path) -> None:
    """Run ``command`` appending its output to ``log_path``; raise with the tail on failure."""
    with open(log_path, "a") as out:
        out.write(f"$ {' '.join(command)}\n")
        out.flush()
        result = subprocess.run(command, check=False, stdout=out, stderr=subprocess.STDOUT)
    if result.returncode != 0:
        raise SynapseInstallError(
            f"`{' '.join(command)}` exited with {result.returncode}; "
            f"end of {log_path}:\n{tail(log_path)}"
        )


def ensure_synapse(venv_dir: Path = VENV_DIR, version: str = SYNAPSE_VERSION) -> Path:
    """Install ``matrix-synapse==version`` into ``venv_dir`` unless already there.

    Returns the environment's interpreter. Raises :class:`SynapseInstallError`.
    """
    if is_installed(venv_dir, version):
        return venv_python(venv_dir)
    with _install_lock(venv_dir):
        if is_installed(venv_dir, version):  # another process finished meanwhile
            return venv_python(venv_dir)
        started = time.monotonic()
        if venv_dir.exists():
            log(f"removing incomplete or outdated environment {venv_dir}")
            shutil.rmtree(venv_dir)
        log_path = venv_dir.parent / f"{venv_dir.name}-install.log"
        log_path.write_text("")
        log(f"installing matrix-synapse=={version} into {venv_dir} (log: {log_path})")
        try:
            _run_logged([sys.executable, "-m", "venv", str(venv_dir)], log_path)
            _run_logged(
                [
                    str(venv_python(venv_dir)), "-m", "pip", "install",
                    "--disable-pip-version-check", "--no-input",
                    f"matrix-synapse=={version}",
                ],
                log_path,
            )
            found = subprocess.run(
                [str(venv_python(venv_dir)), "-c", "import synapse, importlib.metadata as m; print(m.version(\"matrix-synapse\"))"],
                check=False, capture_output=True, text=True,
            )
        except OSError as error:
            raise SynapseInstallError(f"cannot install Synapse: {error}") from error
        if found.returncode != 0 or found.stdout.strip() != version:
            raise SynapseInstallError(
                f"Synapse {version} does not import from {venv_dir}: "
                f"{found.stdout.strip()} {found.stderr.strip()[-2000:]}"
            )
        (venv_dir / MARKER_NAME).write_text(version + "\n")
        log(f"installed matrix-synapse=={version} in {time.monotonic() - started:.1f} s")
    return venv_python(venv_dir)


# --------------------------------------------------------------------------
# configuration
# --------------------------------------------------------------------------

_UNLIMITED = {"per_second": 100_000, "burst_count": 100_000}

#: Every ``rc_*`` rate limit Synapse knows, raised so tests never wait on a 429.
RATE_LIMITS: dict[str, Any] = {
    "rc_message": _UNLIMITED,
    "rc_registration": _UNLIMITED,
    "rc_registration_token_validity": _UNLIMITED,
    "rc_login": {
        "address": _UNLIMITED,
        "account": _UNLIMITED,
        "failed_attempts": _UNLIMITED,
    },
    "rc_admin_redaction": _UNLIMITED,
    "rc_joins": {"local": _UNLIMITED, "remote": _UNLIMITED},
    "rc_joins_per_room": _UNLIMITED,
    "rc_3pid_validation": _UNLIMITED,
    "rc_invites": {
        "per_room": _UNLIMITED,
        "per_user": _UNLIMITED,
        "per_issuer": _UNLIMITED,
    },
    "rc_third_party_invite": _UNLIMITED,
    "rc_room_creation": _UNLIMITED,
    "rc_media_create": _UNLIMITED,
    "rc_reports": _UNLIMITED,
    "rc_presence": {"per_user": _UNLIMITED},
    "rc_delayed_event_mgmt": _UNLIMITED,
    "rc_key_requests": _UNLIMITED,
    "rc_user_directory": _UNLIMITED,
    "rc_profile": _UNLIMITED,
    "rc_federation": {
        "window_size": 1000,
        "sleep_limit": 100_000,
        "sleep_delay": 1,
        "reject_limit": 100_000,
        "concurrent": 100_000,
    },
}


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def port_answers(port: int, host: str = "127.0.0.1") -> bool:
    """True when something accepts TCP connections on ``host:port``."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.settimeout(0.5)
        return probe.connect_ex((host, port)) == 0


def tail(path: Path, lines: int = 40, max_chars: int = 6000) -> str:
    """The last ``lines`` lines (at most ``max_chars``) of a text file."""
    try:
        text = "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return f"({path} is missing)"
    return text if len(text) <= max_chars else "..." + text[-max_chars:]


def signing_key_line() -> str:
    """A fresh ed25519 signing key in Synapse's key-file format."""
    alphabet = string.ascii_letters + string.digits
    key_id = "a_" + "".join(secrets.choice(alphabet) for _ in range(4))
    seed = base64.b64encode(secrets.token_bytes(32)).decode().rstrip("=")
    return f"ed25519 {key_id} {seed}\n"


def homeserver_config(
    data_dir: Path, server_name: str, port: int, shared_secret: str
) -> dict[str, Any]:
    """The test configuration: client API only, SQLite, no outside contact."""
    return {
        "server_name": server_name,
        "public_baseurl": f"http://127.0.0.1:{port}/",
        "pid_file": str(data_dir / "homeserver.pid"),
        "listeners": [
            {
                "port": port,
                "bind_addresses": ["127.0.0.1"],
                "type": "http",
                "tls": False,
                "x_forwarded": False,
                "resources": [{"names": ["client"], "compress": False}],
            }
        ],
        "database": {
            "name": "sqlite3",
            "args": {"database": str(data_dir / "homeserver.db")},
        },
        "log_config": str(data_dir / "log.config"),
        "media_store_path": str(data_dir / "media_store"),
        "signing_key_path": str(data_dir / "signing.key"),
        "report_stats": False,
        "registration_shared_secret": shared_secret,
        "macaroon_secret_key": secrets.token_hex(32),
        "form_secret": secrets.token_hex(32),
        "bcrypt_rounds": 4,
        "enable_registration": False,
        "presence": {"enabled": False},
        "url_preview_enabled": False,
        "enable_metrics": False,
        "federation_domain_whitelist": [],
        "trusted_key_servers": [],
        "suppress_key_server_warning": True,
        **RATE_LIMITS,
    }


def log_config(log_file: Path) -> dict[str, Any]:
    """A Python logging config that writes WARNING and above to ``log_file``."""
    return {
        "version": 1,
        "formatters": {
            "precise": {
                "format": "%(asctime)s - %(name)s - %(lineno)d - %(levelname)s - %(message)s"
            }
        },
        "handlers": {
            "file": {
                "class": "logging.FileHandler",
                "formatter": "precise",
                "filename": str(log_file),
                "encoding": "utf8",
            }
        },
        "root": {"level": "WARNING", "handlers": ["file"]},
        "disable_existing_loggers": False,
    }


# --------------------------------------------------------------------------
# the homeserver
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class RegisteredUser:
    """A user created on the test homeserver, already logged in once."""

    user_id: str
    password: str
    access_token: str
    device_id: str


_running: set[Synapse] = set()


@atexit.register
def _stop_all_at_exit() -> None:
    for server in list(_running):
        server.stop()


class Synapse:
    """One Synapse process with its own data directory and port.

    ``stop()`` then ``start()`` restarts the same homeserver (same data, same
    port), which is how tests simulate an outage.
    """

    def __init__(
        self,
        python: Path | None = None,
        data_dir: Path | None = None,
        server_name: str = DEFAULT_SERVER_NAME,
        port: int | None = None,
    ) -> None:
        self.python = python or venv_python()
        self._owns_data_dir = data_dir is None
        self.data_dir = data_dir or Path(tempfile.mkdtemp(prefix="samovar-synapse-"))
        self.server_name = server_name
        self.port = port or free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.registration_shared_secret = secrets.token_hex(32)
        self.config_path = self.data_dir / "homeserver.yaml"
        self.log_path = self.data_dir / "homeserver.log"
        self.output_path = self.data_dir / "console.log"
        self._process: subprocess.Popen[bytes] | None = None
        self._write_config()

    def _write_config(self) -> None:
        # JSON is valid YAML, so no YAML library is needed on this side.
        self.data_dir.mkdir(parents=True, exist_ok=True)
        config = homeserver_config(
            self.data_dir, self.server_name, self.port, self.registration_shared_secret
        )
        self.config_path.write_text(json.dumps(config, indent=2))
        (self.data_dir / "log.config").write_text(json.dumps(log_config(self.log_path), indent=2))
        (self.data_dir / "signing.key").write_text(signing_key_line())

    @property
    def pid(self) -> int | None:
        """PID of the running homeserver, or None."""
        process = self._process
        return process.pid if process is not None and process.poll() is None else None

    @property
    def running(self) -> bool:
        """True while the process started by :meth:`start` is alive."""
        return self._process is not None and self._process.poll() is None

    def start(self, timeout: float = 60.0) -> None:
        """Launch Synapse and wait until the client API answers.

        Refuses when the port already answers (another server is there).
        """
        if self.running:
            raise SynapseError(f"this homeserver already runs (pid {self.pid})")
        if port_answers(self.port):
            raise SynapseError(f"port {self.port} already answers; refusing to start Synapse")
        if not self.python.exists():
            raise SynapseError(f"{self.python} is missing; run ensure_synapse() first")
        with open(self.output_path, "ab") as output:
            self._process = subprocess.Popen(
                [str(self.python), "-m", "synapse.app.homeserver", "-c", str(self.config_path)],
                cwd=self.data_dir,
                stdin=subprocess.DEVNULL,
                stdout=output,
                stderr=subprocess.STDOUT,
            )
        _running.add(self)
        try:
            self._wait_until_ready(timeout)
        except BaseException:
            self.stop()
            raise

    def _wait_until_ready(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not self.running:
                raise SynapseError(
                    f"Synapse exited with {self._process.returncode if self._process else '?'} "
                    f"while starting\n{self.diagnostics()}"
                )
            if self._versions_answer():
                return
            time.sleep(0.1)
        raise SynapseError(f"Synapse did not answer within {timeout:.0f} s\n{self.diagnostics()}")

    def _versions_answer(self) -> bool:
        try:
            with urllib.request.urlopen(
                f"{self.base_url}/_matrix/client/versions", timeout=2
            ) as response:
                return response.status == 200
        except (urllib.error.URLError, OSError):
            return False

    def diagnostics(self) -> str:
        """The tails of Synapse's console output and WARNING log."""
        return (
            f"--- {self.output_path} ---\n{tail(self.output_path)}\n"
            f"--- {self.log_path} ---\n{tail(self.log_path)}"
        )

    def stop(self, timeout: float = 15.0) -> None:
        """SIGTERM the homeserver's PID, SIGKILL it after ``timeout`` seconds."""
        process, self._process = self._process, None
        _running.discard(self)
        if process is None or process.poll() is not None:
            return
        os.kill(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            log(f"Synapse pid {process.pid} ignored SIGTERM for {timeout:.0f} s; killing it")
            os.kill(process.pid, signal.SIGKILL)
            process.wait()

    def cleanup(self) -> None:
        """Stop, then delete the data directory if this object created it."""
        self.stop()
        if self._owns_data_dir:
            shutil.rmtree(self.data_dir, ignore_errors=True)

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.cleanup()

    # -- users -------------------------------------------------------------

    def _registration_body(
        self, nonce: str, localpart: str, password: str, admin: bool
    ) -> dict[str, Any]:
        mac = hmac.new(self.registration_shared_secret.encode(), digestmod=hashlib.sha1)
        for part in (nonce, localpart, password):
            mac.update(part.encode())
            mac.update(b"\x00")
        mac.update(b"admin" if admin else b"notadmin")
        return {
            "nonce": nonce,
            "username": localpart,
            "password": password,
            "admin": admin,
            "mac": mac.hexdigest(),
        }

    @staticmethod
    def _registered(reply: dict[str, Any], password: str) -> RegisteredUser:
        return RegisteredUser(
            user_id=reply["user_id"],
            password=password,
            access_token=reply["access_token"],
            device_id=reply["device_id"],
        )

    def register_user(
        self, localpart: str, admin: bool = False, password: str | None = None
    ) -> RegisteredUser:
        """Create a user through the shared-secret admin API (blocking)."""
        password = password or secrets.token_urlsafe(16)
        url = f"{self.base_url}/_synapse/admin/v1/register"
        with urllib.request.urlopen(url, timeout=10) as response:
            nonce = json.load(response)["nonce"]
        body = json.dumps(self._registration_body(nonce, localpart, password, admin)).encode()
        request = urllib.request.Request(
            url, data=body, headers={"Content-Type": "application/json"}, method="POST"
        )
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return self._registered(json.load(response), password)
        except urllib.error.HTTPError as error:
            detail = error.read().decode(errors="replace")
            message = f"registering {localpart!r} failed: {error.code} {detail}"
            raise SynapseError(message) from error

    async def register_user_async(
        self, localpart: str, admin: bool = False, password: str | None = None
    ) -> RegisteredUser:
        """Create a user through the shared-secret admin API (asyncio)."""
        import aiohttp

        password = password or secrets.token_urlsafe(16)
        url = f"{self.base_url}/_synapse/admin/v1/register"
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10)) as session:
            async with session.get(url) as response:
                response.raise_for_status()
                nonce = (await response.json())["nonce"]
            body = self._registration_body(nonce, localpart, password, admin)
            async with session.post(url, json=body) as response:
                if response.status != 200:
                    detail = await response.text()
                    raise SynapseError(
                        f"registering {localpart!r} failed: {response.status} {detail}"
                    )
                return self._registered(await response.json(), password)


# --------------------------------------------------------------------------
# command line
# --------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    """``install``: ensure the cached Synapse; ``run``: serve until Ctrl-C."""
    parser = argparse.ArgumentParser(prog="python -m tests.adapters.matrix.synapse_harness")
    parser.add_argument("command", choices=["install", "run"])
    args = parser.parse_args(argv)
    try:
        python = ensure_synapse()
    except SynapseInstallError as error:
        log(str(error))
        return 1
    log(f"Synapse {SYNAPSE_VERSION} ready: {python}")
    if args.command == "run":
        server = Synapse(python)
        started = time.monotonic()
        server.start()
        log(f"{server.base_url} up in {time.monotonic() - started:.2f} s "
            f"(pid {server.pid}, data {server.data_dir}); Ctrl-C stops it")
        try:
            while server.running:
                time.sleep(1)
        except KeyboardInterrupt:
            pass
        finally:
            server.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
