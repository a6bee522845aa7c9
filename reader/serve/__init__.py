"""`reader serve`'s server side: the reader app in a browser, one app process per connection.

Built on textual-serve (its aiohttp server, its xterm.js page script and its per-connection
process runner), with our own page template (no request leaves the machine), a token every
request must carry, and a shutdown that closes every app it started. No Textual import here:
the apps are child processes (`python -m reader ...`) that Textual's web driver runs.
"""
