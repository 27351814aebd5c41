"""Run every benchmark and print its figures: `python -m bench [data|pages] [--scale N ...]`."""

from __future__ import annotations

import argparse

from bench import data_bench


def main() -> None:
    """Parse the command line and run the chosen benchmarks."""
    parser = argparse.ArgumentParser(description="ICC dashboard benchmarks (figures, no asserts)")
    parser.add_argument("which", nargs="*", default=["data", "pages"], choices=["data", "pages"])
    parser.add_argument("--scale", type=int, nargs="*", default=[1, 10, 100])
    args = parser.parse_args()
    if "data" in args.which:
        data_bench.run(args.scale)
    if "pages" in args.which:
        from bench import pages_bench

        pages_bench.run()


if __name__ == "__main__":
    main()
