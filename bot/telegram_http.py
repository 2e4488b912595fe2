"""The bot's HTTP client for the Bot API: PTB's `BaseRequest` on aiohttp.

PTB's default, `HTTPXRequest`, spends about 0.7 ms of CPU on each call on this machine; aiohttp
(already the emulator's and the webhook's server) about 0.15 ms. A press of a scoring button
makes three calls (the getUpdates that brings it, the answer, the edit), so the client was a
fifth of the press's time (`python -m bench.tpi_button`). The wire format stays what PTB's
own client sends: form fields, or multipart when files go along.

Timeouts keep PTB's meaning: `connect_timeout` to open a connection, `read_timeout` for each
read of the answer, `pool_timeout` to wait for a free connection (aiohttp counts it with the
connect); aiohttp has no timeout for writing alone, so an upload's `write_timeout` (or
`media_write_timeout`) bounds the whole call together with the others. Errors become PTB's
`TimedOut` and `NetworkError`, with the bot's token taken out of every URL they quote.
"""

from __future__ import annotations

import re

import aiohttp
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData

TOKEN_IN_URL = re.compile(r"/(?:file/)?bot[^/\s]+/")
DEFAULTS = {"connect": 5.0, "read": 5.0, "write": 5.0, "pool": 1.0}
"""PTB's defaults for HTTPXRequest, kept."""


class AiohttpRequest(BaseRequest):
    """A pooled aiohttp session that PTB's `Bot` calls the Bot API through."""

    def __init__(self, connection_pool_size: int = 1, media_write_timeout: float = 20.0,
                 read_timeout: float | None = DEFAULTS["read"]) -> None:
        self._pool_size = connection_pool_size
        self._media_write_timeout = media_write_timeout
        self._timeouts = {**DEFAULTS, "read": read_timeout}
        self._session: aiohttp.ClientSession | None = None

    @property
    def read_timeout(self) -> float | None:
        return self._timeouts["read"]

    async def initialize(self) -> None:
        if self._session is None or self._session.closed:
            connector = aiohttp.TCPConnector(limit=self._pool_size)
            # trust_env: a proxy named by HTTPS_PROXY/NO_PROXY is used, as PTB's httpx did.
            self._session = aiohttp.ClientSession(connector=connector, trust_env=True)

    async def shutdown(self) -> None:
        if self._session is not None and not self._session.closed:
            await self._session.close()

    async def do_request(self, url: str, method: str, request_data: RequestData | None = None,
                         read_timeout: float | None = BaseRequest.DEFAULT_NONE,
                         write_timeout: float | None = BaseRequest.DEFAULT_NONE,
                         connect_timeout: float | None = BaseRequest.DEFAULT_NONE,
                         pool_timeout: float | None = BaseRequest.DEFAULT_NONE,
                         ) -> tuple[int, bytes]:
        if self._session is None or self._session.closed:
            raise RuntimeError("This AiohttpRequest is not initialized!")
        files = bool(request_data and request_data.contains_files)
        read = self._given(read_timeout, "read")
        connect = self._given(connect_timeout, "connect")
        pool = self._given(pool_timeout, "pool")
        if write_timeout is BaseRequest.DEFAULT_NONE:
            write = self._media_write_timeout if files else self._timeouts["write"]
        else:
            write = write_timeout
        # Only an upload gets a deadline for the whole call (aiohttp cannot time the writing
        # alone); anything else is timed per read, so a long download that keeps arriving
        # (evidence up to 20 MB) is never cut off.
        limits = (connect, pool, write, read)
        timeout = aiohttp.ClientTimeout(
            total=sum(limits) if files and None not in limits else None,  # type: ignore[arg-type]
            connect=None if connect is None or pool is None else connect + pool,
            sock_connect=connect, sock_read=read)
        try:
            async with self._session.request(method, url, data=_body(request_data),
                                             headers={"User-Agent": self.USER_AGENT},
                                             timeout=timeout) as response:
                return response.status, await response.read()
        # aiohttp's messages carry the URL, and the URL carries the bot's token: the error
        # PTB sees (and the log shows) says what happened without either.
        except TimeoutError as err:
            raise TimedOut(f"Timed out ({type(err).__name__}: {_redacted(err)})") from None
        except aiohttp.ClientError as err:
            raise NetworkError(f"aiohttp.{type(err).__name__}: {_redacted(err)}") from None

    def _given(self, value: float | None, name: str) -> float | None:
        return self._timeouts[name] if value is BaseRequest.DEFAULT_NONE else value


def _redacted(error: BaseException) -> str:
    """The error's text with any bot token in a URL hidden."""
    return TOKEN_IN_URL.sub("/bot<token>/", str(error))


def _body(request_data: RequestData | None) -> aiohttp.FormData | dict[str, str] | None:
    """Form fields, or multipart with the files (each as PTB names, reads and types it)."""
    if request_data is None:
        return None
    fields = request_data.json_parameters
    if not request_data.contains_files:
        return fields
    form = aiohttp.FormData(fields, quote_fields=False)  # names as typed, as PTB sends them
    for name, part in request_data.multipart_data.items():
        file_name, content, *mime = part
        form.add_field(name, content, filename=file_name,
                       content_type=mime[0] if mime else "application/octet-stream")
    return form

