"""`python -m data_loaders`: the command line (see data_loaders.cli)."""

import os
import sys

from data_loaders.cli import main

try:
    code = main()
    sys.stdout.flush()
except BrokenPipeError:  # output piped into `head` and the like: stop quietly
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    code = 0
raise SystemExit(code)
