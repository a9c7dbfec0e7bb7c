"""Options every ``kg`` command shares: which configuration to load.

Defaults < ``config.yaml`` (the one named with ``--config``, else ``./config.yaml`` when
there is one) < the command's own flags.
"""

from __future__ import annotations

import argparse
from pathlib import Path

__all__ = ["add_config_argument", "config_source"]


def add_config_argument(p: argparse.ArgumentParser) -> None:
    """Add ``--config FILE`` to a command."""
    p.add_argument(
        "--config",
        help="YAML configuration (default: ./config.yaml when present, else the defaults)",
    )


def config_source(args: argparse.Namespace) -> str | None:
    """The configuration the user named, else ./config.yaml when there is one."""
    if getattr(args, "config", None):
        return str(args.config)
    return "config.yaml" if Path("config.yaml").is_file() else None
