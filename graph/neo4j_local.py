"""Provision and run a local Neo4j Community server from Maven Central jars (no Docker needed).

The jars are resolved once by Maven into a shared cache; each server home (conf, data, logs, the
generated password) lives in a project-local folder. The server runs as a detached JVM so that the
API, the CLI and the tests can share it; `stop()` sends SIGTERM, which Neo4j handles by shutting
down cleanly.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from graph.errors import LocalNeo4jError

MAIN_CLASS = "org.neo4j.server.CommunityEntryPoint"
ADMIN_CLASS = "org.neo4j.cli.AdminTool"
USER = "neo4j"

# The flags the Neo4j 5 distribution passes to its JVM (conf/neo4j.conf `server.jvm.additional`).
JVM_FLAGS = (
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+UnlockExperimentalVMOptions",
    "-XX:+TrustFinalNonStaticFields",
    "-XX:+DisableExplicitGC",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Djdk.tls.ephemeralDHKeySize=2048",
    "-Djdk.tls.rejectClientInitiatedRenegotiation=true",
    "-XX:FlightRecorderOptions=stackdepth=256",
    "-XX:+UnlockDiagnosticVMOptions",
    "-XX:+DebugNonSafepoints",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "-Dlog4j2.disable.jmx=true",
)

POM_TEMPLATE = """<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>org.credgraph</groupId>
  <artifactId>neo4j-local</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency>
      <groupId>org.neo4j</groupId>
      <artifactId>neo4j</artifactId>
      <version>{version}</version>
    </dependency>
  </dependencies>
</project>
"""


# Servers this process started: kept so they are reaped on stop (and not reported by Popen's
# finaliser as "still running" while they are meant to outlive a CLI call).
_STARTED: dict[int, subprocess.Popen[bytes]] = {}


@dataclass(frozen=True)
class LocalServer:
    """A running local server: where to connect and where its secrets are."""

    uri: str
    user: str
    password_file: Path
    pid: int
    home: Path

    def password(self) -> str:
        """The password of the local server's neo4j user."""
        return self.password_file.read_text().strip()


@contextlib.contextmanager
def _file_lock(path: Path) -> Iterator[None]:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _port_answers(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def _pid_is_our_server(pid: int, home: Path) -> bool:
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, PermissionError):
        return False
    cmdline = Path(f"/proc/{pid}/cmdline")
    if not cmdline.exists():  # not Linux: trust the pid
        return True
    args = cmdline.read_bytes().split(b"\0")
    # Guards against a recycled pid: the process must be a Neo4j server on this very home.
    return MAIN_CLASS.encode() in args and f"--home-dir={home}".encode() in args


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise LocalNeo4jError(
            f"'{name}' is not on PATH: the local Neo4j needs Java 17+ and Maven "
            "(or set NEO4J_URI to use an existing Neo4j)"
        )
    return found


class LocalNeo4j:
    """One local Neo4j Community server home."""

    def __init__(
        self,
        home: Path,
        cache_dir: Path,
        version: str,
        heap: str = "1g",
        pagecache: str = "512m",
    ) -> None:
        self.home = home.resolve()
        self.cache_dir = cache_dir.resolve()
        self.version = version
        self.heap = heap
        self.pagecache = pagecache

    # -- paths -----------------------------------------------------------------------------------
    @property
    def lib_dir(self) -> Path:
        """Where the Neo4j jars of this version are cached."""
        return self.cache_dir / f"neo4j-{self.version}" / "lib"

    @property
    def conf_dir(self) -> Path:
        """The server's configuration directory."""
        return self.home / "conf"

    @property
    def password_file(self) -> Path:
        """The file holding the generated password."""
        return self.home / "password"

    @property
    def run_file(self) -> Path:
        """The file describing the running server."""
        return self.home / "run" / "server.json"

    @property
    def console_log(self) -> Path:
        """The server's console log."""
        return self.home / "logs" / "console.log"

    # -- jars ------------------------------------------------------------------------------------
    def ensure_jars(self) -> Path:
        """Resolve the Neo4j jars with Maven once; later calls reuse the cache."""
        marker = self.lib_dir.parent / ".complete"
        if marker.exists():
            return self.lib_dir
        with _file_lock(self.lib_dir.parent / ".lock"):
            if marker.exists():
                return self.lib_dir
            work = self.lib_dir.parent
            work.mkdir(parents=True, exist_ok=True)
            pom = work / "pom.xml"
            pom.write_text(POM_TEMPLATE.format(version=self.version))
            if self.lib_dir.exists():
                shutil.rmtree(self.lib_dir)
            command = [
                _tool("mvn"),
                "-q",
                "-B",
                "-f",
                str(pom),
                "dependency:copy-dependencies",
                f"-DoutputDirectory={self.lib_dir}",
                "-DincludeScope=runtime",
            ]
            result = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603
            if result.returncode != 0:
                raise LocalNeo4jError(
                    f"Maven could not resolve org.neo4j:neo4j:{self.version}: "
                    f"{(result.stdout + result.stderr).strip()[-2000:]}"
                )
            if not any(self.lib_dir.glob(f"neo4j-{self.version}.jar")):
                raise LocalNeo4jError(f"neo4j-{self.version}.jar missing from {self.lib_dir}")
            marker.write_text(self.version)
        return self.lib_dir

    # -- lifecycle -------------------------------------------------------------------------------
    def status(self) -> LocalServer | None:
        """The running server of this home, or None."""
        if not self.run_file.exists():
            return None
        state = json.loads(self.run_file.read_text())
        pid, port = int(state["pid"]), int(state["port"])
        if not _pid_is_our_server(pid, self.home):
            return None
        return LocalServer(
            uri=f"bolt://127.0.0.1:{port}",
            user=USER,
            password_file=self.password_file,
            pid=pid,
            home=self.home,
        )

    def start(self, timeout: float = 180.0) -> LocalServer:
        """Start the server (or return the one already running) and wait until Bolt answers."""
        with _file_lock(self.home / "run" / ".lock"):
            running = self.status()
            if running is not None:
                port = int(running.uri.rsplit(":", 1)[1])
                if _port_answers(port):
                    return running
                self._wait_for_exit(running.pid, timeout)  # it is shutting down: start anew
            lib = self.ensure_jars()
            java = _tool("java")
            for folder in ("conf", "data", "logs", "run", "plugins", "import"):
                (self.home / folder).mkdir(parents=True, exist_ok=True)
            port = self._port()
            self._write_conf(port)
            self._ensure_password()
            log = self.console_log.open("ab")
            log_offset = log.tell()  # only what this start writes counts as "Started."
            command = [
                java,
                f"-Xms{self.heap}",
                f"-Xmx{self.heap}",
                *JVM_FLAGS,
                "-cp",
                f"{lib}/*",
                MAIN_CLASS,
                f"--home-dir={self.home}",
                f"--config-dir={self.conf_dir}",
                "--console-mode",
            ]
            process = subprocess.Popen(  # noqa: S603 - fixed argv, no shell
                command,
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,  # outlives the CLI; stopped by `stop()`
                cwd=self.home,
            )
            log.close()
            _STARTED[process.pid] = process
            self.run_file.write_text(json.dumps({"pid": process.pid, "port": port}))
            server = LocalServer(
                uri=f"bolt://127.0.0.1:{port}",
                user=USER,
                password_file=self.password_file,
                pid=process.pid,
                home=self.home,
            )
            self._wait_until_ready(process, server, timeout, log_offset)
            return server

    def _wait_for_exit(self, pid: int, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while _pid_is_our_server(pid, self.home):
            if time.monotonic() > deadline:
                raise LocalNeo4jError(f"the local Neo4j (pid {pid}) neither answers nor exits")
            time.sleep(0.25)
        self.run_file.unlink(missing_ok=True)

    def stop(self, timeout: float = 60.0) -> bool:
        """SIGTERM the server and wait for a clean shutdown; True when one was running."""
        server = self.status()
        if server is None:
            self.run_file.unlink(missing_ok=True)
            return False
        os.kill(server.pid, signal.SIGTERM)
        child = _STARTED.pop(server.pid, None)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if child is not None and child.poll() is not None:
                break
            if child is None and not _pid_is_our_server(server.pid, self.home):
                break
            time.sleep(0.2)
        else:
            os.kill(server.pid, signal.SIGKILL)
            if child is not None:
                child.wait()
        self.run_file.unlink(missing_ok=True)
        return True

    # -- helpers ---------------------------------------------------------------------------------
    def _port(self) -> int:
        """The port of the last start when it is free (clients keep their URI), else a new one."""
        remembered = self.home / "run" / "port"
        if remembered.exists():
            port = int(remembered.read_text())
            with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
                # As Neo4j binds: the last run's connections in TIME_WAIT do not make it "in use".
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                try:
                    sock.bind(("127.0.0.1", port))
                except OSError:
                    port = _free_port()
        else:
            port = _free_port()
        remembered.write_text(str(port))
        return port

    def _write_conf(self, port: int) -> None:
        settings = {
            "server.default_listen_address": "127.0.0.1",
            "server.bolt.listen_address": f"127.0.0.1:{port}",
            "server.bolt.advertised_address": f"127.0.0.1:{port}",
            "server.http.enabled": "false",
            "server.https.enabled": "false",
            "dbms.security.auth_enabled": "true",
            "dbms.usage_report.enabled": "false",
            "server.memory.pagecache.size": self.pagecache,
            "db.tx_log.rotation.retention_policy": "2 files",
        }
        text = "".join(f"{key}={value}\n" for key, value in settings.items())
        (self.conf_dir / "neo4j.conf").write_text(text)

    def admin(self, *args: str) -> subprocess.CompletedProcess[str]:
        """Run `neo4j-admin` (the AdminTool of the same jars) on this home, e.g. an offline
        `database import full`. The server must be stopped for commands that need it."""
        lib = self.ensure_jars()
        if not (self.conf_dir / "neo4j.conf").exists():
            self.conf_dir.mkdir(parents=True, exist_ok=True)
            self._write_conf(self._port())
        env = {**os.environ, "NEO4J_HOME": str(self.home), "NEO4J_CONF": str(self.conf_dir)}
        return subprocess.run(  # noqa: S603 - fixed argv from the caller's own code
            [_tool("java"), *JVM_FLAGS, "-cp", f"{lib}/*", ADMIN_CLASS, *args],
            capture_output=True,
            text=True,
            env=env,
            cwd=self.home,
            check=False,
        )

    def _ensure_password(self) -> None:
        auth_store = self.home / "data" / "dbms" / "auth.ini"
        if self.password_file.exists() and auth_store.exists():
            return
        if auth_store.exists():
            raise LocalNeo4jError(
                f"{auth_store} exists but the password file {self.password_file} is gone; "
                f"delete {self.home} to start with a fresh local database"
            )
        # hex: never starts with "-", which the CLI reads as an option
        password = secrets.token_hex(24)
        self.password_file.touch(mode=0o600)
        self.password_file.write_text(password + "\n")
        # the password goes on the tool's command line, never into a log
        result = self.admin("dbms", "set-initial-password", password)
        if result.returncode != 0:
            self.password_file.unlink(missing_ok=True)
            raise LocalNeo4jError(f"set-initial-password failed: {result.stderr.strip()[-1000:]}")

    def _wait_until_ready(
        self, process: subprocess.Popen[bytes], server: LocalServer, timeout: float, log_offset: int
    ) -> None:
        deadline = time.monotonic() + timeout
        port = int(server.uri.rsplit(":", 1)[1])
        while time.monotonic() < deadline:
            if process.poll() is not None:
                _STARTED.pop(process.pid, None)
                self.run_file.unlink(missing_ok=True)
                raise LocalNeo4jError(
                    f"Neo4j exited with code {process.returncode} while starting; "
                    f"last lines of {self.console_log}:\n{self.log_tail()}"
                )
            if _port_answers(port) and b"Started." in self.console_log.read_bytes()[log_offset:]:
                return
            time.sleep(0.25)
        raise LocalNeo4jError(f"Neo4j did not answer within {timeout:.0f}s:\n{self.log_tail()}")

    def log_tail(self, lines: int = 20) -> str:
        """The last lines of the console log ("" without one)."""
        if not self.console_log.exists():
            return ""
        return "\n".join(self.console_log.read_text(errors="replace").splitlines()[-lines:])
