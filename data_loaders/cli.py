"""The command line: `python -m data_loaders init | import | export | status`.

Exit status: 0 done; 1 the input was refused (nothing written) or the database cannot be
used; 2 wrong usage.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import TextIO

from sqlalchemy.exc import OperationalError, SQLAlchemyError

from data_loaders import datasets, db, importer, queries, settings
from data_loaders.export import export_dataset
from data_loaders.problems import format_problems, printable
from data_loaders.validate import UsageError

EXIT_OK = 0
EXIT_REFUSED = 1
EXIT_USAGE = 2
RECENT_IMPORTS = 10
SOURCES_SHOWN = 160  # characters of an import's sources that `status` prints


_KIND_HELP = f"one of: {', '.join(datasets.KINDS)}"


def _kind(text: str) -> str:
    """A KIND as the registry names it (its aliases accepted); wrong usage otherwise."""
    dataset = datasets.find(text)
    if dataset is None:
        raise argparse.ArgumentTypeError(f"unknown dataset {text!r} ({_KIND_HELP})")
    return dataset.name


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every command."""
    # --db is accepted before or after the command; SUPPRESS keeps the sub-parser from
    # overwriting a value given before it.
    db_option = argparse.ArgumentParser(add_help=False)
    db_option.add_argument(
        "--db",
        metavar="URL",
        default=argparse.SUPPRESS,
        help="SQLAlchemy database URL (default: DATABASE_URL, else the project's SQLite file)",
    )
    parser = argparse.ArgumentParser(
        prog="python -m data_loaders",
        description="Load, export and inspect the data of the ICC network dashboard.",
    )
    parser.add_argument("--db", metavar="URL", default=None, help=argparse.SUPPRESS)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    init = commands.add_parser("init", parents=[db_option], help="create the schema")
    which = init.add_mutually_exclusive_group()
    which.add_argument(
        "--sample", action="store_true", help="load the bundled sample data (the default)"
    )
    which.add_argument("--empty", action="store_true", help="only create the schema")
    which.add_argument(
        "--synthetic",
        metavar="N",
        type=int,
        help="an illustrative network of N synthetic cities (benchmarks; empty database only)",
    )
    init.add_argument("--seed", type=int, default=0, help="seed of --synthetic (default 0)")

    imp = commands.add_parser(
        "import", parents=[db_option], help="validate files, then write all or nothing"
    )
    imp.add_argument("kind", metavar="KIND", type=_kind, help=_KIND_HELP)
    imp.add_argument("files", metavar="FILE", nargs="+", help="CSV or XLSX files")
    imp.add_argument("--dry-run", action="store_true", help="validate and count, write nothing")
    imp.add_argument(
        "--platform", metavar="NAME", help="platform of a followers sheet without that column"
    )

    exp = commands.add_parser(
        "export", parents=[db_option], help="write a dataset to .csv or .xlsx"
    )
    exp.add_argument("kind", metavar="KIND", type=_kind, help=_KIND_HELP)
    exp.add_argument("file", metavar="FILE", help="where to write (.csv or .xlsx)")

    commands.add_parser(
        "status", parents=[db_option], help="datasets, row counts, last imports and sources"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; the exit status."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse: --help (0) or wrong usage (2)
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    url = settings.database_url(args.db)
    try:
        if args.command == "init" and args.synthetic is not None:
            return _init_synthetic(url, args.synthetic, args.seed)
        if args.command == "init":
            return _init(url, sample=not args.empty)
        if args.command == "import":
            return _import(args, url)
        if args.command == "export":
            return _export(args, url)
        return _status(url)
    except UsageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except db.DatabaseUnavailable as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_REFUSED
    except OperationalError as exc:
        print(
            f"error: cannot use database {db.safe_url(url)}: {db.first_line(exc)}", file=sys.stderr
        )
        return EXIT_REFUSED
    except SQLAlchemyError as exc:
        print(f"error: database {db.safe_url(url)}: {db.first_line(exc)}", file=sys.stderr)
        return EXIT_REFUSED


def _init(url: str, *, sample: bool) -> int:
    db.init_schema(url)
    print(f"schema ready in {db.safe_url(url)}")
    if not sample:
        return EXIT_OK
    try:
        counts = importer.load_sample(url)
    except importer.ImportRefused as exc:
        _print_lines(format_problems(exc.report.problems), sys.stderr)
        return EXIT_REFUSED
    if not counts:
        print("no bundled sample files found", file=sys.stderr)
    for kind, c in counts.items():
        print(f"sample {kind}: {c['new']} new, {c['updated']} updated, {c['unchanged']} unchanged")
    return EXIT_OK


def _init_synthetic(url: str, n: int, seed: int) -> int:
    from data_loaders import synthetic

    try:
        counts = synthetic.load_synthetic(
            url, n, seed, progress=lambda line: print(line, file=sys.stderr, flush=True)
        )
    except synthetic.SyntheticRefused as exc:
        _print_lines(format_problems(exc.problems), sys.stderr)
        return EXIT_REFUSED
    for kind, count in counts.items():
        print(f"synthetic {kind}: {count} new")
    return EXIT_OK


def _import(args: argparse.Namespace, url: str) -> int:
    report = importer.import_files(
        args.kind,
        args.files,
        url=url,
        dry_run=args.dry_run,
        platform=args.platform,
        progress=lambda line: print(line, file=sys.stderr, flush=True),
    )
    for warning in report.warnings:
        print(f"warning: {printable(warning)}", file=sys.stderr)
    if not report.ok:
        _print_lines(format_problems(report.problems), sys.stderr)
        count = len(report.problems)
        print(
            f"refused: {count} problem{'s' if count != 1 else ''}; nothing was written",
            file=sys.stderr,
        )
        return EXIT_REFUSED
    prefix = "would write: " if args.dry_run else ""
    for f in report.files:
        print(f"{printable(f.file)}: {prefix}{f.summary()}")
    if args.dry_run:
        print("dry run: nothing was written")
    return EXIT_OK


def _export(args: argparse.Namespace, url: str) -> int:
    if not args.file.lower().endswith((".csv", ".xlsx")):
        raise UsageError(f"{args.file}: the file name must end in .csv or .xlsx")
    try:
        count = export_dataset(args.kind, args.file, url)
    except OSError as exc:
        print(f"error: cannot write {args.file}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_REFUSED
    print(f"{args.file}: {count} rows of {args.kind}")
    return EXIT_OK


def _status(url: str) -> int:
    counts = importer.dataset_counts(url)
    by_status = queries.value_status_counts(url)
    print(f"database: {db.safe_url(url)} (data version {db.data_version(url)})")
    print("datasets:")
    for kind, count in counts.items():
        statuses = by_status.get(kind, {})
        values = ", ".join(f"{n:,} {status}" for status, n in statuses.items() if n)
        print(f"  {kind:<16} {count:>8,} rows" + (f"; values: {values}" if values else ""))
    records = importer.recent_imports(url, RECENT_IMPORTS)
    print("last imports:" if records else "last imports: none")
    for r in records:
        print(
            f"  {r.at:%Y-%m-%d %H:%M} UTC  {r.kind:<15} {printable(r.file_name)}  "
            f"sha256 {r.sha256[:12]}  "
            f"{r.rows_new} new, {r.rows_updated} updated, {r.rows_unchanged} unchanged"
            + (f", {r.warnings} warning{'s' if r.warnings != 1 else ''}" if r.warnings else "")
        )
        if r.sources:
            print(f"      sources: {printable(_shorten(r.sources))}")
    return EXIT_OK


def _shorten(sources: str) -> str:
    """An import's "; "-joined sources, cut to one readable line."""
    if len(sources) <= SOURCES_SHOWN:
        return sources
    return f"{sources[:SOURCES_SHOWN].rstrip()}... (see `export` for each row's source)"


def _print_lines(lines: list[str], stream: TextIO) -> None:
    for line in lines:
        print(line, file=stream)
