"""The README documents every setting and every data command (datasette's habit)."""

from __future__ import annotations

from pathlib import Path

from data_loaders.settings import SETTINGS

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def test_readme_documents_every_setting():
    missing = [s.env for s in SETTINGS if f"`{s.env}`" not in README]
    assert missing == []


def test_readme_documents_every_data_command():
    for command in ("init", "import", "export", "status"):
        assert f"python -m data_loaders {command}" in README


def test_readme_gives_the_two_newcomer_commands():
    assert "pip install -r requirements.txt" in README
    assert "python app.py" in README
    assert "\npytest\n" in README
