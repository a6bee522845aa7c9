"""Diagnosis and repair of a store, for `reader check [--repair]`.

`diagnose` only reads. `repair` takes the writer lock, rebuilds the store leniently in memory,
from the TinyDB file if it is readable (skipping bad records) or else from `.bak`, then replays
every intact commit of `.journal.bak` and `.journal` newer than that, and re-anchors spans whose
quote no longer matches the document. Before it replaces a file it keeps a copy of it as
`<file>.damaged-<time>`; `.bak` and `.journal.bak` are never touched.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reader.store import journal, tinyfile
from reader.store.anchor import locate
from reader.store.errors import StoreDamagedError
from reader.store.files import StorePaths, atomic_write, make_directories
from reader.store.loading import exists, load, replay
from reader.store.lock import WriterLock
from reader.store.model import check_range, context
from reader.store.state import State


@dataclass
class Counts:
    """What a store holds."""

    documents: int = 0
    spans: int = 0
    orphaned: int = 0
    mismatched: list[str] = field(
        default_factory=list
    )  # anchored spans whose text is not the slice

    @classmethod
    def of(cls, state: State) -> Counts:
        counts = cls(documents=len(state.docs), spans=len(state.spans))
        for span in state.spans.values():
            if span["orphaned"]:
                counts.orphaned += 1
            elif _mismatched(span, state.docs[span["doc_id"]]["text"]):
                counts.mismatched.append(span["id"])
        return counts

    def __str__(self) -> str:
        return (
            f"{self.documents} documents, {self.spans} spans, {self.orphaned} orphaned, "
            f"{len(self.mismatched)} whose text differs from the document"
        )


@dataclass
class Recovery:
    """A store rebuilt leniently in memory, and what that took or lost."""

    state: State
    source: str  # where it started from
    notes: list[str] = field(default_factory=list)  # what was skipped or lost
    replayed: int = 0  # journal commits applied
    base_damaged: bool = False
    journal_damaged: bool = False


@dataclass
class Diagnosis:
    """What `reader check` found."""

    paths: StorePaths
    exists: bool = True
    damage: StoreDamagedError | None = None  # why the store does not open
    counts: Counts = field(default_factory=Counts)  # of the store, or of what repair would recover
    pending: int = 0  # journal commits not yet in the TinyDB file
    torn_bytes: int = 0  # an unfinished last journal line (ignored)
    backup: str = "none"  # state of `.bak`
    recovery: Recovery | None = None  # when damaged: what repair would do

    @property
    def ok(self) -> bool:
        return self.exists and self.damage is None and not self.counts.mismatched


def diagnose(path: Path) -> Diagnosis:
    """Read the store and say what is wrong with it, if anything; changes no file."""
    paths = StorePaths.of(path)
    result = Diagnosis(paths)
    result.backup = _backup_state(paths.backup)
    if not exists(paths.base):
        result.exists = False
        if any(exists(p) for p in (paths.journal, paths.backup, paths.journal_backup)):
            result.damage = StoreDamagedError(
                paths.base, "the file is missing but its journal or backup is there"
            )
            result.recovery = recover(paths)
            result.counts = Counts.of(result.recovery.state)
        return result
    try:
        snapshot = load(paths)
    except StoreDamagedError as damage:
        result.damage = damage
        result.recovery = recover(paths)
        result.counts = Counts.of(result.recovery.state)
        return result
    result.counts = Counts.of(snapshot.state)
    result.pending = snapshot.replay.applied
    result.torn_bytes = snapshot.scan.torn_bytes
    return result


def recover(paths: StorePaths) -> Recovery:
    """Rebuild the store from whatever is intact, in memory (see the module docstring).

    Tries the TinyDB file (bad records skipped) and `.bak`, each with every intact journal commit
    after it (`.journal.bak` then `.journal`), and keeps the one that lost least: a readable
    file wins outright; a damaged one loses to `.bak` plus a gapless journal chain.
    """
    entries: dict[int, journal.Entry] = {}
    journal_notes: list[str] = []
    journal_damaged = False
    for path in (paths.journal_backup, paths.journal):
        scan = journal.read(path)
        for line, why in scan.damaged:
            journal_notes.append(f"{path.name} line {line} is unreadable ({why}): skipped")
            journal_damaged = journal_damaged or path == paths.journal
        for entry in scan.entries:
            entries.setdefault(entry.seq, entry)
    chain = [entries[seq] for seq in sorted(entries)]

    candidates: list[Recovery] = []
    problems: list[str] = []
    for path, name in ((paths.base, "the store file"), (paths.backup, "the backup")):
        if not exists(path):
            problems.append(f"{path.name} is missing")
            continue
        try:
            loaded = tinyfile.parse(path.read_bytes(), strict=False)
        except (tinyfile.Damage, OSError) as damage:
            problems.append(f"{path.name}: {damage}")
            continue
        recovery = Recovery(
            loaded.state, f"{name} {path}", base_damaged=path != paths.base or bool(loaded.skipped)
        )
        recovery.notes.extend(f"{path.name}: {skipped}: skipped" for skipped in loaded.skipped)
        candidates.append(recovery)
        if path == paths.base and not loaded.skipped:
            break  # the file is sound: no reason to look at older copies
    if not candidates:
        candidates.append(
            Recovery(State(), "nothing (no readable store file or backup)", base_damaged=True)
        )
    for recovery in candidates:
        replayed = replay(recovery.state, chain, paths, strict=False)
        recovery.replayed = replayed.applied
        recovery.notes.extend(replayed.problems)
        recovery.journal_damaged = journal_damaged or bool(replayed.problems)
    best = min(candidates, key=lambda r: len(r.notes))
    if best is not candidates[0] and candidates[0].source.startswith("the store file"):
        rejected = candidates[0].notes
        problems.append(
            f"{rejected[0]}{f' (and {len(rejected) - 1} more)' if len(rejected) > 1 else ''}; "
            "the backup and journals recover more"
        )
    best.notes[:0] = problems + journal_notes
    return best


@dataclass
class RepairReport:
    """What `repair` did, line by line, and the store's state afterwards."""

    actions: list[str] = field(default_factory=list)
    after: Diagnosis | None = None


def repair(path: Path) -> RepairReport:
    """Rebuild the store from what is intact and write it, keeping copies of the files it replaces."""
    paths = StorePaths.of(path)
    report = RepairReport()
    make_directories(paths.base.parent)
    lock = WriterLock.acquire(paths.lock, paths.base)
    try:
        before = diagnose(paths.base)
        if before.ok or (not before.exists and before.damage is None):
            report.actions.append("nothing to repair")
            report.after = before
            return report
        recovery = recover(paths)
        report.actions.append(f"started from {recovery.source}")
        report.actions.extend(recovery.notes)
        if recovery.replayed:
            report.actions.append(f"replayed {recovery.replayed} journal commits")
        report.actions.extend(reanchor_mismatched(recovery.state))
        if exists(paths.base):
            copy = paths.damaged_copy(paths.base)
            shutil.copy2(paths.base, copy)
            report.actions.append(f"kept the store file as it was in {copy}")
        if recovery.journal_damaged and exists(paths.journal):
            copy = paths.damaged_copy(paths.journal)
            shutil.copy2(paths.journal, copy)
            report.actions.append(f"kept the damaged journal as {copy}")
        atomic_write(paths.base, tinyfile.encode(recovery.state), paths.temporary(paths.base))
        if recovery.journal_damaged and exists(paths.journal):
            # Its intact commits are in the file now, and its bad lines would stop every open.
            # A sound journal is left alone: its commits are stale (the file has them) and keep
            # `.bak` + `.journal.bak` + `.journal` a complete chain until the next compaction.
            atomic_write(paths.journal, b"", paths.temporary(paths.journal))
        report.actions.append(f"wrote {paths.base}: {Counts.of(recovery.state)}")
    finally:
        lock.release()
    report.after = diagnose(paths.base)
    return report


def reanchor_mismatched(state: State) -> list[str]:
    """Find anchored spans whose quote is not at their offsets again; orphan those not found."""
    notes = []
    for span in list(state.spans.values()):
        text = state.docs[span["doc_id"]]["text"]
        if span["orphaned"] or not _mismatched(span, text):
            continue
        found = locate(text, span["text"], span["prefix"], span["suffix"], span["start"])
        if found is None:
            record = dict(span, orphaned=True)
            notes.append(
                f"span {span['id']} ({span['label']!r}): its text is not in the document; marked orphaned"
            )
        else:
            end = found + len(span["text"])
            prefix, suffix = context(text, found, end)
            record = dict(span, start=found, end=end, prefix=prefix, suffix=suffix)
            notes.append(
                f"span {span['id']} ({span['label']!r}): moved from {span['start']} to {found} where its text is"
            )
        state.set_span(span["id"], record)
    return notes


def _mismatched(span: dict[str, Any], text: str) -> bool:
    return (
        check_range(span["start"], span["end"], len(text)) is not None
        or text[span["start"] : span["end"]] != span["text"]
    )


def _backup_state(path: Path) -> str:
    if not exists(path):
        return "none"
    try:
        state = tinyfile.parse(path.read_bytes(), strict=True).state
    except (tinyfile.Damage, OSError) as damage:
        return f"unreadable ({damage})"
    return f"ok ({len(state.docs)} documents, {len(state.spans)} spans)"
