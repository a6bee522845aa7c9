"""The one exception type the command line turns into a single line on stderr."""


class ReaderError(Exception):
    """A user-facing error: its message is one line saying what is wrong, where, and what to do.

    The command line prints `reader: <message>` and exits with `exit_code`; never a traceback.
    """

    exit_code = 1

    def __init__(self, message: str, exit_code: int | None = None) -> None:
        super().__init__(message)
        if exit_code is not None:
            self.exit_code = exit_code
