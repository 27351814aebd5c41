"""Two languages: Babel gettext catalogues and the language of the current request.

The language lives in a context variable, set at every entry point (page layouts through
`@localized`, callbacks through `wiring`, downloads, the presentation view, the deck route
and command line) from the URL key `lang` (`urlstate.parse_language`). `_()` translates now;
`lazy()` marks a declaration made at import time and translates when it is turned into
text. Catalogues are `translations/<lang>/LC_MESSAGES/messages.po`, extracted with
`make translations`; the `.mo` is compiled when missing or older than its `.po`.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import LazyProxy, NullTranslations, Translations

from dashboard.urlstate import DEFAULT_LANGUAGE, LANGUAGES, parse_language

TRANSLATIONS = Path(__file__).resolve().parent.parent / "translations"
DOMAIN = "messages"

_current: contextvars.ContextVar[str] = contextvars.ContextVar("lang", default=DEFAULT_LANGUAGE)
_catalogues: dict[str, NullTranslations] = {}
_lock = threading.Lock()

F = TypeVar("F", bound=Callable[..., Any])


def compile_catalogues(force: bool = False) -> list[Path]:
    """Compile each `.po` to its `.mo` when the `.mo` is missing or older; the paths written."""
    written = []
    for po_path in sorted(TRANSLATIONS.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
        mo_path = po_path.with_suffix(".mo")
        if not force and mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        with po_path.open("rb") as po:
            catalogue = read_po(po, locale=po_path.parent.parent.name)
        tmp = mo_path.with_suffix(".mo.tmp")
        with tmp.open("wb") as mo:
            write_mo(mo, catalogue)
        tmp.replace(mo_path)  # atomic: a worker never reads half a catalogue
        written.append(mo_path)
    return written


def translations(lang: str) -> NullTranslations:
    """The catalogue of `lang` (compiled on first use); English is the msgids themselves."""
    with _lock:
        if lang not in _catalogues:
            if lang == DEFAULT_LANGUAGE:
                _catalogues[lang] = NullTranslations()
            else:
                compile_catalogues()
                _catalogues[lang] = Translations.load(str(TRANSLATIONS), [lang], DOMAIN)
        return _catalogues[lang]


def current() -> str:
    """The language of the current request ("en" or "fr")."""
    return _current.get()


def _(message: str) -> str:
    """`message` in the current language (the English msgid when it has no translation)."""
    if not message:
        return message
    return translations(current()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form for `n`, in the current language."""
    return translations(current()).ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """`message` in the current language, as said of `context` (French agrees with the noun:
    "80 enregistrées" of cities, "29 enregistrés" of countries)."""
    return translations(current()).pgettext(context, message)


def lazy(message: str) -> LazyProxy:
    """A message declared at import time, translated each time it is turned into text."""
    return LazyProxy(_, message, enable_cache=False)


def N_(message: str) -> str:
    """Mark `message` for extraction only; translate it later with `_()` where it is shown."""
    return message


@contextlib.contextmanager
def language(lang: object) -> Iterator[str]:
    """Run a block in `lang` (parsed: anything unknown is English)."""
    code = parse_language(lang)
    token = _current.set(code)
    try:
        yield code
    finally:
        _current.reset(token)


def localized(layout: F) -> F:
    """Decorate a page's `layout(**kwargs)`: it runs in the language of the URL's `lang`.
    A layout is a function of the address and the data: Dash's page router answer that
    carries it may be kept as bytes (`wiring.serve_answers_once`)."""

    @functools.wraps(layout)
    def wrapper(**kwargs: object) -> Any:
        with language(kwargs.get("lang")):
            page = layout(**kwargs)
        from dashboard import wiring

        wiring.answer_may_be_kept()
        return page

    return wrapper  # type: ignore[return-value]


__all__ = ["LANGUAGES", "N_", "_", "current", "language", "lazy", "localized", "ngettext"]
