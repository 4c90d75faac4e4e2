"""Records the double keeps, and decoding of Bot API request parameters."""

import json
from dataclasses import dataclass
from typing import Any

JSON = dict[str, Any]

# Parameters whose values are not plain strings. In form bodies every value is a string and
# nested objects arrive JSON-encoded, so these get JSON-decoded; all others stay strings (a
# text "123" or a callback_query_id must not turn into a number).
_JSON_PARAMS = frozenset(
    {
        "allow_paid_broadcast",
        "allow_sending_without_reply",
        "allowed_updates",
        "cache_time",
        "caption_entities",
        "chat_id",
        "commands",
        "disable_content_type_detection",
        "disable_notification",
        "disable_web_page_preview",
        "drop_pending_updates",
        "duration",
        "entities",
        "from_chat_id",
        "has_spoiler",
        "height",
        "latitude",
        "limit",
        "link_preview_options",
        "longitude",
        "max_connections",
        "menu_button",
        "message_id",
        "message_ids",
        "message_thread_id",
        "offset",
        "protect_content",
        "reply_markup",
        "reply_parameters",
        "reply_to_message_id",
        "scope",
        "show_alert",
        "show_caption_above_media",
        "timeout",
        "user_id",
        "width",
    }
)


@dataclass(frozen=True)
class FilePart:
    """A file sent as a multipart/form-data part."""

    filename: str
    data: bytes
    content_type: str


@dataclass(frozen=True)
class UploadedFile:
    """A file the bot uploaded with sendPhoto/sendDocument."""

    method: str
    filename: str
    data: bytes
    caption: str | None
    mime_type: str


@dataclass
class Call:
    """One HTTP request the bot made; ``status`` is 0 while in flight, 499 if the client left."""

    method: str
    params: dict[str, Any]
    at: float
    status: int = 0
    response: JSON | None = None


@dataclass
class StoredFile:
    """A file Telegram knows: uploaded by the bot or sent by a user; served to getFile."""

    file_id: str
    file_unique_id: str
    file_path: str
    data: bytes
    meta: JSON

    def shape(self) -> JSON:
        """The file's JSON object: PhotoSize, Document, Voice, Sticker and so on."""
        ids = {"file_id": self.file_id, "file_unique_id": self.file_unique_id}
        return {**ids, **self.meta, "file_size": len(self.data)}


def decode_param(name: str, value: Any) -> Any:
    """Turns a raw parameter value into what Telegram would understand it as."""
    if name not in _JSON_PARAMS or not isinstance(value, str):
        return value
    try:
        return json.loads(value)
    except ValueError:
        return value


def error_payload(status: int, description: str, retry_after: int | None = None) -> JSON:
    """Telegram's error response body."""
    payload: JSON = {"ok": False, "error_code": status, "description": description}
    if retry_after is not None:
        payload["parameters"] = {"retry_after": retry_after}
    return payload


class ApiError(Exception):
    """An error response of a Bot API method."""

    def __init__(self, status: int, description: str, *, retry_after: int | None = None) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.retry_after = retry_after

    def payload(self) -> JSON:
        """The response body."""
        return error_payload(self.status, self.description, self.retry_after)


def bad_request(description: str) -> ApiError:
    """A 400 with Telegram's "Bad Request: " prefix."""
    return ApiError(400, f"Bad Request: {description}")


NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly the "
    "same as a current content and reply markup of the message"
)
