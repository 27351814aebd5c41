"""The bundled sample: canonical CSV files built by `build.py` from published facts."""
