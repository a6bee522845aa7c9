"""Make the fixture helpers in this folder importable (review_texts)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
