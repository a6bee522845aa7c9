"""Team work over annotation stores: assign documents, measure agreement, merge into gold.

Modules, one job each: `spans` (the (start, end, label) triple compared everywhere),
`matching` (which documents several stores share), `agreement` (exact and overlap F1, label
confusion), `kappa` (Cohen's kappa over whitespace tokens), `assign` (the split among
annotators), `merge` (agreed spans and conflict groups), `stores` (reading stores for these).
Pure Python: no Textual here.
"""
