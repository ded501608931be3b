"""A small IMAP4rev1 server on asyncio for the tests: one mailbox (INBOX) held in memory, speaking
enough of RFC 3501 for imap-tools (CAPABILITY, LOGIN, SELECT, STATUS, UID SEARCH, UID FETCH,
UID STORE, EXPUNGE, NOOP, LOGOUT). No package on PyPI offered a maintained one usable in tests.

It runs in a thread of its own, on a port the system picks; `stop()` takes it down (listener
and every open connection, as a crashed server would) and `start()` brings it back on the same
port with the same messages. `drop_on` names a command at which the server hangs up instead of
answering, to test a connection lost half-way through a poll."""

from __future__ import annotations

import asyncio
import re
import threading
from dataclasses import dataclass, field


@dataclass
class StoredMessage:
    uid: int
    raw: bytes
    flags: set[str] = field(default_factory=set)


class ImapServer:
    def __init__(self, *, user: str = "kesu", password: str = "secret") -> None:  # noqa: S107
        self.user = user
        self.password = password
        self.uidvalidity = 1_700_000_000
        self.messages: list[StoredMessage] = []
        self.next_uid = 1
        self.port = 0
        self.drop_on: str = ""
        self.commands: list[str] = []
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._thread.start()
        self._server: asyncio.base_events.Server | None = None
        self._writers: set[asyncio.StreamWriter] = set()
        self._lock = threading.Lock()

    # --- control from the test ----------------------------------------------------------
    def add(self, raw: bytes) -> int:
        with self._lock:
            uid = self.next_uid
            self.next_uid += 1
            self.messages.append(StoredMessage(uid, raw))
            return uid

    def unseen(self) -> list[int]:
        with self._lock:
            return [m.uid for m in self.messages if "\\Seen" not in m.flags]

    def start(self) -> ImapServer:
        asyncio.run_coroutine_threadsafe(self._start(), self._loop).result(timeout=10)
        return self

    def stop(self) -> None:
        asyncio.run_coroutine_threadsafe(self._stop(), self._loop).result(timeout=10)

    def close(self) -> None:
        self.stop()
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)

    async def _start(self) -> None:
        self._server = await asyncio.start_server(
            self._session, "127.0.0.1", self.port, reuse_address=True
        )
        self.port = self._server.sockets[0].getsockname()[1]

    async def _stop(self) -> None:
        if self._server is not None:
            self._server.close()
            for writer in list(self._writers):
                writer.transport.abort()
            await self._server.wait_closed()
            self._server = None

    # --- the protocol -------------------------------------------------------------------
    async def _session(  # noqa: PLR0912 — one branch per IMAP command
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter
    ) -> None:
        self._writers.add(writer)
        selected = False
        try:
            writer.write(b"* OK [CAPABILITY IMAP4rev1] kesu test IMAP server ready\r\n")
            while line := await reader.readline():
                tag, _, rest = line.decode().rstrip("\r\n").partition(" ")
                command, _, args = rest.partition(" ")
                command = command.upper()
                if command == "UID":
                    sub, _, args = args.partition(" ")
                    command = f"UID {sub.upper()}"
                self.commands.append(command)
                if self.drop_on and self.drop_on == command:
                    writer.transport.abort()
                    return
                if command == "CAPABILITY":
                    writer.write(b"* CAPABILITY IMAP4rev1\r\n")
                elif command == "LOGIN":
                    user, password = [a.strip('"') for a in args.split(" ", 1)]
                    if (user, password) != (self.user, self.password):
                        writer.write(f"{tag} NO [AUTHENTICATIONFAILED] wrong\r\n".encode())
                        continue
                elif command in {"SELECT", "EXAMINE"}:
                    selected = True
                    with self._lock:
                        count = len(self.messages)
                    writer.write(
                        f"* FLAGS (\\Seen \\Deleted)\r\n* {count} EXISTS\r\n* 0 RECENT\r\n"
                        f"* OK [UIDVALIDITY {self.uidvalidity}] ok\r\n"
                        f"* OK [UIDNEXT {self.next_uid}] ok\r\n".encode()
                    )
                    writer.write(f"{tag} OK [READ-WRITE] SELECT completed\r\n".encode())
                    continue
                elif command == "STATUS":
                    writer.write(f'* STATUS "INBOX" (UIDVALIDITY {self.uidvalidity})\r\n'.encode())
                elif command == "UID SEARCH" and selected:
                    with self._lock:
                        found = [
                            m.uid
                            for m in self.messages
                            if "UNSEEN" not in args.upper() or "\\Seen" not in m.flags
                        ]
                    writer.write(("* SEARCH " + " ".join(map(str, found))).rstrip().encode())
                    writer.write(b"\r\n")
                elif command == "UID FETCH" and selected:
                    self._fetch(writer, args)
                elif command == "UID STORE" and selected:
                    self._store(writer, args)
                elif command == "EXPUNGE":
                    with self._lock:
                        self.messages = [m for m in self.messages if "\\Deleted" not in m.flags]
                elif command == "LOGOUT":
                    writer.write(b"* BYE\r\n")
                    writer.write(f"{tag} OK LOGOUT completed\r\n".encode())
                    await writer.drain()
                    break
                elif command != "NOOP":
                    writer.write(f"{tag} BAD unknown command\r\n".encode())
                    continue
                writer.write(f"{tag} OK {command} completed\r\n".encode())
                await writer.drain()
        except (ConnectionError, asyncio.IncompleteReadError):
            pass
        finally:
            self._writers.discard(writer)
            writer.close()

    def _uids(self, spec: str) -> set[int]:
        wanted: set[int] = set()
        for part in spec.split(","):
            if ":" in part:
                low, high = part.split(":")
                top = self.next_uid if high == "*" else int(high)
                wanted.update(range(int(low), top + 1))
            else:
                wanted.add(int(part))
        return wanted

    def _fetch(self, writer: asyncio.StreamWriter, args: str) -> None:
        spec, _, items = args.partition(" ")
        peek = "PEEK" in items.upper()
        wanted = self._uids(spec)
        with self._lock:
            for seq, message in enumerate(self.messages, start=1):
                if message.uid not in wanted:
                    continue
                if not peek:
                    message.flags.add("\\Seen")
                flags = " ".join(sorted(message.flags))
                head = (
                    f"* {seq} FETCH (UID {message.uid} FLAGS ({flags}) "
                    f"RFC822.SIZE {len(message.raw)} BODY[] {{{len(message.raw)}}}\r\n"
                )
                writer.write(head.encode() + message.raw + b")\r\n")

    def _store(self, writer: asyncio.StreamWriter, args: str) -> None:
        match = re.match(r"(\S+) ([+-]?)FLAGS(?:\.SILENT)? \((.*)\)", args, re.IGNORECASE)
        if match is None:
            return
        spec, sign, flags = match.groups()
        wanted = self._uids(spec)
        with self._lock:
            for seq, message in enumerate(self.messages, start=1):
                if message.uid not in wanted:
                    continue
                names = set(flags.split())
                if sign == "+":
                    message.flags |= names
                elif sign == "-":
                    message.flags -= names
                else:
                    message.flags = names
                listed = " ".join(sorted(message.flags))
                writer.write(f"* {seq} FETCH (UID {message.uid} FLAGS ({listed}))\r\n".encode())
