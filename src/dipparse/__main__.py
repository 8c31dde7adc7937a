"""``python -m dipparse``: the command line."""

from dipparse.cli import main

raise SystemExit(main())
