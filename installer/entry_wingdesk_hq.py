"""PyInstaller entry point for `wingdesk-hq` (headquarters' command line)."""

import sys

from wingdesk.hq.cli import main

if __name__ == "__main__":
    sys.exit(main())
