"""The dataset registry: every dataset of the data contract declared once.

Schema (schema.py), validation (validate.py), import, export, the frames' provenance
columns (queries.py), `status` and the Data page derive from these entries; a test holds
them against docs/data-spec.md. Adding a dataset is one `Dataset(...)` in `DATASETS`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from data_loaders.vocab import norm_key

# Length limits (characters) of text cells, checked by the validator on every backend.
NAME_MAX = 200
CODE_MAX = 40
TITLE_MAX = 500
SOURCE_MAX = 2000
URL_MAX = 2000
PROVENANCE_DATE_MAX = 40

# The parts of a field's provenance: stored and exported as `<field>_<part>`.
PROVENANCE_PARTS: tuple[str, ...] = ("status", "source", "qualifier", "date")
# The row-level status column in the database (files name it `status`, or `row_status`
# where the dataset has a value column called `status`).
ROW_STATUS = "row_status"


@dataclass(frozen=True)
class Column:
    """One column of a dataset.

    `type` names a cell parser of validate.PARSERS; `key` says how a key column is matched
    ("fold": vocab.norm_key, "space": runs of white space as one, "": as parsed); `in_file`
    False for a stored column the importer computes (never read from a file).
    """

    name: str
    type: str
    required: bool = False
    aliases: tuple[str, ...] = ()
    max_length: int | None = None
    key: str = ""
    in_file: bool = True
    exported: bool = True
    stored: bool = True
    help: str = ""
    # A stored column computed from the record (e.g. an activity's year from its date).
    compute: Callable[[dict], object] | None = None


@dataclass(frozen=True)
class ProvenanceField:
    """A value whose status and source may differ from the rest of its row.

    `columns` are the value columns it covers (a location is lat and lon together).
    """

    name: str
    columns: tuple[str, ...] = ()

    @property
    def value_columns(self) -> tuple[str, ...]:
        """The value columns covered (the field's own name when not given)."""
        return self.columns or (self.name,)

    def column(self, part: str) -> str:
        """`<field>_<part>`, e.g. population_status."""
        return f"{self.name}_{part}"


@dataclass(frozen=True)
class Dataset:
    """One dataset: the KIND of an import, its table, key, columns and provenance fields."""

    name: str  # the KIND on the command line, in exports and in the import history
    table: str
    label: str
    description: str
    key: tuple[str, ...]
    columns: tuple[Column, ...]
    provenance: tuple[ProvenanceField, ...] = ()
    aliases: tuple[str, ...] = ()  # other names accepted for the KIND (CLI, load)
    optional: bool = False  # the bundled sample may leave it empty
    # Behaviours a dataset opts into (read by validate.py and importer.py):
    city_on_file: bool = False  # city + country must be on file or in the same import
    wide_form: bool = False  # the Index: one column per indicator instead of two
    platform_option: bool = False  # followers: --platform fills a missing platform column
    gazetteer: bool = False  # cities: coordinates and population from the gazetteer
    together: tuple[tuple[str, str], ...] = ()  # columns given both or neither
    not_before: tuple[tuple[str, str], ...] = ()  # (later, earlier): later >= earlier
    parts_within: tuple[tuple[tuple[str, ...], str], ...] = ()  # sum(parts) <= whole
    export_columns: tuple[str, ...] = ()  # when not every file column (followers)
    derived_totals: bool = False  # followers: totals computed from changes when read
    year_column: str = ""  # the year a row's values belong to (Data page coverage)
    extra_help: str = ""

    # ---- derived views ----

    @property
    def frame(self) -> str:
        """The name of its frame in data_loaders.queries (the KIND as a Python identifier)."""
        return self.name.replace("-", "_")

    @property
    def file_columns(self) -> tuple[Column, ...]:
        """The columns a file may carry, in contract order."""
        return tuple(c for c in self.columns if c.in_file)

    @property
    def required(self) -> tuple[str, ...]:
        """Names of the required columns."""
        return tuple(c.name for c in self.columns if c.required and c.in_file)

    @property
    def optional_columns(self) -> tuple[str, ...]:
        """Names of the optional file columns."""
        return tuple(c.name for c in self.columns if not c.required and c.in_file)

    def col(self, name: str) -> Column:
        """The column called `name`."""
        return self._by_name[name]

    @property
    def _by_name(self) -> dict[str, Column]:
        return {c.name: c for c in self.columns}

    @property
    def row_status_column(self) -> str:
        """The file's name of the row-level status column."""
        return ROW_STATUS if "status" in self._by_name else "status"

    @property
    def provenance_columns(self) -> tuple[str, ...]:
        """Every `<field>_<part>` column, field by field."""
        return tuple(f.column(p) for f in self.provenance for p in PROVENANCE_PARTS)

    def stored_key_column(self, name: str) -> str:
        """The column the database matches key column `name` on (`<name>_key` if folded)."""
        column = self.col(name)
        return f"{name}_key" if column.key or not column.required else name

    @property
    def unique_columns(self) -> tuple[str, ...]:
        """The stored columns of the database's unique constraint."""
        return tuple(self.stored_key_column(k) for k in self.key)

    def fold(self, name: str, value: object) -> object:
        """A key cell as the key compares it (folded names, "" for an empty optional part)."""
        column = self.col(name)
        if value is None:
            return ""
        if column.key == "fold":
            return norm_key(value)
        if column.key == "space":
            return " ".join(str(value).split()).casefold()
        if not column.required:
            return str(value)
        return value

    def key_of(self, record: dict) -> tuple:
        """The matching key of a record or stored row."""
        return tuple(self.fold(k, record.get(k)) for k in self.key)

    @property
    def exported(self) -> tuple[str, ...]:
        """The columns an export writes (before the provenance columns that carry news)."""
        if self.export_columns:
            return self.export_columns
        return tuple(c.name for c in self.file_columns if c.exported and c.stored)

    @property
    def stored_columns(self) -> tuple[str, ...]:
        """Every value column stored besides the key (file columns, computed, provenance)."""
        keys = set(self.key)
        names = [c.name for c in self.columns if c.stored and c.name not in keys]
        return (*names, ROW_STATUS, *self.provenance_columns)


def _text(name: str, max_length: int, **kw) -> Column:
    return Column(name, "text", max_length=max_length, **kw)


def _source() -> Column:
    return _text("source", SOURCE_MAX, help="where the figures come from (free text)")


def _city(required: bool = True) -> Column:
    return _text("city", NAME_MAX, required=required, key="fold" if required else "")


def _country(required: bool = True) -> Column:
    return Column("country", "country", required=required)


DATASETS: tuple[Dataset, ...] = (
    Dataset(
        name="cities",
        year_column="joined",
        table="cities",
        label="Cities",
        description=(
            "Member cities and former members: joining year, population, foreign-born share"
        ),
        key=("city", "country"),
        columns=(
            _city(),
            _country(),
            Column("joined", "year"),
            Column("left", "year"),
            Column("population", "count"),
            Column("foreign_born_pct", "pct"),
            Column("lat", "lat", aliases=("latitude",)),
            Column("lon", "lon", aliases=("longitude", "lng")),
            _source(),
            # Where coordinates / population came from when not in the file.
            _text("geo_source", SOURCE_MAX, in_file=False, exported=False),
        ),
        provenance=(
            ProvenanceField("joined"),
            ProvenanceField("left"),
            ProvenanceField("population"),
            ProvenanceField("foreign_born_pct"),
            ProvenanceField("location", ("lat", "lon")),
        ),
        gazetteer=True,
        together=(("lat", "lon"),),
        not_before=(("left", "joined"),),
    ),
    Dataset(
        name="networks",
        year_column="founded",
        table="networks",
        label="Networks",
        description="National and regional networks: status and founding year",
        key=("network",),
        columns=(
            _text("network", CODE_MAX, required=True, key="fold"),
            _text("name", NAME_MAX, required=True),
            _country(),
            Column("founded", "year"),
            Column("status", "network_status"),
            Column("scope", "scope"),
            Column("active_since", "year"),
            Column("members", "count"),
            _source(),
        ),
        provenance=(
            ProvenanceField("founded"),
            ProvenanceField("status"),
            ProvenanceField("members"),
        ),
        not_before=(("active_since", "founded"),),
    ),
    Dataset(
        name="network-members",
        year_column="joined",
        table="network_members",
        label="Network members",
        description="Cities in each national or regional network",
        key=("network", "city", "country"),
        columns=(
            _text("network", CODE_MAX, required=True, key="fold"),
            _city(),
            _country(),
            Column("joined", "year"),
            _source(),
        ),
        provenance=(ProvenanceField("joined"),),
        aliases=("network_members",),
        city_on_file=True,
    ),
    Dataset(
        name="index",
        year_column="year",
        table="index_scores",
        label="ICC Index",
        description="ICC Index results, one row per city, year and area",
        key=("city", "country", "year", "indicator"),
        columns=(
            _city(),
            _country(),
            Column("year", "year", required=True),
            Column("indicator", "indicator", required=True),
            Column("score", "score", required=True),
            _source(),
        ),
        provenance=(ProvenanceField("score"),),
        city_on_file=True,
        wide_form=True,
    ),
    Dataset(
        name="followers",
        year_column="date",
        table="followers",
        label="Followers",
        description="Followers per social-media platform and day",
        key=("platform", "date"),
        columns=(
            Column("platform", "platform", required=True, max_length=CODE_MAX),
            Column("date", "date", required=True),
            Column("followers", "count", required=True),
            # Not in the contract's table, but our own export writes them: read back, a
            # followers export must import unchanged (derived totals are not anchors).
            Column("net_change", "int"),
            Column("derived", "bool", stored=False),
            _source(),
        ),
        provenance=(ProvenanceField("followers"),),
        platform_option=True,
        derived_totals=True,
        export_columns=("platform", "date", "followers", "net_change", "derived"),
    ),
    Dataset(
        name="activities",
        year_column="year",
        table="activities",
        label="Activities",
        description="Events, publications and campaigns",
        key=("date", "kind", "title"),
        columns=(
            Column("date", "partial_date", required=True),
            Column("kind", "kind", required=True),
            _text("title", TITLE_MAX, required=True, key="space"),
            _city(required=False),
            _country(required=False),
            Column("participants", "count"),
            Column("women", "count"),
            Column("men", "count"),
            Column("nationalities", "count"),
            Column("count", "count"),
            _source(),
            Column(
                "year",
                "year",
                in_file=False,
                exported=False,
                compute=lambda rec: int(str(rec["date"])[:4]),
            ),
        ),
        provenance=tuple(
            ProvenanceField(f) for f in ("participants", "women", "men", "nationalities", "count")
        ),
        parts_within=((("women", "men"), "participants"),),
    ),
    Dataset(
        name="metrics",
        year_column="year",
        table="metrics",
        label="Metrics",
        description="Network-level totals reported without city detail",
        key=("year", "metric", "network", "date"),
        columns=(
            Column("year", "year", required=True),
            _text("metric", 80, required=True),
            Column("value", "number", required=True),
            _text("network", CODE_MAX, key="fold"),
            Column("date", "metric_date"),
            _source(),
        ),
        provenance=(ProvenanceField("value"),),
    ),
    Dataset(
        name="practices",
        year_column="year",
        table="practices",
        label="Good practices",
        description="Good-practice examples of a city in an Index area (links and notes)",
        key=("city", "country", "area", "title"),
        columns=(
            _city(),
            _country(),
            Column("area", "indicator", required=True),
            _text("title", TITLE_MAX, required=True, key="space"),
            _text("url", URL_MAX),
            Column("year", "year"),
            _source(),
        ),
        optional=True,
        city_on_file=True,
    ),
)

BY_NAME: dict[str, Dataset] = {d.name: d for d in DATASETS}
# Every accepted spelling of a KIND (canonical, aliases, folded) -> the dataset.
_LOOKUP: dict[str, Dataset] = {norm_key(n): d for d in DATASETS for n in (d.name, *d.aliases)}
KINDS: tuple[str, ...] = tuple(BY_NAME)
# Every name the command line accepts for a KIND.
ACCEPTED_KINDS: tuple[str, ...] = tuple(n for d in DATASETS for n in (d.name, *d.aliases))


def find(name: str) -> Dataset | None:
    """The dataset called `name` (its KIND or an alias, in any spelling); None if unknown."""
    return _LOOKUP.get(norm_key(name))


def get(name: str) -> Dataset:
    """The dataset called `name`; KeyError naming the known KINDs when unknown."""
    dataset = find(name)
    if dataset is None:
        raise KeyError(f"unknown dataset {name!r} (one of: {', '.join(KINDS)})")
    return dataset


def import_order() -> tuple[str, ...]:
    """KINDs in the order a full load imports them: datasets naming cities after cities."""
    return tuple(sorted(KINDS, key=lambda k: (BY_NAME[k].city_on_file, KINDS.index(k))))
