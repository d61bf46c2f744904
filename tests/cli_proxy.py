"""A TCP proxy on 127.0.0.1 that stops passing the server's bytes after a given count: "mid-blob", on purpose.

The resume tests put it between the tool and a real registry so that a
transfer is sure to be cut in its middle: the proxy passes the first
``stall_after`` bytes the registry sends, then holds the rest back until
:meth:`StallingProxy.cut` closes every connection (the tests stop the
registry first). Each connection is pumped by two threads whose loops end at
end of file or when cut; the listener accepts at most :data:`MAX_CONNECTIONS`.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["MAX_CONNECTIONS", "StallingProxy", "stalling_proxy"]

MAX_CONNECTIONS = 64


class StallingProxy:
    """Forwards 127.0.0.1:``port`` to ``upstream``; the server's bytes stop after ``stall_after`` of them."""

    def __init__(self, upstream: tuple[str, int], stall_after: int) -> None:
        self.upstream = upstream
        self.stall_after = stall_after
        self.passed = 0  # bytes of the server's passed on so far
        self.stalled = threading.Event()
        self._cut = threading.Event()
        self._lock = threading.Lock()
        self._sockets: list[socket.socket] = []
        self._threads: list[threading.Thread] = []
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.2)
        self.port: int = self._listener.getsockname()[1]
        self._accepting = threading.Thread(target=self._accept, daemon=True)
        self._accepting.start()

    @property
    def host(self) -> str:
        return f"127.0.0.1:{self.port}"

    def _next_client(self) -> socket.socket | None:
        while not self._cut.is_set():
            try:
                client, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return None
            return client
        return None

    def _accept(self) -> None:
        for _ in range(MAX_CONNECTIONS):
            client = self._next_client()
            if client is None:
                return
            server = socket.create_connection(self.upstream, timeout=30)
            with self._lock:
                self._sockets += [client, server]
            for source, sink, counted in ((client, server, False), (server, client, True)):
                thread = threading.Thread(target=self._pump, args=(source, sink, counted), daemon=True)
                self._threads.append(thread)
                thread.start()

    def _pump(self, source: socket.socket, sink: socket.socket, counted: bool) -> None:
        while not self._cut.is_set():
            try:
                data = source.recv(1 << 16)
            except OSError:
                break
            if not data:
                break
            if counted:
                with self._lock:
                    room = self.stall_after - self.passed
                    data = data[: max(0, room)]
                    self.passed += len(data)
                if room <= len(data) or not data:
                    self.stalled.set()
            try:
                if data:
                    sink.sendall(data)
            except OSError:
                break
            if counted and self.stalled.is_set():
                self._cut.wait(60)
                break
        try:
            sink.shutdown(socket.SHUT_WR)
        except OSError:
            pass

    def cut(self) -> None:
        """Close every connection and the listener; the pumps end."""
        self._cut.set()
        with self._lock:
            for sock in self._sockets:
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                sock.close()
        self._listener.close()
        for thread in self._threads:
            thread.join(timeout=5)
        self._accepting.join(timeout=5)


@contextmanager
def stalling_proxy(upstream: tuple[str, int], stall_after: int) -> Iterator[StallingProxy]:
    """A :class:`StallingProxy` for the ``with`` block, cut at its end."""
    proxy = StallingProxy(upstream, stall_after)
    try:
        yield proxy
    finally:
        proxy.cut()
