"""Keep decrypted records and keys out of crash dumps.

A native crash (Qt, SQLCipher) would otherwise let the system write the process's memory to disk - the open
database key, decrypted notes - where no encryption covers it (security.md: Python cannot wipe secrets, so
they must not be copied out). Linux: no core file (RLIMIT_CORE 0) and not dumpable (PR_SET_DUMPABLE 0, which also
stops other processes of the same user from attaching to read memory). Windows: no error-reporting dialog and
the executable is excluded from Windows Error Reporting, which would otherwise collect a dump. Best effort:
each step that the system refuses is skipped; what took is returned for the log.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import sys

_PR_SET_DUMPABLE = 4
_SEM_FAILCRITICALERRORS, _SEM_NOGPFAULTERRORBOX = 0x0001, 0x0002


def forbid_core_dumps() -> list[str]:
    """Apply what this system offers; returns the names of the protections now in force."""
    if sys.platform.startswith("linux"):
        return _linux()
    if sys.platform == "win32":
        return _windows()
    return _posix_rlimit()


def _posix_rlimit() -> list[str]:
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    except (ImportError, ValueError, OSError):
        return []
    return ["rlimit_core"]


def _linux() -> list[str]:
    done = _posix_rlimit()
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        if libc.prctl(_PR_SET_DUMPABLE, 0, 0, 0, 0) == 0:
            done.append("not_dumpable")
    except (OSError, AttributeError):
        pass
    return done


def _windows() -> list[str]:  # pragma: no cover - exercised on the Windows build
    done = []
    try:
        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
        kernel32.SetErrorMode(_SEM_FAILCRITICALERRORS | _SEM_NOGPFAULTERRORBOX)
        done.append("no_fault_dialog")
        wer = ctypes.windll.wer  # type: ignore[attr-defined]
        if wer.WerAddExcludedApplication(ctypes.c_wchar_p(os.path.basename(sys.executable)), False) == 0:
            done.append("wer_excluded")
    except (OSError, AttributeError):
        pass
    return done
