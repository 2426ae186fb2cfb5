"""What every benchmark prints first: the machine and the database it ran on."""

import os
import platform
from pathlib import Path


def machine() -> str:
    cpu = next(
        (line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
         if line.startswith("model name")),
        platform.processor(),
    )  # fmt: skip
    return f"{os.cpu_count()} CPUs ({cpu}), Python {platform.python_version()}"


def database(connection) -> str:
    if connection.vendor == "sqlite":
        return f"database: SQLite {connection.Database.sqlite_version}"
    version = ".".join(map(str, connection.get_database_version()))
    return f"database: {connection.vendor} {version}"
