"""Show a snapshot SVG as a terminal shows it: one text element per cell, so no renderer bidi.

SVG renderers (browsers, librsvg) reorder each run of Arabic text again, so a snapshot of
correct output looks backwards. This rewrites each run as one element per cell at its
column and converts it with rsvg-convert (apt-get install librsvg2-bin):

    python tests/ui/view_snapshot.py tests/ui/__snapshots__/.../x.svg /tmp/x.png
"""

from __future__ import annotations

import html
import re
import subprocess
import sys
import tempfile
import unicodedata

from rich.cells import cell_len

CELL_WIDTH = 12.2  # Textual's screenshots: 0.61 em of a 20px font


def _clusters(text: str) -> list[str]:
    clusters: list[str] = []
    for char in text:
        if clusters and (unicodedata.category(char) in ("Mn", "Me") or char in "\u200d\ufe0f"):
            clusters[-1] += char
        else:
            clusters.append(char)
    return clusters


def per_cell(svg: str) -> str:
    """The SVG with every <text> run split into one <text> per cell."""

    def split(match: re.Match[str]) -> str:
        attributes, body = match.group(1), match.group(2)
        x = float(re.search(r'\bx="([\d.]+)"', attributes).group(1))
        rest = re.sub(r'\s(x|textLength)="[^"]*"', "", attributes)
        parts, column = [], 0
        for cluster in _clusters(html.unescape(body)):
            if cluster.strip("\u00a0 "):
                parts.append(
                    f'<text{rest} x="{x + column * CELL_WIDTH:.1f}">{html.escape(cluster)}</text>'
                )
            column += cell_len(cluster)
        return "".join(parts)

    return re.sub(r"<text([^>]*)>([^<]*)</text>", split, svg)


def main(source: str, target: str) -> None:
    with open(source, encoding="utf-8") as file:
        svg = per_cell(file.read())
    with tempfile.NamedTemporaryFile("w", suffix=".svg", encoding="utf-8", delete=False) as out:
        out.write(svg)
    subprocess.run(["rsvg-convert", out.name, "-o", target], check=True)


if __name__ == "__main__":
    main(*sys.argv[1:3])
