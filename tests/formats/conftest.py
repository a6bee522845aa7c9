"""Make the fixture helpers in this folder importable (arabic_fixtures, format_helpers)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
