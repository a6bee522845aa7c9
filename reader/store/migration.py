"""Moving a single-file store (format version 1) to the manifest layout (version 2).

Done by the first writable open, under the writer's lock, with the old store read whole and
its journal replayed. Order, so that a crash at any point leaves a store that opens with
everything: write every document's file; keep the old files as hard links in
`<store>.v1-backup/`; replace the main file with the manifest (the switch); then remove the old
journal and backups from beside it (their links stay in the backup folder). A crash before the
switch leaves the old store, and the next open migrates again.
"""

from __future__ import annotations

import os
import shutil

from reader.store import layout
from reader.store.files import (
    StorePaths,
    atomic_write,
    atomic_write_many,
    fsync_directory,
    make_directories,
)
from reader.store.loading import exists
from reader.store.state import State


def migrate(paths: StorePaths, state: State) -> None:
    """Write `state` (a version-1 store read whole) as version 2, keeping the old files."""
    make_directories(paths.documents)
    atomic_write_many(
        [
            (paths.document(layout.file_name(doc_id)), layout.encode_document(data, state.seq))
            for doc_id, data in state.loaded.items()
        ],
        paths.documents,
        backups=False,
    )
    old = [p for p in (paths.base, paths.journal, paths.backup, paths.journal_backup) if exists(p)]
    make_directories(paths.legacy_backup)
    for path in old:
        keep = paths.legacy_backup / path.name
        temporary = keep.with_name(f".{keep.name}.tmp-{os.getpid()}")
        temporary.unlink(missing_ok=True)
        try:
            os.link(path, temporary)
        except OSError:
            shutil.copy2(path, temporary)
        os.replace(temporary, keep)
    fsync_directory(paths.legacy_backup)
    atomic_write(paths.base, layout.encode_manifest(state))
    for path in old[1:]:
        path.unlink(missing_ok=True)
    fsync_directory(paths.base.parent)
