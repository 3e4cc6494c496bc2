"""PyInstaller entry point for `wingdesk` (the wing application and its command line)."""

import os
import sys


def _arm_smoke_exit() -> None:
    """Only when WINGDESK_SMOKE_EXIT_MS is set (installer/smoke_test.py): hook the auto-exit into the QApplication.

    A bridge until wingdesk/gui/application.py calls install_smoke_exit(app) itself; install_smoke_exit is
    idempotent, so both together are harmless.
    """
    if not os.environ.get("WINGDESK_SMOKE_EXIT_MS"):
        return
    try:
        from wingdesk.gui import application
        from wingdesk.gui.smoke import install_smoke_exit
    except ImportError:
        return
    original = application.make_app

    def make_app():  # noqa: ANN202 - same signature as the wrapped function
        app = original()
        install_smoke_exit(app)
        return app

    application.make_app = make_app


if __name__ == "__main__":
    _arm_smoke_exit()
    from wingdesk.app import main

    sys.exit(main())
