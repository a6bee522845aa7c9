"""The Textual app: the article view, the documents panel, search, status bar and help.

Built by one factory, `reader.ui.app.make_app`, for both the command line and the tests.
Nothing here is imported by `reader cat` or the other subcommands, so they never load Textual.
"""
