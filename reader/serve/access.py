"""Who may use the server: a random token in the URL, then a cookie, as Jupyter does.

The page is opened as `/?token=T`; the answer sets a cookie (HttpOnly, SameSite=Strict, named
for the port so two servers on one host do not overwrite each other's) that the page's own
requests (script, stylesheet, font, websocket) carry. Any request with neither is refused (403).
"""

from __future__ import annotations

import hmac
import ipaddress
import secrets

from aiohttp import web
from aiohttp.typedefs import Handler, Middleware

REFUSED = "403: this server needs the token in the URL that `reader serve` printed\n"


def new_token() -> str:
    """A fresh random token, 32 hex digits (128 bits)."""
    return secrets.token_hex(16)


def cookie_name(port: int) -> str:
    """The token cookie's name: one per port, as cookies ignore the port."""
    return f"reader-token-{port}"


def is_local_host(host: str) -> bool:
    """Whether binding to `host` keeps the server on this machine (loopback only)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _same_origin(request: web.Request) -> bool:
    """A browser request from another site (a websocket opened by a page elsewhere) says so
    in Origin; requests without Origin (navigation, curl) are judged by the token alone."""
    origin = request.headers.get("Origin")
    if origin is None:
        return True
    return origin.split("://", 1)[-1].rstrip("/") == request.host


def token_middleware(token: str, port: int) -> Middleware:
    """aiohttp middleware: the request carries `token` (query or cookie) from the same origin,
    or gets 403. A good query token is stored in the cookie for the page's later requests."""
    name = cookie_name(port)

    @web.middleware
    async def check(request: web.Request, handler: Handler) -> web.StreamResponse:
        given = request.query.get("token")
        from_query = given is not None
        if given is None:
            given = request.cookies.get(name, "")
        if not (hmac.compare_digest(given, token) and _same_origin(request)):
            return web.Response(status=403, text=REFUSED)
        response = await handler(request)
        if from_query and not response.prepared:
            response.set_cookie(name, token, httponly=True, samesite="Strict")
        return response

    return check
