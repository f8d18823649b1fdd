"""Where a PostgreSQL URL points, read the way asyncpg reads it, without ever keeping its password.

The URL may name several hosts (`db1:5432,db2:5433`, as libpq allows), an IPv6 address in
brackets, or a socket folder in `?host=`; anything asyncpg would trip over with a traceback is
refused here with a reason that quotes no part of the user name, password or query.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlsplit

SCHEMES = ("postgresql", "postgres")
BRACKETED = re.compile(r"\[([^\]]*)\](?::(.*))?")


class BadAddress(ValueError):
    """Why a URL cannot be used; the text holds no secret."""


def _port(text: str) -> str:
    # Never quoted: with an unescaped / or @ in the password, this may be a piece of it.
    if not (text.isascii() and text.isdigit() and 1 <= int(text) <= 65535):
        raise BadAddress("the port must be a number from 1 to 65535")
    return str(int(text))


def _host(spec: str) -> str:
    if not spec:
        raise BadAddress("a host in the list is empty")
    if spec.startswith("/"):  # a socket folder
        return spec
    if spec.startswith("["):
        if not (found := BRACKETED.fullmatch(spec)):
            raise BadAddress("an IPv6 address in [ ] is not closed")
        address, port = found.groups()
        return f"[{address}]" + (f":{_port(port)}" if port is not None else "")
    if "]" in spec:
        raise BadAddress("an IPv6 address in [ ] is not opened")
    name, colon, port = spec.partition(":")
    return name + (f":{_port(port)}" if colon else "")


def hosts_and_database(url: str) -> tuple[list[str], str]:
    """(the hosts with their ports, the database name) of `url`; BadAddress if asyncpg could
    not use it. The user name and password are dropped unread."""
    scheme, separator, rest = url.partition("://")
    if scheme not in SCHEMES or not separator:
        raise BadAddress("it must start with postgresql:// or postgres://")
    authority = rest.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]
    if authority.count("@") > 1:
        raise BadAddress("an @ in the user name or password must be written %40")
    hostspec = authority.rpartition("@")[2]
    if hostspec.count("[") != hostspec.count("]"):
        raise BadAddress("an IPv6 address in [ ] is not closed")
    try:
        parts = urlsplit(url)
    except ValueError:
        raise BadAddress("it is not a URL") from None
    try:
        query = parse_qsl(parts.query, keep_blank_values=True, strict_parsing=True) if parts.query else []
    except ValueError:
        raise BadAddress("after ? come name=value pairs joined by &") from None
    hosts = [_host(spec) for spec in hostspec.split(",")] if hostspec else []
    for name, value in query:
        if name == "port":
            for port in value.split(","):
                _port(port)
    return hosts, parts.path.lstrip("/")


def describe(url: str) -> str:
    """Where a URL points, for logs and messages: hosts, ports and database, never the password
    (and never a traceback: a URL that cannot be read is named as such)."""
    try:
        hosts, database = hosts_and_database(url)
    except BadAddress:
        return "postgresql://(an address that cannot be read)"
    shown = ",".join(host for host in hosts if not host.startswith("/")) or "localhost"
    return f"postgresql://{shown}/{database}"
