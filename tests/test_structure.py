"""The structure newcomers rely on (docs/architecture.md): cards declared once, callbacks as
wiring, one place that decides a card's mark and source line."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from dashboard import views

ROOT = Path(__file__).resolve().parent.parent


def _modules(folder: str) -> list[Path]:
    return sorted((ROOT / folder).glob("*.py"))


def test_no_callback_module_imports_another():
    for path in _modules("callbacks"):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module:
                assert not node.module.startswith("callbacks"), path.name
                if node.module == "dashboard.pages":
                    pytest.fail(f"{path.name} reads a page module for data")
            if isinstance(node, ast.Import):
                assert not any(a.name.startswith("callbacks") for a in node.names), path.name


def test_every_callback_function_is_wiring_of_at_most_30_lines():
    for path in _modules("callbacks"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.FunctionDef):
                length = node.end_lineno - node.lineno + 1
                assert length <= 30, f"{path.name}:{node.name} has {length} lines"


def test_card_values_are_decided_in_one_place():
    """Only `cards.render` turns a view's result into what a card shows."""
    calls = []
    for path in [*ROOT.glob("dashboard/**/*.py"), *ROOT.glob("callbacks/*.py")]:
        text = path.read_text()
        calls += [path.name for line in text.splitlines() if "card_values(" in line]
    assert calls == ["cards.py", "cards.py"]  # its definition and its one call


def test_every_card_is_declared_once_with_a_page_that_has_a_view():
    ids = [card.id for module in views.PAGES.values() for card in module.CARDS]
    assert len(ids) == len(set(ids))
    for card_id, card in views.CARDS.items():
        assert card.page in views.PAGES, card_id
        assert card_id.startswith(card.page + "-"), card_id


def test_every_view_declares_what_its_callback_wires(pages_app):
    """Each page's callback outputs are exactly its view's OUTPUTS and CARDS."""
    from dashboard import wiring

    for page, module in views.PAGES.items():
        outputs = wiring.outputs(module)
        assert set(outputs) == {*module.OUTPUTS, *(c.id for c in module.CARDS)}, page
        for name in ("FILTERS", "PARAMS", "FRAMES", "prepare", "view"):
            assert hasattr(module, name), (page, name)


def test_every_card_is_on_its_page(pages_app):
    """The page module lays out every card its view fills (none forgotten, none extra)."""
    import dash

    for module in views.PAGES.values():
        page = next(
            p
            for p in dash.page_registry.values()
            if p["module"].endswith(
                {"index": "index_page", "data": "data"}.get(module.PAGE, module.PAGE)
            )
        )
        text = str(page["layout"]())
        for card in module.CARDS:
            assert f"card-{card.id}" in text, card.id


def test_only_the_map_file_the_maps_read_is_served():
    """Maps draw offline from assets/topojson: plotly.js reads `world_110m.json` (scope world,
    resolution 110), and so does the deck's map image; nothing else is shipped."""
    from dashboard import mapimage
    from dashboard.figures import maps

    geo = maps.geo_layout()
    assert geo.get("scope", "world") == "world" and geo["resolution"] == 110
    shipped = sorted(p.name for p in (ROOT / "assets" / "topojson").glob("*.json"))
    assert shipped == ["world_110m.json"] == [mapimage.TOPOJSON.name]


def test_every_registered_dataset_is_on_the_data_page_and_in_the_contract(pages_app):
    """Adding a dataset is one registry entry: the Data page lists it and offers its
    download, and the project's copy of the data contract names it."""
    import dash

    from dashboard.figures import datasets as figs
    from data_loaders import datasets

    names = [d.name for d in datasets.DATASETS]
    assert list(figs.DATASETS) == names
    page = next(p for p in dash.page_registry.values() if p["path"] == "/data")
    text = str(page["layout"]())
    contract = (ROOT / "docs" / "data-spec.md").read_text()
    for name in names:
        assert f"'kind': '{name}'" in text, name  # its CSV/XLSX download buttons
        assert f"| `{name}` |" in contract, name
