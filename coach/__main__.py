"""`python -m coach` hands over to the `coach` command."""

from flows.cli import main

raise SystemExit(main())
