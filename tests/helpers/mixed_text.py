"""Random mixed text for property tests (hypothesis): Arabic with harakat, tatweel and
lam-alef, Latin names, both digit sets, brackets and quotes, emoji, controls, bidi marks,
tabs, spaces of every kind and newlines, joined with or without spaces."""

from __future__ import annotations

from hypothesis import strategies as st

from reader.text.shaping import DisplayOptions

PIECES = [
    "محمد",
    "الليبية",
    "لا",
    "لأن",
    "مُحَمَّدٌ",
    "العـــربية",
    "قال",
    "إنّ",
    "في",  # Arabic, harakat, tatweel, lam-alef
    "Erdoğan",
    "Libya",
    "GNA",
    "COVID-19",  # Latin names
    "٢٠١٩",
    "2019",
    "12.5%",
    "$3,000",
    "٣٫٥",  # digits of both kinds, separators, terminators
    "(",
    ")",
    "[",
    "]",
    "«",
    "»",
    "“",
    "”",
    "،",
    ".",
    "؟",
    "-",  # brackets, quotes, punctuation
    "👍🏽",
    "👨‍👩‍👧",
    "🇱🇾",  # emoji, modifier, ZWJ sequence, flag
    "\u064e",
    "\u0651",  # lone marks
    "\x1b[2J",
    "\x07",
    "\x85",
    "\x9b",  # controls
    "\u202b",
    "\u202e",
    "\u202c",
    "\u2067",
    "\u2069",
    "\u200f",
    "\u200e",
    "\u200c",
    "\u200d",
    "\u00ad",
    "\t",
    " ",
    "  ",
    "\u3000",
    "\u00a0",
    "\n",
    "\u0627\u0654",  # alef + combining hamza
    "\u0626\u06d5\u0645",
    "\u06ba\u06ba",
    "\u06c2",  # Kurdish, Urdu letters outside the old tables
    "\u06dd\u0661\u0662",  # end of ayah before its number
    "\u200a\u0670\u2060",  # Tanzil's hair space + superscript alef + word joiner
    "\u2060",
    "\u200b",
    "\u061c",
    "الانتخابات",
    "لَا",
]

texts = st.lists(st.sampled_from(PIECES), max_size=40).map(
    lambda parts: " ".join(parts) if len(parts) % 3 else "".join(parts)
)
option_sets = st.builds(
    DisplayOptions,
    harakat=st.booleans(),
    shaping=st.booleans(),
    reorder=st.booleans(),
    direction=st.sampled_from(["auto", "rtl", "ltr"]),
    marks=st.booleans(),
    tab_width=st.sampled_from([1, 2, 4, 8]),
)
