"""SECURITY.md keeps up with the protections: every limit's setting and the four parts."""

from __future__ import annotations

from pathlib import Path

from data_loaders.settings import SETTINGS

ROOT = Path(__file__).resolve().parent.parent
TEXT = (ROOT / "SECURITY.md").read_text()
# The settings that protect the app or bound its work.
SECURITY_SETTINGS = {
    "ICC_MAX_REQUEST_KB",
    "ICC_FORCE_HTTPS",
    "ICC_FRAME_ANCESTORS",
    "ICC_DB_CONNECT_TIMEOUT",
    "ICC_DB_STATEMENT_TIMEOUT",
    "ICC_DEBUG",
    "ICC_AUTO_SAMPLE",
}


def test_security_md_has_its_four_parts():
    for heading in (
        "## What is protected",
        "## What is not protected",
        "## Limits and their settings",
        "## Reporting a problem",
    ):
        assert heading in TEXT


def test_security_md_names_every_security_setting_and_each_is_a_real_setting():
    declared = {s.env for s in SETTINGS}
    assert declared >= SECURITY_SETTINGS
    missing = [name for name in sorted(SECURITY_SETTINGS) if f"`{name}`" not in TEXT]
    assert not missing


def test_security_md_says_there_are_no_accounts_and_where_sign_on_belongs():
    assert "no user accounts" in TEXT.lower()
    assert "sign-on" in TEXT
