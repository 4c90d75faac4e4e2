"""The Bot API methods the double implements, with Telegram's semantics and error texts."""

import json
import mimetypes
import re
import time
from collections.abc import Callable
from typing import Any

from . import formatting
from .shapes import JSON, NOT_MODIFIED, ApiError, FilePart, StoredFile, UploadedFile, bad_request
from .world import Webhook, World

Params = dict[str, Any]
Handler = Callable[[Params], Any]

MAX_TEXT = 4096
MAX_CAPTION = 1024
_CHAT_ACTIONS = frozenset(
    {
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    }
)
_BUTTON_ACTIONS = frozenset(
    {
        "callback_data",
        "url",
        "login_url",
        "web_app",
        "switch_inline_query",
        "switch_inline_query_current_chat",
        "switch_inline_query_chosen_chat",
        "copy_text",
        "callback_game",
        "pay",
    }
)
_COMMAND = re.compile(r"[a-z0-9_]{1,32}")
_BAD_MARKUP = "can't parse reply keyboard markup JSON object"
_STALE_QUERY = "query is too old and response timeout expired or query ID is invalid"


def _int(params: Params, name: str, default: int) -> int:
    value = params.get(name)
    if value is None or value == "":
        return default
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise bad_request(f"wrong parameter {name} specified")
    try:
        return int(value)
    except ValueError:
        raise bad_request(f"wrong parameter {name} specified") from None


class BotMethods:
    """Bot API method implementations over a World; ``handlers`` maps method names to them."""

    def __init__(self, world: World) -> None:
        self.world = world
        self._poll_generation = 0
        self.handlers: dict[str, Handler] = {
            "getMe": self.get_me,
            "getUpdates": self.get_updates,
            "setWebhook": self.set_webhook,
            "deleteWebhook": self.delete_webhook,
            "getWebhookInfo": self.get_webhook_info,
            "setMyCommands": self.set_my_commands,
            "getMyCommands": self.get_my_commands,
            "deleteMyCommands": self.delete_my_commands,
            "sendMessage": self.send_message,
            "editMessageText": self.edit_message_text,
            "editMessageCaption": self.edit_message_caption,
            "editMessageReplyMarkup": self.edit_message_reply_markup,
            "deleteMessage": self.delete_message,
            "answerCallbackQuery": self.answer_callback_query,
            "sendChatAction": self.send_chat_action,
            "sendPhoto": self.send_photo,
            "sendDocument": self.send_document,
            "getFile": self.get_file,
        }

    # ------------------------------------------------------------------------- bot and updates

    def get_me(self, _params: Params) -> JSON:
        """getMe."""
        return {
            **self.world.bot,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }

    async def get_updates(self, params: Params) -> list[JSON]:
        """getUpdates: long polling; a newer getUpdates or setWebhook ends this one with 409."""
        world = self.world
        if world.webhook is not None:
            raise ApiError(
                409,
                "Conflict: can't use getUpdates method while webhook is active; "
                "use deleteWebhook to delete the webhook first",
            )
        offset = _int(params, "offset", 0)
        limit = min(max(_int(params, "limit", 100), 1), 100)
        timeout = max(_int(params, "timeout", 0), 0)
        if isinstance(params.get("allowed_updates"), list):
            world.allowed_updates = list(params["allowed_updates"])
        world.confirm(offset)
        self._poll_generation += 1
        generation = self._poll_generation

        def done() -> bool:
            superseded = generation != self._poll_generation or world.webhook is not None
            return bool(world.updates) or superseded or world.closed

        await world.changed.wait_until(done, timeout)
        if world.webhook is not None:
            raise ApiError(409, "Conflict: terminated by setWebhook request")
        if generation != self._poll_generation:
            raise ApiError(
                409,
                "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running",
            )
        return world.updates[:limit]

    def set_webhook(self, params: Params) -> bool:
        """setWebhook: an empty url removes the webhook; plain http is allowed for local tests."""
        url = str(params.get("url") or "")
        if url and not url.startswith(("https://", "http://")):
            raise bad_request("bad webhook: An HTTPS URL must be provided for webhook")
        self._update_delivery_options(params)
        secret = params.get("secret_token")
        max_connections = _int(params, "max_connections", 40)
        self.world.webhook = Webhook(url, secret, max_connections) if url else None
        self.world.changed.notify()
        return True

    def delete_webhook(self, params: Params) -> bool:
        """deleteWebhook."""
        self._update_delivery_options(params)
        self.world.webhook = None
        self.world.changed.notify()
        return True

    def _update_delivery_options(self, params: Params) -> None:
        if params.get("drop_pending_updates") is True:
            self.world.updates.clear()
        if isinstance(params.get("allowed_updates"), list):
            self.world.allowed_updates = list(params["allowed_updates"])

    def get_webhook_info(self, _params: Params) -> JSON:
        """getWebhookInfo."""
        hook = self.world.webhook
        info: JSON = {
            "url": hook.url if hook else "",
            "has_custom_certificate": False,
            "pending_update_count": len(self.world.updates),
        }
        if hook is not None:
            info["max_connections"] = hook.max_connections
            if hook.last_error_date is not None:
                info["last_error_date"] = hook.last_error_date
                info["last_error_message"] = hook.last_error_message
        if self.world.allowed_updates:
            info["allowed_updates"] = self.world.allowed_updates
        return info

    # -------------------------------------------------------------------------------- commands

    def _commands_key(self, params: Params) -> tuple[str, str]:
        scope = params.get("scope") or {"type": "default"}
        if not isinstance(scope, dict) or "type" not in scope:
            raise bad_request("can't parse BotCommandScope JSON object")
        return json.dumps(scope, sort_keys=True), str(params.get("language_code") or "")

    def set_my_commands(self, params: Params) -> bool:
        """setMyCommands: commands are 1-32 of [a-z0-9_], descriptions 1-256 characters."""
        commands = params.get("commands")
        if not isinstance(commands, list) or not all(isinstance(c, dict) for c in commands):
            raise bad_request("can't parse commands JSON object")
        if len(commands) > 100:
            raise bad_request("BOT_COMMANDS_TOO_MUCH")
        for command in commands:
            if not _COMMAND.fullmatch(str(command.get("command", ""))):
                raise bad_request("BOT_COMMAND_INVALID")
            if not 1 <= len(str(command.get("description", ""))) <= 256:
                raise bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
        stored = [{"command": c["command"], "description": c["description"]} for c in commands]
        self.world.commands[self._commands_key(params)] = stored
        return True

    def get_my_commands(self, params: Params) -> list[JSON]:
        """getMyCommands: exactly what was set for that scope and language."""
        return self.world.commands.get(self._commands_key(params), [])

    def delete_my_commands(self, params: Params) -> bool:
        """deleteMyCommands."""
        self.world.commands.pop(self._commands_key(params), None)
        return True

    # -------------------------------------------------------------------------------- messages

    def _chat_id(self, params: Params) -> int:
        """The chat a method addresses; 403 if the user blocked the bot."""
        raw = params.get("chat_id")
        if raw is None or raw == "":
            raise bad_request("chat_id is empty")
        if isinstance(raw, str) and raw.startswith("@"):
            found = self.world.find_chat(raw[1:])
            if found is None:
                raise bad_request("chat not found")
            chat_id = found
        elif isinstance(raw, int) and not isinstance(raw, bool):
            chat_id = raw
        else:
            raise bad_request("chat not found")
        if chat_id in self.world.blocked:
            raise ApiError(403, "Forbidden: bot was blocked by the user")
        return chat_id

    def _formatted(
        self, params: Params, key: str, *, limit: int, too_long: str, empty: str | None
    ) -> tuple[str, list[JSON]]:
        """A text or caption with its entities, parsed per parse_mode and trimmed."""
        raw = params.get(key)
        text = "" if raw is None else str(raw)
        explicit = params.get("caption_entities" if key == "caption" else "entities")
        entities: list[JSON] = []
        if isinstance(explicit, list):
            entities = explicit
        elif params.get("parse_mode"):
            try:
                text, entities = formatting.parse(text, str(params["parse_mode"]))
            except KeyError:
                raise bad_request("unsupported parse_mode") from None
            except formatting.EntityParseError as error:
                raise bad_request(f"can't parse entities: {error}") from None
        text, entities = formatting.strip_text(text, entities)
        if not text and empty is not None:
            raise bad_request(empty)
        if len(text) > limit:
            raise bad_request(too_long)
        return text, entities

    def _inline_markup(self, params: Params) -> JSON | None:
        """The inline keyboard in reply_markup, validated; None if there is none."""
        markup = params.get("reply_markup")
        if markup is None:
            return None
        rows = markup.get("inline_keyboard") if isinstance(markup, dict) else None
        if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
            raise bad_request(_BAD_MARKUP)
        for button in (button for row in rows for button in row):
            if not isinstance(button, dict) or not isinstance(button.get("text"), str):
                raise bad_request(_BAD_MARKUP)
            if not _BUTTON_ACTIONS & button.keys():
                raise bad_request(
                    "can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard"
                )
            if "callback_data" in button and not 1 <= len(str(button["callback_data"]).encode()) <= 64:
                raise bad_request("BUTTON_DATA_INVALID")
        return {"inline_keyboard": rows}

    def _markup(self, params: Params, chat_id: int) -> JSON:
        """A sent message's reply_markup: inline ones are echoed, reply keyboards are remembered."""
        markup = params.get("reply_markup")
        if markup is None:
            return {}
        if not isinstance(markup, dict):
            raise bad_request(_BAD_MARKUP)
        if "inline_keyboard" in markup:
            return {"reply_markup": self._inline_markup(params)}
        if isinstance(markup.get("keyboard"), list):
            self.world.reply_keyboards[chat_id] = markup
        elif markup.get("remove_keyboard") is True:
            self.world.reply_keyboards.pop(chat_id, None)
        elif markup.get("force_reply") is not True:
            raise bad_request(_BAD_MARKUP)
        return {}

    def _reply_to(self, params: Params, chat_id: int) -> JSON:
        """reply_parameters (or the older reply_to_message_id) as a reply_to_message field."""
        reply = params.get("reply_parameters")
        if isinstance(reply, dict):
            target_id, lenient = reply.get("message_id"), reply.get("allow_sending_without_reply")
        elif params.get("reply_to_message_id") is not None:
            target_id = params["reply_to_message_id"]
            lenient = params.get("allow_sending_without_reply")
        else:
            return {}
        target = self.world.messages.get((chat_id, target_id)) if isinstance(target_id, int) else None
        if target is None:
            if lenient is True:
                return {}
            raise bad_request("message to be replied not found")
        return {"reply_to_message": {k: v for k, v in target.items() if k != "reply_to_message"}}

    def _send(self, chat_id: int, params: Params, content: JSON) -> JSON:
        markup = self._markup(params, chat_id)
        reply = self._reply_to(params, chat_id)
        return self.world.new_message(chat_id, self.world.bot, {**reply, **content, **markup})

    def send_message(self, params: Params) -> JSON:
        """sendMessage."""
        chat_id = self._chat_id(params)
        text, entities = self._formatted(
            params,
            "text",
            limit=MAX_TEXT,
            too_long="message is too long",
            empty="message text is empty",
        )
        return self._send(chat_id, params, {"text": text, **({"entities": entities} if entities else {})})

    def _target(self, params: Params, missing: str) -> JSON:
        """The message an edit or delete addresses."""
        if params.get("inline_message_id"):
            raise bad_request(missing)
        chat_id = self._chat_id(params)
        message_id = params.get("message_id")
        if not isinstance(message_id, int) or isinstance(message_id, bool):
            raise bad_request("message identifier is not specified")
        message = self.world.messages.get((chat_id, message_id))
        if message is None:
            raise bad_request(missing)
        return message

    def _editable(self, params: Params) -> JSON:
        """The bot message an edit addresses."""
        message = self._target(params, "message to edit not found")
        if message["from"]["id"] != self.world.bot["id"]:
            raise bad_request("message can't be edited")
        return message

    def _edit(self, message: JSON, params: Params, changes: JSON) -> JSON:
        """Applies changes (None removes a field) and the new markup, or 400 if nothing changes."""
        changes["reply_markup"] = self._inline_markup(params)
        if all(message.get(key) == value for key, value in changes.items()):
            raise bad_request(NOT_MODIFIED)
        for key, value in changes.items():
            if value is None:
                message.pop(key, None)
            else:
                message[key] = value
        if changes.keys() != {"reply_markup"}:
            message["edit_date"] = int(time.time())
        self.world.touch(message)
        return message

    def edit_message_text(self, params: Params) -> JSON:
        """editMessageText: leaving out reply_markup removes the inline keyboard, as on Telegram."""
        message = self._editable(params)
        if "text" not in message:
            raise bad_request("there is no text in the message to edit")
        text, entities = self._formatted(
            params,
            "text",
            limit=MAX_TEXT,
            too_long="MESSAGE_TOO_LONG",
            empty="message text is empty",
        )
        return self._edit(message, params, {"text": text, "entities": entities or None})

    def edit_message_caption(self, params: Params) -> JSON:
        """editMessageCaption."""
        message = self._editable(params)
        if "text" in message:
            raise bad_request("there is no caption in the message to edit")
        caption, entities = self._formatted(
            params, "caption", limit=MAX_CAPTION, too_long="message caption is too long", empty=None
        )
        changes = {"caption": caption or None, "caption_entities": entities or None}
        return self._edit(message, params, changes)

    def edit_message_reply_markup(self, params: Params) -> JSON:
        """editMessageReplyMarkup."""
        return self._edit(self._editable(params), params, {})

    def delete_message(self, params: Params) -> bool:
        """deleteMessage: the bot's messages and the users' ones."""
        self.world.delete(self._target(params, "message to delete not found"))
        return True

    def answer_callback_query(self, params: Params) -> bool:
        """answerCallbackQuery: each query can be answered once."""
        query_id = str(params.get("callback_query_id") or "")
        if self.world.callback_queries.get(query_id) is not False:
            raise bad_request(_STALE_QUERY)
        self.world.callback_queries[query_id] = True
        self.world.answered_callbacks.append(dict(params))
        self.world.changed.notify()
        return True

    def send_chat_action(self, params: Params) -> bool:
        """sendChatAction."""
        self._chat_id(params)
        if params.get("action") not in _CHAT_ACTIONS:
            raise bad_request("wrong parameter action in request")
        return True

    # ----------------------------------------------------------------------------------- files

    def _input_file(self, params: Params, field: str) -> FilePart | StoredFile:
        """An uploaded part (directly or via attach://) or a known file_id."""
        value = params.get(field)
        if isinstance(value, str) and value.startswith("attach://"):
            value = params.get(value.removeprefix("attach://"))
        if isinstance(value, FilePart):
            return value
        if isinstance(value, str) and value in self.world.files:
            return self.world.files[value]
        if value is None or value == "":
            raise bad_request(f"there is no {field} in the request")
        raise bad_request("wrong file identifier/HTTP URL specified")

    def _send_file(self, params: Params, method: str, field: str) -> JSON:
        chat_id = self._chat_id(params)
        source = self._input_file(params, field)
        caption, entities = self._formatted(
            params, "caption", limit=MAX_CAPTION, too_long="message caption is too long", empty=None
        )
        if isinstance(source, FilePart):
            mime_type = mimetypes.guess_type(source.filename)[0] or source.content_type
            if field == "photo":
                meta: JSON = {"width": 800, "height": 600}
                stored = self.world.store_file("photos", source.data, "jpg", meta)
            else:
                meta = {"file_name": source.filename, "mime_type": mime_type}
                extension = source.filename.rpartition(".")[2] or "bin"
                stored = self.world.store_file("documents", source.data, extension, meta)
            upload = UploadedFile(method, source.filename, source.data, caption or None, mime_type)
            self.world.uploads[chat_id].append(upload)
        else:
            stored = source
        content: JSON = {field: [stored.shape()] if field == "photo" else stored.shape()}
        if caption:
            content["caption"] = caption
        if entities:
            content["caption_entities"] = entities
        return self._send(chat_id, params, content)

    def send_photo(self, params: Params) -> JSON:
        """sendPhoto: one PhotoSize per photo."""
        return self._send_file(params, "sendPhoto", "photo")

    def send_document(self, params: Params) -> JSON:
        """sendDocument."""
        return self._send_file(params, "sendDocument", "document")

    def get_file(self, params: Params) -> JSON:
        """getFile: the file_path is served under base_file_url."""
        stored = self.world.files.get(str(params.get("file_id") or ""))
        if stored is None:
            raise bad_request("invalid file_id")
        ids = {"file_id": stored.file_id, "file_unique_id": stored.file_unique_id}
        return {**ids, "file_size": len(stored.data), "file_path": stored.file_path}
