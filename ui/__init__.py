"""Streamlit glue shared by the pages: translation, page set-up, live jobs, inputs.

The `rnnviz` package never imports streamlit and holds no UI text; this
package is where the two meet.
"""
