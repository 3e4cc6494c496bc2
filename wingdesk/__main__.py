"""`python -m wingdesk`: run the wing command."""

from wingdesk.app import main

raise SystemExit(main())
