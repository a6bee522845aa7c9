"""Pure text logic: bidi, shaping, layout, graphemes, words, search normalisation, sanitising.

No Textual and no TinyDB here: this layer is tested directly and usable from a notebook.
Offsets everywhere are logical: code point indices into the document text.
"""
