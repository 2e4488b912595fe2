"""The HTTP face of the emulator: Telegram's URL layout served by aiohttp on 127.0.0.1.

`POST|GET /bot<token>/<method>` answers Bot API calls with Telegram's JSON envelope and
`GET /file/bot<token>/<file_path>` serves file downloads. Every call is logged in the state.
"""

from __future__ import annotations

import logging
import re
import time
from typing import Any

from aiohttp import web

from emulator import methods_messages, methods_misc  # noqa: F401  (register handlers)
from emulator.errors import METHOD_NOT_FOUND, UNAUTHORIZED, ApiError
from emulator.params import read_params
from emulator.records import CallRecord
from emulator.registry import HANDLERS, MESSAGE_METHODS
from emulator.state import EmulatorState

log = logging.getLogger(__name__)
_TOKEN = re.compile(r"^(\d+):[A-Za-z0-9_-]+$")
MAX_REQUEST = 100 * 1024 * 1024


def _chat_of(state: EmulatorState, method: str, params: dict[str, Any]) -> int | None:
    chat_id = params.get("chat_id")
    if isinstance(chat_id, int) and chat_id in state.chats:
        return chat_id
    if method == "answercallbackquery":
        record = state.callbacks.get(str(params.get("callback_query_id")))
        return record.chat_id if record else None
    return None


def _message_id(method: str, params: dict[str, Any], result: Any) -> int | None:
    if isinstance(result, dict) and "message_id" in result:
        return int(result["message_id"])
    if method == "deletemessage" and isinstance(params.get("message_id"), int):
        return params["message_id"]
    return None


class EmulatorServer:
    """Runs the aiohttp application over an EmulatorState."""

    def __init__(self, state: EmulatorState, host: str = "127.0.0.1", port: int = 0) -> None:
        self.state = state
        self.host = host
        self.port = port
        self._runner: web.AppRunner | None = None
        self.app = web.Application(client_max_size=MAX_REQUEST)
        self.app.router.add_route("*", "/bot{token}/{method}", self._api)
        self.app.router.add_get("/file/bot{token}/{path:.+}", self._download)

    @property
    def url(self) -> str:
        """Base URL, e.g. http://127.0.0.1:PORT (no trailing slash)."""
        return f"http://{self.host}:{self.port}"

    async def start(self) -> None:
        """Bind and serve; with port=0 a free port is chosen and stored in self.port."""
        self._runner = web.AppRunner(self.app, shutdown_timeout=1.0, access_log=None)
        await self._runner.setup()
        await web.TCPSite(self._runner, self.host, self.port).start()
        self.port = int(self._runner.addresses[0][1])

    async def stop(self) -> None:
        """Release long polls and shut the server down."""
        self.state.updates.close()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def _api(self, request: web.Request) -> web.Response:
        state = self.state
        method = request.match_info["method"].lower()
        token = _TOKEN.match(request.match_info["token"])
        if token is None:
            return web.json_response(ApiError(401, UNAUTHORIZED).envelope(), status=401)
        state.bot_id = int(token.group(1))
        params: dict[str, Any] = {}
        chat_id: int | None = None
        started = time.time()
        try:
            params = await read_params(request)
            chat_id = _chat_of(state, method, params)
            state.touch(chat_id, start=True)
            try:
                handler = HANDLERS.get(method)
                if handler is None:
                    raise ApiError(404, METHOD_NOT_FOUND)
                refusal = state.limiter.check(method, chat_id)
                if refusal is not None:
                    raise refusal
                if not await state.holds.pass_through(method):
                    raise ApiError(500, "Internal Server Error: the client went away")
                result = await handler(state, params)
            finally:
                state.touch(chat_id, start=False)
            status, body = 200, {"ok": True, "result": result}
        except ApiError as exc:
            status, body, result = exc.code, exc.envelope(), None
        except ConnectionError:
            # The bot hung up (it stopped while its long poll was open): nobody to answer,
            # and not an emulator bug.
            log.debug("client went away during %s", method)
            raise
        except Exception as exc:  # an emulator bug: answer 500 and keep it for the tests
            log.exception("emulator failed on %s", method)
            state.internal_errors.append(exc)
            status, result = 500, None
            body = {"ok": False, "error_code": 500, "description": f"Internal Server Error: {exc}"}
        state.calls.append(
            CallRecord(
                method=request.match_info["method"],
                params=params,
                time=started,
                status=status,
                ok=status == 200,
                description=body.get("description"),
                retry_after=(body.get("parameters") or {}).get("retry_after"),
                chat_id=chat_id,
                result=result,
            )
        )
        if chat_id is not None:
            message_id = _message_id(method, params, result) if status == 200 else None
            state.record_activity(chat_id, method, status == 200, message_id)
        return web.json_response(body, status=status)

    async def _download(self, request: web.Request) -> web.Response:
        if _TOKEN.match(request.match_info["token"]) is None:
            return web.json_response(ApiError(401, UNAUTHORIZED).envelope(), status=401)
        path = request.match_info["path"]
        for file in self.state.files.values():
            if file.file_path == path:
                content_type = file.mime_type or "application/octet-stream"
                return web.Response(body=file.data, headers={"Content-Type": content_type})
        body = {"ok": False, "error_code": 404, "description": "Not Found"}
        return web.json_response(body, status=404)


__all__ = ["EmulatorServer", "MESSAGE_METHODS"]
