"""The reader's web server: textual-serve's `Server` with our page, routes, token and shutdown.

Each websocket connection runs its own `python -m reader --store S [PATH ...]` (argv, no
shell) in its own session, so a Ctrl+C on the server's terminal reaches the server only, and
the server then asks every app to quit (each closes its store and lock) before it exits; an
app that does not quit in time is terminated, then killed.
"""

from __future__ import annotations

import asyncio
import logging
import signal
import sys
import unicodedata
from asyncio.subprocess import Process
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote

import aiohttp_jinja2
import jinja2
from aiohttp import web
from textual_serve.app_service import AppService
from textual_serve.server import Server, to_int

from reader.serve.access import token_middleware

TEMPLATES = Path(__file__).parent / "templates"
QUIT_WAIT = 5.0  # seconds an app has to quit (and close its store) before it is terminated
ANNOTATOR_MAX = 64


class ReaderAppService(AppService):
    """One connection's app process, started from an argv list in a session of its own."""

    def __init__(self, argv: Sequence[str], **options: Any) -> None:
        super().__init__(" ".join(argv), **options)
        self.argv = list(argv)

    async def _open_app_process(self, width: int = 80, height: int = 24) -> Process:
        self._process = process = await asyncio.create_subprocess_exec(
            *self.argv,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            env=self._build_environment(width=width, height=height),
            start_new_session=True,  # the terminal's Ctrl+C is the server's to handle
        )
        assert process.stdin is not None
        self._stdin = process.stdin
        return process

    async def stop(self) -> None:
        """Ask the app to quit (it closes its store); terminate, then kill, an app that has not
        quit after QUIT_WAIT seconds; then let the reader of its output finish."""
        process = self._process
        if process is not None and process.returncode is None:
            await self.send_meta({"type": "quit"})
            for stop in (None, process.terminate, process.kill):
                if stop is not None:
                    stop()
                try:
                    await asyncio.wait_for(process.wait(), QUIT_WAIT)
                    break
                except TimeoutError:
                    continue
        if self._task is not None:
            await self._task
            self._task = None


def annotator_argument(name: str) -> list[str]:
    """`--annotator NAME` for a name given in the URL; ValueError if it is no fit name."""
    if not name:
        return []
    if (
        len(name) > ANNOTATOR_MAX
        or name != name.strip()
        or any(unicodedata.category(char)[0] in "CZ" and char != " " for char in name)
    ):
        raise ValueError(f"not an annotator name: {name[:ANNOTATOR_MAX]!r}")
    return ["--annotator", name]


class ReaderServer(Server):
    """Serves the reader: `/?token=T[&annotator=NAME]` is the page, `/ws[/NAME]` its app."""

    def __init__(
        self,
        app_argv: Sequence[str],
        *,
        host: str,
        port: int,
        token: str,
        title: str = "reader",
    ) -> None:
        super().__init__(
            " ".join(app_argv), host=host, port=port, title=title, templates_path=TEMPLATES
        )
        self.app_argv = list(app_argv)
        self.token = token
        self.services: set[ReaderAppService] = set()

    @property
    def url(self) -> str:
        """The URL to open, token included."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}/?token={self.token}"

    def initialize_logging(self) -> None:
        """textual-serve logs through Rich at INFO; we print our own lines and keep its errors."""
        super().initialize_logging()
        logging.getLogger("textual-serve").setLevel(logging.WARNING)
        logging.getLogger("aiohttp.access").setLevel(logging.WARNING)

    async def _make_app(self) -> web.Application:
        app = web.Application(middlewares=[token_middleware(self.token, self.port)])
        aiohttp_jinja2.setup(
            app, loader=jinja2.FileSystemLoader(self.templates_path), autoescape=True
        )
        app.add_routes(
            [
                web.get("/", self.handle_index, name="index"),
                web.get("/ws", self.handle_websocket, name="websocket"),
                web.get("/ws/{annotator}", self.handle_websocket),
                web.static("/static", self.statics_path, name="static"),
            ]
        )
        app.on_shutdown.append(self.on_shutdown)
        return app

    def _listening(self, _aiohttp_message: str) -> None:
        self.console.print(f"reader: serving on {self.url}", highlight=False, soft_wrap=True)
        self.console.print(
            "reader: Ctrl+C stops the server and every app it started", highlight=False
        )

    async def handle_index(self, request: web.Request) -> web.Response:
        """The page: our template, the websocket path with the URL's annotator in it."""
        annotator = request.query.get("annotator", "")
        try:
            annotator_argument(annotator)
        except ValueError as error:
            raise web.HTTPBadRequest(text=f"400: {error}\n") from None
        websocket = "/ws" + (f"/{quote(annotator, safe='')}" if annotator else "")
        context = {
            "title": self.title,
            "font_size": to_int(request.query.get("fontsize", "16"), 16),
            "websocket_path": websocket,
        }
        return aiohttp_jinja2.render_template("index.html", request, context)

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """One app process for the life of one websocket (textual-serve's loop, our process)."""
        try:
            extra = annotator_argument(request.match_info.get("annotator", ""))
        except ValueError as error:
            raise web.HTTPBadRequest(text=f"400: {error}\n") from None
        websocket = web.WebSocketResponse(heartbeat=15)
        width = to_int(request.query.get("width", "80"), 80)
        height = to_int(request.query.get("height", "24"), 24)
        await websocket.prepare(request)
        service = ReaderAppService(
            [*self.app_argv, *extra],
            write_bytes=websocket.send_bytes,
            write_str=websocket.send_str,
            close=websocket.close,
            download_manager=self.download_manager,
        )
        self.services.add(service)
        try:
            await service.start(width, height)
            await self._process_messages(websocket, service)
        except asyncio.CancelledError:
            pass
        finally:
            await self._stop(service)
            await websocket.close()
        return websocket

    async def _stop(self, service: ReaderAppService) -> None:
        await service.stop()
        self.services.discard(service)

    async def on_shutdown(self, app: web.Application) -> None:
        """Every app still running quits (closing its store) before the server exits."""
        await asyncio.gather(*(self._stop(service) for service in list(self.services)))

    def serve(self, debug: bool = False) -> None:
        """Run until Ctrl+C (SIGINT) or SIGTERM."""
        self.debug = debug
        self.initialize_logging()
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, self.request_exit)
        web.run_app(
            self._make_app(),
            host=self.host,
            port=self.port,
            handle_signals=False,
            loop=loop,
            print=self._listening,
            shutdown_timeout=QUIT_WAIT,
        )


def app_argv(store: Path, paths: Sequence[Path], extra: Sequence[str] = ()) -> list[str]:
    """The command each connection runs: this Python, the reader, this store, these paths."""
    return [
        sys.executable,
        "-m",
        "reader",
        "--store",
        str(store),
        *extra,
        *(str(path.resolve()) for path in paths),
    ]
