"""`python -m bench [--quick] [--scale 1 100] [--label NAME] [--no-load]`: the issue-7 table.

`python -m bench data [--scale ...]` and `python -m bench pages` keep the older single
benchmarks (query layer read times; draw times against the sample).
"""

from __future__ import annotations

import argparse
import sys


def main() -> None:
    """Parse the command line and run the chosen benchmarks."""
    if len(sys.argv) > 1 and sys.argv[1] in ("data", "pages"):
        parser = argparse.ArgumentParser(prog="python -m bench")
        parser.add_argument("which", nargs="+", choices=["data", "pages"])
        parser.add_argument("--scale", type=int, nargs="*", default=[1, 10, 100])
        args = parser.parse_args()
        if "data" in args.which:
            from bench import data_bench

            data_bench.run(args.scale)
        if "pages" in args.which:
            from bench import pages_bench

            pages_bench.run()
        return
    parser = argparse.ArgumentParser(
        prog="python -m bench", description="ICC dashboard benchmarks against their floors"
    )
    parser.add_argument("--quick", action="store_true", help="a few minutes: fewer repeats")
    parser.add_argument("--scale", type=int, nargs="*", default=[1, 100], choices=[1, 100])
    parser.add_argument("--label", default="run", help="results file bench/results/LABEL.json")
    parser.add_argument("--no-load", action="store_true", help="skip the gunicorn load tests")
    args = parser.parse_args()
    from bench import suite

    suite.run(args.scale, args.quick, args.label, load=not args.no_load)


if __name__ == "__main__":
    main()
