"""Where `enplan demo --web` may listen, checked before anything starts.

textual-serve has no login, so anyone who can reach the address can use
the demo: the server listens on the loopback address unless ``--public``
says otherwise, and then a warning is printed. A port that is in use or a
host that cannot be bound is one sentence (a ``Refusal``, exit 2), found by
binding a socket first, so nothing is built or started.
"""

from __future__ import annotations

import errno
import ipaddress
import socket

from ..domain.errors import Refusal
from ..domain.phrases import Phrase

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


def is_loopback(host: str) -> bool:
    """127.0.0.1, any 127.x.y.z, ::1 and localhost: reachable from this machine only."""
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_host(host: str, port: int, public: bool) -> Phrase | None:
    """Refuse a host beyond the loopback address without --public; with it, the warning to print (or None)."""
    if not host.strip():
        raise Refusal(Phrase("--host is empty; leave it out to listen on {default} (this machine only).",
                             default=DEFAULT_HOST))
    if is_loopback(host):
        return None
    if not public:
        raise Refusal(Phrase("Listening on {host} would let anyone who can reach it use the demo, and there is no "
                             "login; add --public to do it anyway.", host=host))
    return Phrase("Warning: anyone who can reach {host} on port {port} can use this demo, as there is no login; "
                  "it holds demo data only.", host=host, port=port)


def url_for(host: str, port: int) -> str:
    """The address to open in a browser (a wildcard host means this machine)."""
    shown = host.strip("[]")
    if shown in ("0.0.0.0", "::", ""):  # noqa: S104 - shown, not bound
        shown = "localhost" if shown != "::" else "::1"
    if ":" in shown:
        shown = f"[{shown}]"
    return f"http://{shown}:{port}/"


def check_port(port: int) -> None:
    if not 1 <= port <= 65535:
        raise Refusal(Phrase("--port must be a number from 1 to 65535, not {port}.", port=port))


def check_listen(host: str, port: int) -> None:
    """Bind (without listening) every address ``host`` means, as the server will; one sentence when one fails."""
    check_port(port)
    try:
        infos = socket.getaddrinfo(host.strip("[]"), port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except (socket.gaierror, UnicodeError, ValueError):
        raise Refusal(Phrase("Cannot listen on host {host}: it is not a name or address this machine knows.",
                             host=host)) from None
    for family, kind, proto, _name, address in infos:
        with socket.socket(family, kind, proto) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as aiohttp does
            try:
                probe.bind(address)
            except OSError as exc:
                raise Refusal(bind_sentence(exc, host, port)) from None


def bind_sentence(exc: OSError, host: str, port: int) -> Phrase:
    """The sentence for a failed bind: the port in use, no such address here, or a port that needs privileges."""
    if exc.errno == errno.EADDRINUSE:
        return Phrase("Port {port} is already in use; choose another with --port.", port=port)
    if exc.errno == errno.EADDRNOTAVAIL:
        return Phrase("Cannot listen on host {host}: it is not an address of this machine.", host=host)
    if exc.errno in (errno.EACCES, errno.EPERM):
        return Phrase("Cannot listen on port {port}: it needs administrator rights; choose a port above 1023 with "
                      "--port.", port=port)
    return Phrase("Cannot listen on host {host}, port {port}: {reason}.", host=host, port=port,
                  reason=(exc.strerror or str(exc)).rstrip("."))
