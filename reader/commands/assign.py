"""`reader assign SOURCE --annotators huda,omar,lina -o DIR`: one store per annotator.

Documents of SOURCE (a store, or folders of .txt files) are split among the annotators, a share
(`--overlap`) given to two so that `reader agree` has something to measure. Each annotator's
store, `DIR/<name>.json`, gets the documents' texts with status todo and no spans: agreement
measures what two people mark on their own, and spans handed to both (a model's suggestions,
an earlier pass) would start them from the same answer and inflate it. A store that already
exists in DIR is never added to: the command stops before writing anything.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

from reader.commands._output import counted
from reader.config import Config
from reader.errors import ReaderError
from reader.review.assign import Plan, parse_annotators, plan
from reader.review.sources import SourceDocument, read_sources
from reader.store import AnnotationStore, StorePaths
from reader.text.sanitise import sanitise


def configure(parser: argparse.ArgumentParser) -> None:
    """Add `reader assign`'s options."""
    parser.add_argument(
        "sources",
        nargs="+",
        type=Path,
        metavar="SOURCE",
        help="a store, or a folder of .txt files (several may be given)",
    )
    parser.add_argument(
        "--annotators",
        required=True,
        metavar="A,B,...",
        help="the annotators' names, comma-separated (each gets DIR/<name>.json)",
    )
    parser.add_argument(
        "--overlap",
        type=float,
        default=0.0,
        metavar="F",
        help="the share of documents given to two annotators, 0 to 1 (default: 0)",
    )
    parser.add_argument(
        "--seed", type=int, metavar="N", help="the same seed gives the same split (default: random)"
    )
    parser.add_argument(
        "-o", "--output", type=Path, required=True, metavar="DIR", help="the folder for the stores"
    )
    parser.add_argument("--json", action="store_true", help="print the split as JSON")


def run(args: argparse.Namespace, config: Config) -> int:
    annotators = parse_annotators(args.annotators)
    targets = {name: args.output / f"{name}.json" for name in annotators}
    for path in targets.values():
        if any(p.exists() for p in (path, StorePaths.of(path).journal)):
            raise ReaderError(
                f"{path} already exists; give another -o DIR (assign never adds to an annotator's store)"
            )
    if args.output.exists() and not args.output.is_dir():
        raise ReaderError(f"{args.output} is a file; give a folder for the annotators' stores")
    documents = read_sources(args.sources)
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(10**6)
    split = plan([doc.id for doc in documents], annotators, args.overlap, seed)
    _write(split, documents, targets)
    if args.json:
        out = {"stores": {name: str(path) for name, path in targets.items()}, **split.to_json()}
        json.dump(out, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        _print(split, targets)
    return 0


def _write(split: Plan, documents: list[SourceDocument], targets: dict[str, Path]) -> None:
    by_id = {doc.id: doc for doc in documents}
    for name, path in targets.items():
        with AnnotationStore.open(path, annotator=name) as store, store.batch():
            for doc_id in split.of(name):
                doc = by_id[doc_id]
                store.add_document(doc.text, source=doc.source, doc_id=doc.id, title=doc.title)


def _print(split: Plan, targets: dict[str, Path]) -> None:
    shared = split.shared()
    print(
        f"assigned {counted(len(split.documents), 'document')} to "
        f"{counted(len(split.annotators), 'annotator')}, {len(shared):,} of them to two "
        f"(seed {split.seed}: --seed {split.seed} gives this split again)"
    )
    width = max(len(name) for name in split.annotators)
    for name, path in targets.items():
        mine = split.of(name)
        both = sum(1 for doc in mine if doc in shared)
        print(
            f"  {sanitise(name):<{width}}  {counted(len(mine), 'document'):>14} "
            f"({both:,} shared)  {sanitise(str(path))}"
        )
    print("documents:")
    for doc_id, names in split.documents.items():
        print(f"  {sanitise(doc_id)}  ->  {', '.join(sanitise(n) for n in names)}")
