"""A document's status: the workflow's names, as JSON holds them and as people read them.

Its own module: the app shows statuses in its first frame, and the rest of the data model
(the records' types and checks) is not needed to paint.
"""

from __future__ import annotations

from enum import StrEnum


class Status(StrEnum):
    """A document's place in the workflow. The value is what JSON holds; `display` what people read.

    The one set of names for the store, the formats, the app and `reader stats`.
    """

    TODO = "todo"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    SKIPPED = "skipped"
    REVIEWED = "reviewed"  # a gold document whose conflicts are all settled (reader adjudicate)

    @property
    def display(self) -> str:
        """ "to do", "in progress", "done", "skipped"."""
        return _DISPLAY[self]


_DISPLAY = {
    Status.TODO: "to do",
    Status.IN_PROGRESS: "in progress",
    Status.DONE: "done",
    Status.SKIPPED: "skipped",
    Status.REVIEWED: "reviewed",
}

#: The statuses a document can have (their JSON values), in workflow order.
STATUSES: tuple[str, ...] = tuple(status.value for status in Status)


def status_display(status: str) -> str:
    """The display name of a status value ("in_progress" -> "in progress"); unknown values as they are."""
    try:
        return Status(status).display
    except ValueError:
        return status


def check_status(status: object) -> str | None:
    """What is wrong with a status value, or None."""
    if status not in STATUSES:
        return f"status must be one of {', '.join(STATUSES)}, got {status!r}"
    return None
