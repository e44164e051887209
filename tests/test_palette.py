"""One colour-blind-safe palette for every figure: no meaning carried by red against green."""

import re
from pathlib import Path

from rnnviz.plots import style

PLOTS = Path(__file__).resolve().parent.parent / "rnnviz" / "plots"
OKABE_ITO = {"#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442",
             "#000000"}


def test_the_palette_is_okabe_ito():
    assert set(style.PALETTE) == OKABE_ITO
    assert style.HIGHLIGHT in OKABE_ITO
    assert "Gn" not in style.DIVERGING  # blue against red, never red against green


def test_every_figure_module_takes_its_colours_from_the_style_module():
    for module in sorted(PLOTS.glob("*.py")):
        if module.name in ("__init__.py", "style.py"):
            continue
        source = module.read_text(encoding="utf-8")
        assert "rnnviz.plots.style import" in source, f"{module.name} has colours of its own"
        named = re.findall(r"""["'](red|green|lime|crimson|darkgreen|RdYlGn|PiYG)["']""", source)
        assert not named, f"{module.name} uses {named}"
