"""Subcommands of ``outlet-desk``.  Each module here defines ``register(subparsers)``; the parser it
adds sets ``handler=fn(args) -> int``.  Modules are discovered, no registration needed."""
