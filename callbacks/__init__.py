"""Thin callbacks, one module per page; importing this package registers all of them."""

from callbacks import shell  # noqa: F401
