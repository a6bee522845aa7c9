"""The app's rules without Textual: caret and selection, motion, edits, spans, search steps.

Everything the reader app decides (where a key moves the caret, what a label key tags, which
span an edge key resizes, which document opens next) lives here as plain Python over the text
engine's layout and the store's records, so each rule is tested directly and quickly. The
widgets in `reader/ui/` keep the layout lifecycle and the drawing; the app keeps one-line
actions that call in here.
"""
