"""Benchmarks: run by hand (`python -m bench`) or `make bench`; they print figures, never assert."""
