"""Loaders: schema, readers of every input format, validation, import, sample, command line.

This package never imports Dash.
"""
