"""rnnviz: what happens inside a recurrent neural network.

The UI-free half of the dashboard: math, models, data, training loops (as
generators) and figure builders (data -> plotly Figure). Usable from a
notebook; never imports streamlit and holds no UI text.
"""
