"""Runtime and development requirements apart: a deployment installs no test tool."""

from __future__ import annotations

import ast
import re
import sys
from importlib.metadata import packages_distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNTIME_CODE = ["app.py", "gunicorn.conf.py", "dashboard", "data_loaders", "callbacks"]
DEV_ONLY = {"pytest", "ruff", "selenium", "dash[testing]"}


def names(path: Path) -> set[str]:
    """The requirement names in a requirements file (lower case, extras kept)."""
    out = set()
    for line in path.read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line and not line.startswith("-"):
            out.add(re.split(r"[=<>~! ]", line, maxsplit=1)[0].lower())
    return out


def imported_modules() -> set[str]:
    """Top-level modules that runtime code imports (not the project's own, not stdlib)."""
    own = {"app", "dashboard", "data_loaders", "callbacks", "bench", "tests"}
    found = set()
    for entry in RUNTIME_CODE:
        root = ROOT / entry
        files = [root] if root.is_file() else root.rglob("*.py")
        for file in files:
            for node in ast.walk(ast.parse(file.read_text())):
                if isinstance(node, ast.Import):
                    found |= {a.name.split(".")[0] for a in node.names}
                elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                    found.add(node.module.split(".")[0])
    return {m for m in found - own if m not in sys.stdlib_module_names}


def test_every_module_runtime_code_imports_is_a_runtime_requirement():
    runtime = {n.split("[")[0] for n in names(ROOT / "requirements.txt")}
    dists = packages_distributions()
    missing = []
    for module in sorted(imported_modules()):
        provided_by = {d.lower() for d in dists.get(module, [module])}
        if not provided_by & runtime:
            missing.append(f"{module} (from {', '.join(sorted(provided_by))})")
    assert not missing, missing


def test_runtime_requirements_hold_no_test_or_lint_tool():
    assert not names(ROOT / "requirements.txt") & DEV_ONLY


def test_development_requirements_add_the_tools_to_the_runtime():
    dev = ROOT / "requirements-dev.txt"
    assert "-r requirements.txt" in dev.read_text().splitlines()
    assert names(dev) >= DEV_ONLY
    assert "requirements-dev.txt" in (ROOT / ".ci" / "run").read_text()
