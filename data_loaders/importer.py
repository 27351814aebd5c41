"""Import: read and validate every file of a command, then write all of it in one transaction.

Nothing is written while any file has a problem. Rows are matched on their key (names
folded with `vocab.norm_key`) and counted as new, updated or unchanged; a column the file
does not carry leaves the stored value as it is; every import is recorded with its SHA-256.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Connection, Engine, bindparam, func, insert, select, text, update
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from data_loaders import datasets, db, readers, settings, vocab
from data_loaders.datasets import ROW_STATUS, Dataset
from data_loaders.problems import Problem
from data_loaders.schema import MODELS, City, ImportRecord
from data_loaders.validate import Parsed, UsageError, parse_date, validate_rows
from data_loaders.vocab import norm_key

SAMPLE_DIR = Path(__file__).resolve().parent / "sample"
# Cities first: index rows and network members must find their city.
SAMPLE_ORDER: tuple[str, ...] = datasets.import_order()
PROGRESS_EVERY = 5_000
WRITE_CHUNK = 2_000  # rows per executemany
GAZETTEER_SOURCE = "gazetteer:"
# The advisory lock every import holds on PostgreSQL (an arbitrary, fixed number).
IMPORT_LOCK_ID = 0x1CC_1D0
# How long (ms) an import waits for another to finish on SQLite.
SQLITE_LOCK_WAIT_MS = 600_000

__all__ = [
    "FileReport",
    "ImportRefused",
    "ImportReport",
    "UsageError",
    "ensure_database",
    "import_files",
    "load_sample",
]


@dataclass
class FileReport:
    """What one file of an import did (or would do, in a dry run)."""

    file: str
    kind: str
    sha256: str = ""
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0  # rows left out on purpose (e.g. followers not recorded)
    warnings: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)

    @property
    def rows(self) -> int:
        """Rows matched or written."""
        return self.new + self.updated + self.unchanged

    def summary(self) -> str:
        """One line: `N new, N updated, N unchanged`."""
        text = f"{self.new} new, {self.updated} updated, {self.unchanged} unchanged"
        return f"{text}, {self.skipped} skipped" if self.skipped else text


@dataclass
class ImportReport:
    """The outcome of one import command: per-file counts, warnings, and every problem."""

    files: list[FileReport] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    dry_run: bool = False
    written: bool = False
    data_version: int | None = None  # the new version when the import changed anything

    @property
    def ok(self) -> bool:
        """True when no file had a problem."""
        return not self.problems

    @property
    def changed(self) -> bool:
        """True when rows were (or, in a dry run, would be) added or updated."""
        return any(f.new or f.updated for f in self.files)

    @property
    def warnings(self) -> list[str]:
        """The warnings of every file."""
        return [w for f in self.files for w in f.warnings]


class ImportRefused(Exception):
    """Raised by load_sample when a bundled file has problems (a bug of the sample)."""

    def __init__(self, report: ImportReport) -> None:
        super().__init__(f"{len(report.problems)} problems, e.g. {report.problems[0]}")
        self.report = report


def import_files(
    kind: str,
    paths: Iterable[Path | str],
    *,
    url: str | None = None,
    dry_run: bool = False,
    platform: str | None = None,
    progress: Callable[[str], None] | None = None,
) -> ImportReport:
    """Validate every file, then import all of them in one transaction, or nothing.

    Raises UsageError (a followers sheet without platform and no `platform`, an unknown
    KIND) and db.DatabaseUnavailable (the database cannot be opened or reached).
    """
    dataset = datasets.find(kind)
    if dataset is None:
        raise UsageError(f"unknown dataset {kind!r} (one of: {', '.join(datasets.KINDS)})")
    kind = dataset.name
    if isinstance(paths, str | Path):
        paths = [paths]
    items = [(kind, Path(p), str(p)) for p in paths]
    return _run(items, url=url, dry_run=dry_run, platform=platform, progress=progress)


def load_sample(url: str | None = None) -> dict:
    """Import the bundled sample files that exist, in dependency order, in one transaction.

    Returns {kind: {"new", "updated", "unchanged", "warnings"}}; ImportRefused on problems.
    """
    items = [
        (kind, SAMPLE_DIR / f"{kind}.csv", f"sample/{kind}.csv")
        for kind in SAMPLE_ORDER
        if (SAMPLE_DIR / f"{kind}.csv").is_file()
    ]
    report = _run(items, url=url, dry_run=False, platform=None, progress=None)
    if not report.ok:
        raise ImportRefused(report)
    return {
        f.kind: {
            "new": f.new,
            "updated": f.updated,
            "unchanged": f.unchanged,
            "warnings": len(f.warnings),
        }
        for f in report.files
    }


def ensure_database(url: str | None = None, sample: bool = True) -> bool:
    """Create the schema; load the sample if asked and there is no city at all (True if so)."""
    engine = db.init_schema(url)
    if not sample:
        return False
    try:
        with Session(engine) as session:
            if session.scalar(select(City.id).limit(1)) is not None:
                return False
        if not any((SAMPLE_DIR / f"{kind}.csv").is_file() for kind in SAMPLE_ORDER):
            return False
        load_sample(url)
    except IntegrityError:
        # Another worker started at the same moment and loaded the sample first.
        return False
    except OperationalError as exc:
        raise _unavailable(engine, exc) from exc
    return True


def dataset_counts(url: str | None = None) -> dict[str, int]:
    """Rows per dataset, in the registry's order."""
    engine = db.init_schema(url)
    try:
        with Session(engine) as session:
            return {
                kind: session.scalar(select(func.count()).select_from(model)) or 0
                for kind, model in MODELS.items()
            }
    except OperationalError as exc:
        raise _unavailable(engine, exc) from exc


def recent_imports(url: str | None = None, limit: int = 10) -> list[ImportRecord]:
    """The last `limit` imports, newest first."""
    engine = db.init_schema(url)
    try:
        with Session(engine, expire_on_commit=False) as session:
            query = select(ImportRecord).order_by(ImportRecord.id.desc()).limit(limit)
            return list(session.scalars(query))
    except OperationalError as exc:
        raise _unavailable(engine, exc) from exc


# ---- inside ----


def _unavailable(engine, exc: Exception) -> db.DatabaseUnavailable:
    return db.DatabaseUnavailable(
        f"cannot use database {db.safe_url(str(engine.url))}: {db.first_line(exc)}"
    )


def _run(
    items: list[tuple[str, Path, str]],
    *,
    url: str | None,
    dry_run: bool,
    platform: str | None,
    progress: Callable[[str], None] | None,
) -> ImportReport:
    """Validate and write all items (kind, path, name as given) in one transaction.

    Rows are written as they are validated, so that a big file is never held whole in
    memory; the first problem stops the writing (the rest is still checked, so that every
    problem is reported) and the transaction is rolled back: nothing is written.
    """
    engine = db.init_schema(url)
    report = ImportReport(dry_run=dry_run)
    try:
        with (
            _locked(engine) as connection,
            Session(bind=connection, expire_on_commit=False, autoflush=False) as session,
        ):
            known = _stored_cities(session)
            for kind, path, name in items:
                parsed, records, sha = _read_and_validate(kind, path, name, known, platform)
                file_report = FileReport(file=name, kind=kind, sha256=sha)
                report.files.append(file_report)
                records = _remember_cities(kind, records, known)
                try:
                    if report.problems or parsed.problems:
                        for _ in records:  # every problem of the file, nothing written
                            pass
                    else:
                        _apply(session, parsed, records, file_report, progress)
                except readers.ReadError as exc:
                    parsed.problems.append(Problem(name, 0, "", f"the file {exc}"))
                report.problems.extend(parsed.problems)
                file_report.skipped = parsed.skipped
                file_report.warnings[:0] = parsed.warnings
            if report.problems:
                session.rollback()
                for file_report in report.files:
                    file_report.new = file_report.updated = file_report.unchanged = 0
                return report
            if dry_run:
                session.rollback()
                return report
            for file_report in report.files:
                session.add(_record(file_report))
            if report.changed:
                report.data_version = db.bump_data_version(session)
            session.commit()
            connection.commit()  # the lock's transaction, begun before the session joined it
            report.written = True
    except IntegrityError as exc:
        # Only a writer that does not take the import lock can get here (an older release).
        report.problems.append(
            Problem(
                report.files[-1].file if report.files else "",
                0,
                "",
                f"conflicts with rows written meanwhile, nothing was written: {db.first_line(exc)}",
            )
        )
        report.written = False
    except OperationalError as exc:
        raise _unavailable(engine, exc) from exc
    return report


def _remember_cities(
    kind: str, records: Iterator[dict], known: dict[tuple[str, str], str]
) -> Iterator[dict]:
    """Records passed on; a dataset of cities adds each to `known` for the later files."""
    if not datasets.get(kind).gazetteer:
        yield from records
        return
    for rec in records:
        known.setdefault((rec["country"], norm_key(rec["city"])), rec["city"])
        yield rec


@contextmanager
def _locked(engine: Engine) -> Iterator[Connection]:
    """A connection in a transaction that holds the import lock: imports run one at a time.

    PostgreSQL: a transaction-level advisory lock; SQLite: BEGIN IMMEDIATE (the write lock
    from the start, so that two imports never read the same rows and both insert them).
    A dry run takes it too: it writes, then rolls back.
    """
    with engine.connect() as connection:
        if engine.dialect.name == "sqlite":
            connection.exec_driver_sql(f"PRAGMA busy_timeout={SQLITE_LOCK_WAIT_MS}")
            try:
                connection.exec_driver_sql("BEGIN IMMEDIATE")
                yield connection
            finally:
                connection.exec_driver_sql("PRAGMA busy_timeout=10000")
            return
        if engine.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:id)"), {"id": IMPORT_LOCK_ID})
        yield connection


def _stored_cities(session: Session) -> dict[tuple[str, str], str]:
    """(country, folded name) -> the stored spelling, for every city on file."""
    rows = session.execute(select(City.country, City.city))
    return {(country, norm_key(city)): city for country, city in rows}


def _read_and_validate(
    kind: str,
    path: Path,
    name: str,
    known: dict[tuple[str, str], str],
    platform: str | None,
) -> tuple[Parsed, Iterator[dict], str]:
    """A file read, its header checked and its records to come; its SHA-256 ("" unread)."""
    limit = max_import_bytes()
    try:
        size = path.stat().st_size
    except OSError:
        size = 0  # read_bytes says why it cannot be read
    if size > limit:
        message = (
            f"is {size / 2**20:,.1f} MB, over the import limit of {limit / 2**20:,.0f} MB "
            "(setting ICC_MAX_IMPORT_MB): split it, or raise the limit"
        )
        return _refused(kind, name, readers.ReadError(message)), iter(()), ""
    try:
        data = readers.read_bytes(path)
    except readers.ReadError as exc:
        return _refused(kind, name, exc), iter(()), ""
    sha = hashlib.sha256(data).hexdigest()
    try:
        if datasets.get(kind).platform_option and not readers.is_xlsx_name(path) and data.strip():
            text = readers.decode_text(data)
            del data
            native = _parse_native(path, text, platform)
            if native is not None:
                parsed = _from_native(native, name, platform)
                return parsed, iter(parsed.records), sha
            table = readers.parse_csv_text(text, name, lazy=True)
        else:
            table = readers.table_from_bytes(data, path, kind, name, lazy=True)
    except readers.ReadError as exc:
        return _refused(kind, name, exc), iter(()), sha
    checks_cities = datasets.get(kind).city_on_file
    parsed, records = validate_rows(
        kind, table, known_cities=known if checks_cities else None, platform=platform
    )
    return parsed, records, sha


def max_import_bytes() -> int:
    """The largest file an import reads (ICC_MAX_IMPORT_MB), in bytes."""
    try:
        megabytes = float(settings.get("ICC_MAX_IMPORT_MB"))
    except ValueError:
        raise UsageError("ICC_MAX_IMPORT_MB must be a number of megabytes") from None
    return int(megabytes * 2**20)


def _refused(kind: str, name: str, exc: Exception) -> Parsed:
    return Parsed(kind=kind, file=name, problems=[Problem(name, 0, "", f"the file {exc}")])


def _parse_native(path: Path, text: str, platform: str | None):
    """social.parse_native when that module exists; None (read as canonical) otherwise."""
    try:
        from data_loaders.social import parse_native
    except ModuleNotFoundError as exc:
        if exc.name != "data_loaders.social":
            raise
        return None
    return parse_native(path, text, platform)


def _from_native(native, name: str, platform: str | None) -> Parsed:
    """A native social-media export as validated followers records."""
    parsed = Parsed(kind="followers", file=name, merge_source=True)
    parsed.problems.extend(native.problems)
    parsed.warnings.extend(w if w.startswith(name) else f"{name}: {w}" for w in native.warnings)
    parsed.present = {"platform", "date", "source"} | (
        set(native.columns) & {"followers", "net_change"}
    )
    seen: dict[tuple, int] = {}
    for raw in native.records:
        rec = {k: v for k, v in raw.items() if k != "line"}
        rec["_line"] = line = raw["line"]
        if not rec.get("platform"):
            if platform is None:
                raise UsageError(
                    f"{name}: the export does not say its platform: give it with --platform NAME"
                )
            rec["platform"] = platform
        rec["platform"] = vocab.platform_name(rec["platform"])
        try:
            parse_date(rec["date"])  # the year range check of every date
        except ValueError as exc:
            parsed.problems.append(Problem(name, line, "date", str(exc)))
            continue
        key = datasets.get("followers").key_of(rec)
        if key in seen:
            parsed.problems.append(
                Problem(name, line, "date", f"duplicate of line {seen[key]} (same platform + date)")
            )
            continue
        seen[key] = line
        parsed.records.append(rec)
    return parsed


def _gazetteer_lookup(city: str, country: str):
    """The offline gazetteer's hit for a city, or None (also while that module is missing)."""
    try:
        from data_loaders.gazetteer import lookup
    except ModuleNotFoundError as exc:
        if exc.name != "data_loaders.gazetteer":
            raise
        return None
    return lookup(city, country)


def _same(old: object, new: object) -> bool:
    if old is None or new is None:
        return old is new
    if isinstance(old, float) or isinstance(new, float):
        return math.isclose(float(old), float(new), rel_tol=1e-12, abs_tol=1e-12)
    return old == new


def _load_stored(session: Session, ds: Dataset) -> dict[tuple, dict]:
    """The rows on file of one table, by key (read again for each file of an import)."""
    table = MODELS[ds.name].__table__
    return {ds.key_of(row): dict(row) for row in session.execute(select(table)).mappings()}


class _Writer:
    """Inserts and updates of one table, sent in chunks (executemany), never row objects."""

    def __init__(self, session: Session, ds: Dataset) -> None:
        self.session = session
        self.table = MODELS[ds.name].__table__
        self.columns = [c.name for c in self.table.c if c.name != "id"]
        self.inserts: list[dict] = []
        self.updates: dict[tuple[str, ...], list[dict]] = {}

    def insert(self, values: dict) -> None:
        self.inserts.append({c: values.get(c) for c in self.columns})
        if len(self.inserts) >= WRITE_CHUNK:
            self.flush()

    def update(self, row_id: int, values: dict) -> None:
        names = tuple(sorted(values))
        self.updates.setdefault(names, []).append({"_id": row_id, **values})
        if sum(map(len, self.updates.values())) >= WRITE_CHUNK:
            self.flush()

    def flush(self) -> None:
        if self.inserts:
            self.session.execute(insert(self.table), self.inserts)
            self.inserts = []
        for names, params in self.updates.items():
            statement = (
                update(self.table)
                .where(self.table.c.id == bindparam("_id"))
                .values({n: bindparam(n) for n in names})
            )
            self.session.execute(statement, params)
        self.updates = {}


def _apply(
    session: Session,
    parsed: Parsed,
    records: Iterable[dict],
    report: FileReport,
    progress: Callable[[str], None] | None,
) -> None:
    """Upsert the records of one file as they come; count new, updated and unchanged rows.

    Writing stops at the file's first problem (the caller rolls everything back).
    """
    ds = datasets.get(parsed.kind)
    # Earlier files of the import are flushed, so this sees them; within the file keys are
    # unique (validation), so rows inserted here need not be remembered.
    known = _load_stored(session, ds)
    writer = _Writer(session, ds)
    present = parsed.present
    keys = set(ds.key)
    fields = [
        c.name
        for c in ds.columns
        if c.stored and c.name not in keys and (c.name in present or c.compute is not None)
    ]
    if ROW_STATUS in present:
        fields.append(ROW_STATUS)
    sources: set[str] = set()
    for number, rec in enumerate(records, start=1):
        if parsed.problems:
            continue  # keep reading for the problems; nothing more is written
        if progress and number % PROGRESS_EVERY == 0:
            progress(f"{parsed.file}: {number:,} rows")
        for column in ds.columns:
            if column.compute is not None:
                rec[column.name] = column.compute(rec)
        row = known.get(ds.key_of(rec))
        values = {f: rec.get(f) for f in fields}
        if parsed.merge_source and row is not None and row["source"] and values.get("source"):
            values["source"] = _merged(row["source"], values["source"])
        _provenance(ds, rec, values, row, present)
        if ds.gazetteer:
            _place_city(rec, values, row, present, parsed.file, report)
        if rec.get("source"):
            sources.add(rec["source"])
        if row is None:
            keyed = {k: rec.get(k) for k in ds.key}
            keyed.update({ds.stored_key_column(k): ds.fold(k, rec.get(k)) for k in ds.key})
            writer.insert({**keyed, **values})
            report.new += 1
            continue
        changed = {n: v for n, v in values.items() if not _same(row.get(n), v)}
        if changed:
            row.update(changed)
            writer.update(row["id"], changed)
            report.updated += 1
        else:
            report.unchanged += 1
    writer.flush()
    report.sources = sorted(sources)


def _provenance(ds: Dataset, rec: dict, values: dict, row: dict | None, present: set[str]) -> None:
    """Each provenance field's status, source, qualifier and date (provenance-contract.md).

    A field the file gives (its value or its own provenance columns) gets them from its
    own columns, else from the row's `status` and `source`, else, without a status, from
    the source's wording (`illustrative` in it, else `published`). A field the file does
    not touch keeps what is stored; a new row gets the row's defaults for every field.
    """
    before = row or {}
    source = values["source"] if "source" in present else before.get("source")
    status = rec.get(ROW_STATUS) if ROW_STATUS in present else before.get(ROW_STATUS)
    default = status or vocab.status_of_source(source)
    for f in ds.provenance:
        own = {part: f.column(part) for part in datasets.PROVENANCE_PARTS}
        gives_value = any(c in present for c in f.value_columns)
        touched = row is None or gives_value or own["status"] in present or own["source"] in present
        if touched:
            values[own["status"]] = rec.get(own["status"]) or default
            values[own["source"]] = rec.get(own["source"]) or source
        if row is None or gives_value or own["qualifier"] in present:
            values[own["qualifier"]] = rec.get(own["qualifier"]) or None
        if row is None or own["date"] in present:
            values[own["date"]] = rec.get(own["date"]) or None


def _merged(stored: str, new: str) -> str:
    """The stored source with a new one added (once)."""
    return stored if new in stored.split("; ") else f"{stored}; {new}"


def _place_city(
    rec: dict, values: dict, row: dict | None, present: set[str], file: str, report: FileReport
) -> None:
    """Coordinates and population: the file's, else those on file, else the gazetteer's.

    A column the file lacks keeps what is stored; an empty cell asks the gazetteer again.
    Without any, the city is imported unplaced (never at 0,0) and named in a warning.
    """
    kept_coords = "lat" not in present and row is not None and row["lat"] is not None
    kept_population = "population" not in present and row is not None and row["population"]
    need_coords = rec.get("lat") is None and not kept_coords
    need_population = rec.get("population") is None and not kept_population
    hit = _gazetteer_lookup(rec["city"], rec["country"]) if need_coords or need_population else None
    used = False
    if hit is not None and need_coords and hit.lat is not None and hit.lon is not None:
        values["lat"], values["lon"] = float(hit.lat), float(hit.lon)
        _from_gazetteer(values, rec, "location", hit.name)
        need_coords = False
        used = True
    if hit is not None and need_population and hit.population:
        values["population"] = int(hit.population)
        _from_gazetteer(values, rec, "population", hit.name)
        used = True
    if used:
        values["geo_source"] = f"gazetteer: {hit.name}"
    elif not (kept_coords or kept_population):
        # A file that gives back what the gazetteer gave (an export) keeps saying so.
        given = [values.get(f"{f}_source") or "" for f in ("location", "population")]
        values["geo_source"] = next((g for g in given if g.startswith(GAZETTEER_SOURCE)), None)
    if need_coords:
        values["lat"] = values["lon"] = None
        report.warnings.append(
            f"{file}:{rec['_line']}: {rec['city']} ({rec['country']}) not placed on the map: "
            "no lat/lon in the file and not in the gazetteer"
        )


def _from_gazetteer(values: dict, rec: dict, field: str, name: str) -> None:
    """A value the gazetteer gave: published (GeoNames), with the place it was taken from."""
    values[f"{field}_source"] = f"{GAZETTEER_SOURCE} {name} (GeoNames)"
    values[f"{field}_status"] = rec.get(f"{field}_status") or "published"
    values[f"{field}_qualifier"] = None


def _record(report: FileReport) -> ImportRecord:
    return ImportRecord(
        at=dt.datetime.now(dt.UTC).replace(tzinfo=None),
        kind=report.kind,
        file_name=report.file,
        sha256=report.sha256,
        rows_new=report.new,
        rows_updated=report.updated,
        rows_unchanged=report.unchanged,
        warnings=len(report.warnings),
        sources="; ".join(report.sources) or None,
    )
