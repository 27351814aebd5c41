"""`python -m data_loaders`: the command line (see data_loaders.cli)."""

from data_loaders.cli import main

raise SystemExit(main())
