"""One module per `reader` subcommand: `configure(parser)` and `run(args, config)`."""
