"""A second process for the store tests: it writes, holds or crashes on command.

store_child.py hold PATH            open for writing, print "ready PID", sleep until killed
store_child.py crash PATH N         add a document and N spans, print their ids, os._exit(0)
store_child.py spam PATH SEED       add spans forever, printing each id once add_span returned;
                                    now and then a batch, a delete, a compaction, or a link
                                    between two spans ("rel ID" once add_relation returned)
"""

from __future__ import annotations

import os
import random
import sys
import time

from reader.store import AnnotationStore

TEXT = (
    "قالَ الرئيس رجب طيب أردوغان إن بلاده ستـــرسل قوات إلى ليبيا يوم ١٢ يناير 2020 🇹🇷 [بحسب Reuters].\n"
    * 20
)


def main() -> None:
    mode, path = sys.argv[1], sys.argv[2]
    if mode == "hold":
        store = AnnotationStore.open(path)
        print(f"ready {os.getpid()}", flush=True)
        time.sleep(600)
        store.close()
    elif mode == "crash":
        store = AnnotationStore.open(path)
        doc_id = store.add_document(TEXT, source="crash.txt")
        for number in range(int(sys.argv[3])):
            print(store.add_span(doc_id, number, number + 5, "actor"), flush=True)
        os._exit(0)  # no close: no compaction, the journal alone holds the spans
    elif mode == "spam":
        rng = random.Random(int(sys.argv[3]))
        # A tiny journal limit makes compactions (atomic replace, journal rotation) frequent,
        # so kills land inside them too.
        store = AnnotationStore.open(path, journal_limit=rng.choice([2_000, 20_000, 10_000_000]))
        doc_id = store.add_document(TEXT, source="spam.txt")
        print("ready", flush=True)
        labels = ["actor", "place", "date", "claim"]
        added: list[str] = []
        while True:
            roll = rng.random()
            start = rng.randrange(len(TEXT) - 40)
            end = start + rng.randrange(1, 40)
            if roll < 0.08:
                with store.batch():
                    ids = [
                        store.add_span(doc_id, start + i, end + i, rng.choice(labels))
                        for i in range(rng.randrange(2, 30))
                    ]
                for span_id in ids:
                    print(f"add {span_id}", flush=True)
            elif roll < 0.12:
                store.compact()
            elif roll < 0.15:
                victim = store.add_span(doc_id, start, end, "misc")
                store.delete_span(victim)
                print(f"del {victim}", flush=True)
            elif roll < 0.2 and len(set(added)) > 1:
                claim, actor = rng.sample(sorted(set(added)), 2)
                print(f"rel {store.add_relation(doc_id, claim, actor)}", flush=True)
            else:
                added.append(store.add_span(doc_id, start, end, rng.choice(labels)))
                print(f"add {added[-1]}", flush=True)


if __name__ == "__main__":
    main()
