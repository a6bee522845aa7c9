"""One module per `reader` subcommand: `HELP`, `configure(parser)`, `run(args, config)`."""
