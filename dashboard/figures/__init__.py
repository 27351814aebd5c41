"""Pure figure and table builders: DataFrame in, go.Figure (or rows) out; no Dash, no database."""
