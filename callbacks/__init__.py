"""Thin callbacks, one module per page; importing this package registers all of them."""

import importlib
import pkgutil

# Every module of this package registers its callbacks on import (dash.callback).
for _module in sorted(m.name for m in pkgutil.iter_modules(__path__)):
    importlib.import_module(f"{__name__}.{_module}")
