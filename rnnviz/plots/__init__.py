"""Figure builders: pure functions from data to a plotly Figure, one module per page.

They hold no UI text: titles and axis labels come in as arguments.
"""
