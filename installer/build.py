"""Build the one-folder bundle `dist/wingdesk/` (wingdesk + wingdesk-hq) on Linux or Windows.

    python installer/build.py            # compile the catalogs, run PyInstaller (clean), print size and file count

Run it with the Python of the environment WingDesk and PyInstaller are installed in (`pip install pyinstaller`).
On Windows the result is what installer/wingdesk.iss packs into the setup program.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "installer" / "wingdesk.spec"
CONSTRAINTS = ROOT / "constraints.txt"


def compile_catalogs() -> int:
    """The same compile step as the wheel build (installer/i18n.py): translations/*.po -> wingdesk/locale/*.mo."""
    spec = importlib.util.spec_from_file_location("wingdesk_installer_i18n", ROOT / "installer" / "i18n.py")
    i18n = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(i18n)
    count = i18n.compile_catalogs()
    print(f"build: compiled {count} catalogs into {i18n.PACKAGE_LOCALE}")
    return count


def pinned() -> dict[str, str]:
    """name -> version from constraints.txt (`name==version` lines; comments and markers ignored)."""
    pins = {}
    for line in CONSTRAINTS.read_text("utf-8").splitlines():
        line = line.split("#")[0].split(";")[0].strip()
        if "==" in line:
            name, _, version = line.partition("==")
            pins[re.sub(r"[-_.]+", "-", name.strip()).lower()] = version.strip()
    return pins


def check_pins() -> list[str]:
    """Installed distributions whose version differs from constraints.txt: a frozen build is reproducible only
    from the pinned set (installer/dev-setup.sh installs it)."""
    from importlib.metadata import distributions

    pins = pinned()
    wrong = []
    for dist in distributions():
        name = re.sub(r"[-_.]+", "-", dist.metadata["Name"] or "").lower()
        if name in pins and dist.version != pins[name]:
            wrong.append(f"{name} {dist.version} (constraints.txt: {pins[name]})")
    return sorted(set(wrong))


def run_pyinstaller(dist: Path, work: Path) -> None:
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        sys.exit("build: PyInstaller is not installed in this environment (pip install pyinstaller)")
    command = [sys.executable, "-m", "PyInstaller", "--clean", "--noconfirm", "--log-level", "WARN",
               "--distpath", str(dist), "--workpath", str(work), str(SPEC)]
    print("build: " + " ".join(command), flush=True)
    subprocess.run(command, cwd=ROOT, check=True)


def bundle_stats(folder: Path) -> tuple[int, int]:
    """(bytes, files) of a folder; symbolic links (PyInstaller makes a few on Linux) count as files of size 0."""
    total = files = 0
    for directory, _dirs, names in os.walk(folder):
        for name in names:
            stat = os.lstat(os.path.join(directory, name))
            files += 1
            if not os.path.islink(os.path.join(directory, name)):
                total += stat.st_size
    return total, files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="output folder (default: dist)")
    parser.add_argument("--work", type=Path, default=ROOT / "build", help="PyInstaller work folder (default: build)")
    parser.add_argument("--skip-catalogs", action="store_true", help="do not compile the catalogs")
    parser.add_argument("--unpinned", action="store_true",
                        help="build even when installed versions differ from constraints.txt (not for release)")
    args = parser.parse_args(argv)
    started = time.monotonic()
    wrong = check_pins()
    if wrong:
        print("build: installed versions differ from constraints.txt: " + "; ".join(wrong), file=sys.stderr)
        if not args.unpinned:
            print("build: run installer/dev-setup.sh (or pip install -c constraints.txt ...) first, "
                  "or pass --unpinned for a trial build", file=sys.stderr)
            return 1
    if not args.skip_catalogs:
        compile_catalogs()
    run_pyinstaller(args.dist, args.work)
    bundle = args.dist / "wingdesk"
    exe = ".exe" if os.name == "nt" else ""
    missing = [name for name in ("wingdesk", "wingdesk-hq") if not (bundle / f"{name}{exe}").is_file()]
    if missing:
        print(f"build: FAILED, missing {', '.join(missing)} in {bundle}", file=sys.stderr)
        return 1
    size, files = bundle_stats(bundle)
    print(f"build: {bundle} {size / 1e6:.1f} MB ({size / 2**20:.1f} MiB) in {files} files, "
          f"{time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
