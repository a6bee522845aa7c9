"""How far the annotation has got, in numbers (`summary`) and as bars (`bars`).

Pure: the numbers come from a store's public reading API only, the bars are a Rich renderable
(no Textual), so the app's progress view and `reader stats` on a terminal show the same thing.
"""

from reader.progress.bars import ProgressReport
from reader.progress.summary import Progress, summarise

__all__ = ["Progress", "ProgressReport", "summarise"]
