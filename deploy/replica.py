#!/usr/bin/env python3
"""One replica of a served class: `streamlit run app.py`, fit to stand behind a balancer.

    python deploy/replica.py --server.port 8601 --server.address 127.0.0.1

Takes the options of `streamlit run` and runs rnnviz's app.py with them (from any
folder). deploy/serve.py starts its replicas this way; on another machine of a course
server, start this instead of `streamlit run app.py` (see the README). The one-laptop
way stays `streamlit run app.py`: nothing here matters without a balancer.

What it adds, before the server starts: ``ui.failover`` (a tab whose replica died reloads
cleanly on another one), installed before any page has run on this replica.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ui import failover  # noqa: E402


def main(argv: list[str]) -> int:
    failover.install()
    os.chdir(ROOT)  # views/ and .streamlit/config.toml are found from the app's folder
    from streamlit.web import cli

    sys.argv = ["streamlit", "run", str(ROOT / "app.py"), *argv]
    return cli.main(prog_name="streamlit")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
