"""Make the runtime templates importable as the package ``runtime`` (they use relative imports)."""

import sys
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
if str(TEMPLATES) not in sys.path:
    sys.path.insert(0, str(TEMPLATES))
