"""Smoke test of the frozen bundle dist/wingdesk/ (Linux or Windows), run from the build environment.

    python installer/smoke_test.py [--bundle dist/wingdesk] [--timings 5] [--keep]

Checks, each against the frozen executables only:
  1. `wingdesk --help` (also in Serbian Cyrillic), `wingdesk --version` and `wingdesk-hq --help` work;
  2. `wingdesk --data TMP demo --no-gui` creates the demo wing and prints the nine demo accounts;
  3. the desktop application starts offscreen and shows the sign-in window (WINGDESK_SMOKE_EXIT_MS, see
     wingdesk/gui/smoke.py);
  4. upgrade: the bundle is "installed" in one folder with a wingdesk.ini naming a data folder outside it, a wing made
     with the previous schema (the bundle's last migration held back, as tests/integration/test_migrations.py does;
     if today's sources can no longer create a wing on the older schema, the sources from just before the newest
     migration was committed make it) lies
     in that data folder; the installation folder is replaced by the new bundle and `wingdesk --user admin user
     list` (no --data: the ini decides) opens the wing and migrates it to the bundle's schema. This step needs the
     WingDesk source tree (the build environment); it is skipped otherwise.

No network: every child gets proxy variables pointing at a closed local port, and on Linux, when `unshare -rn`
works, runs in an empty network namespace, so anything that tried to reach out would fail loudly.
Exit status 0 when every check passed. --timings N also prints start-up times (N runs each).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXE = ".exe" if os.name == "nt" else ""
ADMIN, ADMIN_PASS = "admin", "tidal-marble-furnace-quietly-47"
DEMO_ROLES = {"OFFICER", "SUPERVISOR", "TREATMENT", "SECURITY", "GOVERNOR", "ADMIN"}
SHOWN = "login window shown"


class SmokeFailure(AssertionError):
    pass


def _no_network_prefix() -> list[str]:
    if sys.platform.startswith("linux") and shutil.which("unshare"):
        probe = subprocess.run(["unshare", "-rn", "true"], capture_output=True, check=False)
        if probe.returncode == 0:
            return ["unshare", "-rn"]
    return []


_PREFIX: list[str] | None = None


def child_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("WINGDESK_", "PYTHON"))}
    dead = "http://127.0.0.1:9"  # discard port: a connection attempt fails at once
    env.update(HTTP_PROXY=dead, HTTPS_PROXY=dead, ALL_PROXY=dead, http_proxy=dead, https_proxy=dead,
               all_proxy=dead, NO_PROXY="", no_proxy="", QT_QPA_PLATFORM="offscreen", LANG="C.UTF-8")
    env.update(extra)
    return env


def run(bundle: Path, program: str, *args: str, stdin: str | None = None, timeout: float = 300,
        env: dict[str, str] | None = None, prefix: bool = True) -> subprocess.CompletedProcess[str]:
    global _PREFIX
    if _PREFIX is None:
        _PREFIX = _no_network_prefix()
    command = [*(_PREFIX if prefix else []), str(bundle / f"{program}{EXE}"), *args]
    return subprocess.run(command, input=stdin, capture_output=True, text=True, encoding="utf-8", errors="replace",
                          timeout=timeout, env=env or child_env(), check=False)


def expect(result: subprocess.CompletedProcess[str], what: str, needle: str | None = None) -> str:
    if result.returncode != 0 or (needle is not None and needle not in result.stdout):
        raise SmokeFailure(f"{what}: exit {result.returncode}\n--- stdout\n{result.stdout[-2000:]}\n"
                           f"--- stderr\n{result.stderr[-3000:]}")
    return result.stdout


# --- the checks ------------------------------------------------------------------------------------------------

def check_help(bundle: Path) -> None:
    expect(run(bundle, "wingdesk", "--help"), "wingdesk --help", "usage: wingdesk")
    expect(run(bundle, "wingdesk", "--version"), "wingdesk --version", "wingdesk ")
    expect(run(bundle, "wingdesk", "--lang", "sr", "--help"), "wingdesk --lang sr --help", "употреба: wingdesk")
    expect(run(bundle, "wingdesk-hq", "--help"), "wingdesk-hq --help", "usage: wingdesk-hq")


def check_demo(bundle: Path, data: Path) -> Path:
    out = expect(run(bundle, "wingdesk", "--data", str(data), "demo", "--no-gui"), "wingdesk demo --no-gui")
    accounts = [line.split() for line in out.splitlines() if line.strip()]
    if len(accounts) != 9 or {a[0] for a in accounts} != DEMO_ROLES or any(len(a) != 3 for a in accounts):
        raise SmokeFailure(f"demo accounts not as expected:\n{out}")
    print(out.rstrip())
    return data / "demo-wing"


def check_gui(bundle: Path, wing: Path, exit_ms: int = 3000) -> float:
    started = time.perf_counter()
    result = run(bundle, "wingdesk", "--data", str(wing), "gui", timeout=120,
                 env=child_env(WINGDESK_SMOKE_EXIT_MS=str(exit_ms)))
    elapsed = time.perf_counter() - started
    expect(result, "GUI offscreen", SHOWN)
    return elapsed


def bundled_schema(bundle: Path) -> int:
    """The newest migration inside the bundle (the sources may have moved on since it was built)."""
    names = (bundle / "_internal" / "wingdesk" / "storage" / "migrations").glob("[0-9][0-9][0-9][0-9]_*.sql")
    versions = [int(path.name[:4]) for path in names]
    if not versions:
        raise SmokeFailure("the bundle holds no schema migrations (wingdesk/storage/migrations/*.sql)")
    return max(versions)


# Runs in a child Python with PYTHONPATH=<a WingDesk source tree>: creates a wing whose migrations stop at `cap`
# (what the previous program would have made, as tests/integration/test_migrations.py simulates) and prints the
# schema version found on disk.
_MAKE_OLD_WING = """
import sys
from pathlib import Path
from wingdesk.storage import migrations
from wingdesk.storage.backend import LocalWing
folder, user, passphrase, cap = Path(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4])
original = migrations.migrate
def older_program(conn, target=None):
    return original(conn, target=cap if target is None else min(target, cap))
migrations.migrate = older_program
LocalWing(folder).create("B", "Smoke prison", user, "Smoke Admin", passphrase)
"""

# Reads the schema version of a wing without migrating it (vault level: slot -> data key -> database).
_SCHEMA_ON_DISK = """
import sys
from pathlib import Path
from wingdesk.services.users import passphrase_bytes
from wingdesk.storage import migrations
from wingdesk.storage.vault import SLOT_FILE, SlotFile, WingVault
folder = Path(sys.argv[1])
secrets, db = WingVault(folder)._open_with(SlotFile.load(folder / SLOT_FILE), sys.argv[2],
                                           bytes(passphrase_bytes(sys.argv[3])))
print(migrations.current_version(db.conn))
db.close()
"""


def _python(source_root: Path, code: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("WINGDESK_", "PYTHON"))}
    env["PYTHONPATH"] = str(source_root)
    # cwd=source_root: `python -c` puts the working folder first on sys.path, ahead of PYTHONPATH.
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=env,
                          cwd=source_root, timeout=300, check=False)


def _git(*args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True, timeout=120, check=False)


def _previous_program_sources(tmp: Path, newest: int) -> Path | None:
    """The sources as they were just before the bundle's newest migration was added (the previous program),
    exported with `git archive`; None without git or history."""
    name = next((p.name for p in (ROOT / "wingdesk" / "storage" / "migrations").glob(f"{newest:04d}_*.sql")), None)
    try:
        revision = "HEAD"
        if name and _git("cat-file", "-e", f"HEAD:wingdesk/storage/migrations/{name}").returncode == 0:
            added = _git("rev-list", "-1", "HEAD", "--", f"wingdesk/storage/migrations/{name}").stdout.decode().strip()
            revision = f"{added}^"
        # resources/ sat beside the package before it became package data (wingdesk/resources).
        paths = [path for path in ("wingdesk", "resources")
                 if _git("cat-file", "-e", f"{revision}:{path}").returncode == 0]
        archive = _git("archive", "--format=tar", revision, *paths)
    except (OSError, subprocess.TimeoutExpired):
        return None
    if archive.returncode != 0:
        return None
    import io
    import tarfile

    target = tmp / "previous-sources"
    target.mkdir(parents=True, exist_ok=True)
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(target, filter="data")
    return target


def schema_on_disk(folder: Path, source_root: Path = ROOT) -> int:
    result = _python(source_root, _SCHEMA_ON_DISK, str(folder), ADMIN, ADMIN_PASS)
    if result.returncode != 0:
        raise SmokeFailure(f"could not read the schema version of {folder}:\n{result.stderr[-2000:]}")
    return int(result.stdout.strip())


def make_previous_wing(data: Path, newest: int, tmp: Path) -> tuple[int, Path]:
    """A wing at schema newest-1 made with today's sources; when today's code already needs the newest schema to
    create a wing, the last committed sources (the previous program) make it instead, at whatever schema they had."""
    result = None
    for source in (ROOT, None):
        source = source or _previous_program_sources(tmp, newest)
        if source is None:
            break
        if data.exists():
            shutil.rmtree(data)
        result = _python(source, _MAKE_OLD_WING, str(data), ADMIN, ADMIN_PASS, str(newest - 1))
        if result.returncode == 0:
            return schema_on_disk(data, source), source
    raise SmokeFailure(f"upgrade: could not create a wing with the previous schema:\n"
                       f"{result.stderr[-2000:] if result else 'no git checkout'}")


def bundle_schema_ok(before: int, newest: int) -> None:
    if not before < newest:
        raise SmokeFailure(f"upgrade: the old wing has schema {before}, not older than the bundle's {newest}")


def install(bundle: Path, program_dir: Path, data: Path) -> None:
    """What the Windows installer does: replace the program files, write wingdesk.ini; the data stay put."""
    if program_dir.exists():
        shutil.rmtree(program_dir)
    shutil.copytree(bundle, program_dir, symlinks=True)
    (program_dir / "wingdesk.ini").write_text(f"; written by the installer\n[WingDesk]\ndata_dir={data}\n",
                                              encoding="utf-8")


def check_upgrade(bundle: Path, tmp: Path) -> tuple[int, int]:
    if not (ROOT / "wingdesk" / "storage" / "migrations").is_dir():
        print("upgrade: skipped (no WingDesk source tree next to this script)")
        return (0, 0)
    program_dir, data = tmp / "Program Files" / "WingDesk", tmp / "ProgramData" / "WingDesk"
    newest = bundled_schema(bundle)
    install(bundle, program_dir, data)  # the previous version's installation
    before, made_by = make_previous_wing(data, newest, tmp)
    bundle_schema_ok(before, newest)
    install(bundle, program_dir, data)  # the upgrade replaces the whole program folder
    if data.resolve().is_relative_to(program_dir.resolve()):
        raise SmokeFailure("upgrade: the data folder is inside the program folder")
    out = expect(run(program_dir, "wingdesk", "--user", ADMIN, "--password-stdin", "user", "list",
                     stdin=ADMIN_PASS + "\n"), "upgrade: wingdesk user list", ADMIN)
    after = schema_on_disk(data)
    if after != newest:
        raise SmokeFailure(f"upgrade: schema {after} after opening, expected {newest}")
    origin = "today's sources" if made_by == ROOT else "the previous program's sources (git)"
    print(f"upgrade: wing at schema {before} (made by {origin}) in {data} opened by the installed program "
          f"(data folder from wingdesk.ini) and migrated to {after}")
    print(out.rstrip())
    return before, after


def timings(bundle: Path, wing: Path, runs: int) -> dict[str, list[float]]:
    results: dict[str, list[float]] = {"wingdesk --help": [], "GUI to sign-in window": []}
    for _ in range(runs):
        started = time.perf_counter()
        expect(run(bundle, "wingdesk", "--help", prefix=False), "--help")
        results["wingdesk --help"].append(time.perf_counter() - started)
        results["GUI to sign-in window"].append(check_gui(bundle, wing, exit_ms=0))
    for name, values in results.items():
        print(f"timing: {name}: median {statistics.median(values):.3f} s, min {min(values):.3f} s "
              f"over {runs} runs")
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Smoke test of the frozen WingDesk bundle.")
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / "wingdesk")
    parser.add_argument("--timings", type=int, default=0, metavar="N", help="also time start-up, N runs each")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args(argv)
    bundle = args.bundle.resolve()
    if not (bundle / f"wingdesk{EXE}").is_file():
        print(f"smoke: no bundle at {bundle}; run python installer/build.py first", file=sys.stderr)
        return 2
    tmp = Path(tempfile.mkdtemp(prefix="wingdesk-smoke-"))
    global _PREFIX
    _PREFIX = _no_network_prefix()
    print(f"smoke: {bundle}; network {'namespace: none' if _PREFIX else 'blocked by proxy variables only'}")
    try:
        check_help(bundle)
        print("ok: wingdesk --help, wingdesk-hq --help")
        wing = check_demo(bundle, tmp / "data")
        print("ok: demo wing created")
        elapsed = check_gui(bundle, wing)
        print(f"ok: {SHOWN} (offscreen, {elapsed:.1f} s including the 3 s display)")
        check_upgrade(bundle, tmp / "upgrade")
        print("ok: upgrade keeps the data folder and migrates the previous schema")
        if args.timings:
            timings(bundle, wing, args.timings)
    except (SmokeFailure, subprocess.TimeoutExpired) as failure:
        print(f"smoke: FAILED: {failure}", file=sys.stderr)
        return 1
    finally:
        if args.keep:
            print(f"smoke: kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    print("smoke: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
