"""Which documents several stores share: matched by id, else by the sha256 of their text.

Annotators' stores made by `reader assign` share ids; stores filled by hand (each annotator
opening the same folder, or importing the same file) may not, so a document no other store
knows by id is matched by its text. A document with the same id as another store's but a
different text cannot be compared (its offsets mean other things): every version of it is set
aside and reported.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Group:
    """One document as found in several stores: store index -> that store's document row."""

    key: str  # the id it has in the first store that holds it
    sha256: str
    members: dict[int, Mapping[str, Any]] = field(default_factory=dict)
    clash: bool = False  # another store has a different text under this id: set aside

    def shared_by(self, *stores: int, status: str | None = None) -> bool:
        """True when every one of `stores` holds it (each with `status`, if given)."""
        return all(
            i in self.members and (status is None or self.members[i].get("status") == status)
            for i in stores
        )


@dataclass
class Mismatch:
    """A document whose id another store gives to a different text."""

    store: int
    doc_id: str
    other: int  # the store whose document has that id


@dataclass
class Matching:
    groups: list[Group]
    mismatches: list[Mismatch]

    def shared(self, *stores: int, status: str | None = None) -> list[Group]:
        return [group for group in self.usable() if group.shared_by(*stores, status=status)]

    def usable(self) -> list[Group]:
        """The groups whose id means one text in every store (the others are set aside)."""
        return [group for group in self.groups if not group.clash]

    def only(self, store: int, other: int) -> list[str]:
        """Ids of `store`'s documents that `other` does not hold."""
        return [
            str(group.members[store]["id"])
            for group in self.usable()
            if store in group.members and other not in group.members
        ]


def match_documents(listings: Sequence[Sequence[Mapping[str, Any]]]) -> Matching:
    """Group the documents of several stores (each a list of rows with "id" and "sha256")."""
    groups: list[Group] = []
    by_id: dict[str, Group] = {}
    by_sha: dict[str, list[Group]] = {}
    mismatches: list[Mismatch] = []
    for store, rows in enumerate(listings):
        for row in rows:
            doc_id, sha = str(row["id"]), str(row["sha256"])
            group = by_id.get(doc_id)
            if group is not None and group.sha256 != sha:
                mismatches.append(Mismatch(store, doc_id, min(group.members)))
                group.clash = True
                continue
            if group is not None and store in group.members:
                group = None  # one store holding the same text twice: the second stands alone
            if group is None:
                group = next((g for g in by_sha.get(sha, ()) if store not in g.members), None)
            if group is None:
                group = Group(doc_id, sha)
                groups.append(group)
                by_sha.setdefault(sha, []).append(group)
            by_id.setdefault(doc_id, group)
            group.members[store] = row
    return Matching(groups, mismatches)
