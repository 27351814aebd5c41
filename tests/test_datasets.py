"""The dataset registry holds to the data contract (docs/data-spec.md), and vice versa."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from data_loaders import datasets, schema, validate
from data_loaders.datasets import ROW_STATUS

SPEC = (Path(__file__).resolve().parent.parent / "docs" / "data-spec.md").read_text("utf-8")


def _table(first_header: str) -> list[list[str]]:
    """The rows of the markdown table whose header row starts with `first_header`."""
    lines = SPEC.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(f"| {first_header} |"))
    rows = []
    for line in lines[start + 2 :]:
        if not line.startswith("|"):
            break
        rows.append([cell.strip() for cell in line.strip("|").split("|")])
    return rows


def _names(cell: str) -> set[str]:
    """Column names of a cell: each item of its list starts with one in backticks."""
    return set(re.findall(r"(?:^|[,;:]\s*)`([a-z_]+)`", cell))


KIND_TABLE = {re.sub(r"`", "", row[0]): row for row in _table("KIND | key")}
PROVENANCE_TABLE = {re.sub(r"`", "", row[0]): row for row in _table("KIND | provenance fields")}


def test_the_contract_and_the_registry_name_the_same_datasets():
    assert list(KIND_TABLE) == list(datasets.KINDS)
    assert list(PROVENANCE_TABLE) == list(datasets.KINDS)


@pytest.mark.parametrize("kind", datasets.KINDS)
def test_each_dataset_has_the_contracts_key_and_columns(kind):
    _, key, required, optional = KIND_TABLE[kind]
    ds = datasets.get(kind)
    assert tuple(key.split(" + ")) == ds.key
    assert _names(required) == set(ds.required)
    assert _names(optional) == set(ds.optional_columns)


@pytest.mark.parametrize("kind", datasets.KINDS)
def test_each_dataset_has_the_contracts_provenance_fields(kind):
    fields = {f.name for f in datasets.get(kind).provenance}
    cell = PROVENANCE_TABLE[kind][1]
    assert _names(cell) - {"lat", "lon"} == fields


def test_every_dataset_has_its_table_with_a_unique_folded_key():
    for ds in datasets.DATASETS:
        table = schema.MODELS[ds.name].__table__
        unique = [c for c in table.constraints if c.name == f"uq_{ds.table}_key"]
        assert [col.name for col in unique[0].columns] == list(ds.unique_columns)
        assert {ROW_STATUS, *ds.provenance_columns} <= set(table.c.keys())


def test_every_file_column_has_a_parser_and_every_text_a_length_limit():
    for ds in datasets.DATASETS:
        for column in ds.file_columns:
            assert column.type in validate.PARSERS, (ds.name, column.name)
            if column.type == "text":
                assert column.max_length, (ds.name, column.name)


def test_a_kind_is_found_by_its_name_or_its_declared_alias_only():
    assert datasets.get("network_members") is datasets.get("network-members")
    assert datasets.find("Network Members").name == "network-members"
    assert datasets.find("members") is None
    with pytest.raises(KeyError, match="one of: cities, networks"):
        datasets.get("towns")
