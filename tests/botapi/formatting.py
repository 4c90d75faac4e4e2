"""Telegram's text formatting: parse_mode parsing into (text, entities), as the Bot API does it.

The parsers follow tdlib's (td/telegram/MessageEntity.cpp) closely enough to accept what Telegram
accepts and to reject, with Telegram's wording, what Telegram rejects: an unescaped ``<`` in HTML or
an unescaped ``.`` in MarkdownV2 are the classic bugs a bot only finds in production.
Entity offsets and lengths are in UTF-16 code units, like Telegram's.
"""

import re
from dataclasses import dataclass, field
from typing import Any

Entity = dict[str, Any]

_WHITESPACE = " \t\r\n\f\v"
_COMMAND = re.compile(r"(?<!\S)/[A-Za-z0-9_]{1,64}(?:@[A-Za-z][A-Za-z0-9_]{2,31})?(?!\S)")


class EntityParseError(ValueError):
    """A formatted text Telegram rejects; ``str()`` is the part after "can't parse entities: "."""


def utf16_len(text: str) -> int:
    """Length of ``text`` in UTF-16 code units, the unit of Telegram's entity offsets."""
    return len(text.encode("utf-16-le")) // 2


def _byte_offset(text: str, index: int) -> int:
    return len(text[:index].encode())


@dataclass
class _Span:
    """An entity while parsing, with offsets in code points of the parsed text."""

    start: int
    end: int
    type: str
    extra: dict[str, str] = field(default_factory=dict)


def _entities(text: str, spans: list[_Span]) -> list[Entity]:
    """Converts spans to Telegram entities (UTF-16 offsets), sorted like Telegram sorts them."""
    result = []
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        if span.end > span.start:
            offset = utf16_len(text[: span.start])
            length = utf16_len(text[span.start : span.end])
            result.append({"offset": offset, "length": length, "type": span.type, **span.extra})
    return result


def strip_text(text: str, entities: list[Entity]) -> tuple[str, list[Entity]]:
    """Trims surrounding whitespace like Telegram does, moving and clipping entities to match."""
    stripped = text.lstrip(_WHITESPACE)
    shift = utf16_len(text) - utf16_len(stripped)
    stripped = stripped.rstrip(_WHITESPACE)
    size = utf16_len(stripped)
    result = []
    for entity in entities:
        start = max(entity["offset"] - shift, 0)
        end = min(entity["offset"] + entity["length"] - shift, size)
        if end > start:
            result.append({**entity, "offset": start, "length": end - start})
    return stripped, result


def command_entities(text: str) -> list[Entity]:
    """The ``bot_command`` entities Telegram detects in a text a user sends."""
    return _entities(text, [_Span(m.start(), m.end(), "bot_command") for m in _COMMAND.finditer(text)])


def parse(text: str, parse_mode: str) -> tuple[str, list[Entity]]:
    """Parses ``text`` written in ``parse_mode`` ("HTML", "MarkdownV2" or "Markdown")."""
    mode = parse_mode.lower()
    if mode == "html":
        return _HtmlParser(text).parse()
    if mode == "markdownv2":
        return _MarkdownV2Parser(text).parse()
    if mode == "markdown":
        return _parse_markdown(text)
    raise KeyError(parse_mode)


# ---------------------------------------------------------------------------------------- HTML

_HTML_TYPES = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "span": "spoiler",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
    "a": "text_link",
    "tg-emoji": "custom_emoji",
}
_NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_HTML_ENTITY = re.compile(r"&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z]+));")


@dataclass
class _OpenTag:
    name: str
    start: int
    attrs: dict[str, str]


class _HtmlParser:
    """Telegram's HTML: a fixed set of tags, &lt; &gt; &amp; &quot; and numeric entities."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.i = 0
        self.out: list[str] = []
        self.size = 0
        self.spans: list[_Span] = []
        self.open: list[_OpenTag] = []

    def parse(self) -> tuple[str, list[Entity]]:
        """Returns the plain text and its entities, or raises EntityParseError."""
        text = self.text
        while self.i < len(text):
            char = text[self.i]
            if char == "<":
                self._tag()
            elif char == "&":
                self._emit(self._entity())
            else:
                self._emit(char)
                self.i += 1
        if self.open:
            raise EntityParseError(f'Can\'t find end tag corresponding to start tag "{self.open[-1].name}"')
        plain = "".join(self.out)
        return plain, _entities(plain, self.spans)

    def _emit(self, chunk: str) -> None:
        self.out.append(chunk)
        self.size += len(chunk)

    def _entity(self) -> str:
        """Decodes the entity at ``i``; an unknown one leaves "&" as a literal."""
        match = _HTML_ENTITY.match(self.text, self.i)
        decoded = None
        if match and match[3] is not None:
            decoded = _NAMED_ENTITIES.get(match[3])
        elif match:
            code = int(match[1]) if match[1] is not None else int(match[2], 16)
            decoded = chr(code) if 0 < code <= 0x10FFFF else None
        if match is None or decoded is None:
            self.i += 1
            return "&"
        self.i = match.end()
        return decoded

    def _error(self, message: str, begin: int) -> EntityParseError:
        return EntityParseError(f"{message} at byte offset {_byte_offset(self.text, begin)}")

    def _tag(self) -> None:
        text, begin = self.text, self.i
        self.i += 1
        if text.startswith("/", self.i):
            self._end_tag(begin)
            return
        name_start = self.i
        while self.i < len(text) and (text[self.i].isalnum() or text[self.i] == "-"):
            self.i += 1
        name = text[name_start : self.i].lower()
        if name not in _HTML_TYPES:
            raise self._error(f'Unsupported start tag "{name}"', begin)
        attrs = self._attributes(name, begin)
        if name == "span" and attrs.get("class") != "tg-spoiler":
            raise self._error('Tag "span" must have class "tg-spoiler"', begin)
        self.open.append(_OpenTag(name, self.size, attrs))

    def _attributes(self, tag: str, begin: int) -> dict[str, str]:
        text, attrs = self.text, dict[str, str]()
        while True:
            while self.i < len(text) and text[self.i] in _WHITESPACE:
                self.i += 1
            if self.i >= len(text):
                raise self._error("Unclosed start tag", begin)
            if text[self.i] == ">":
                self.i += 1
                return attrs
            name_start = self.i
            while self.i < len(text) and text[self.i] not in _WHITESPACE + "=>":
                self.i += 1
            name = text[name_start : self.i].lower()
            while self.i < len(text) and text[self.i] in _WHITESPACE:
                self.i += 1
            if not text.startswith("=", self.i):
                if tag == "blockquote" and name == "expandable":
                    attrs[name] = ""
                    continue
                raise self._error(f'Expected equal sign in declaration of an attribute of the tag "{tag}"', begin)
            self.i += 1
            while self.i < len(text) and text[self.i] in _WHITESPACE:
                self.i += 1
            attrs[name] = self._attribute_value(begin)

    def _attribute_value(self, begin: int) -> str:
        text = self.text
        if self.i >= len(text):
            raise self._error("Unclosed start tag", begin)
        quote = text[self.i]
        if quote not in "'\"":
            start = self.i
            while self.i < len(text) and (text[self.i].isalnum() or text[self.i] in ".-"):
                self.i += 1
            if self.i < len(text) and text[self.i] not in _WHITESPACE + ">":
                raise self._error("Unexpected end of name token", start)
            return text[start : self.i].lower()
        self.i += 1
        value: list[str] = []
        while self.i < len(text) and text[self.i] != quote:
            if text[self.i] == "&":
                value.append(self._entity())
            else:
                value.append(text[self.i])
                self.i += 1
        if self.i >= len(text):
            raise self._error("Unclosed start tag", begin)
        self.i += 1
        return "".join(value)

    def _end_tag(self, begin: int) -> None:
        text = self.text
        self.i += 1
        if not self.open:
            raise self._error("Unexpected end tag", begin)
        name_start = self.i
        while self.i < len(text) and text[self.i] not in _WHITESPACE + ">":
            self.i += 1
        name = text[name_start : self.i].lower()
        while self.i < len(text) and text[self.i] in _WHITESPACE:
            self.i += 1
        if not text.startswith(">", self.i):
            raise self._error("Unclosed end tag", begin)
        self.i += 1
        tag = self.open.pop()
        if name and name != tag.name:
            offset = _byte_offset(text, begin)
            raise EntityParseError(
                f'Unmatched end tag at byte offset {offset}, expected "</{tag.name}>", found "</{name}>"'
            )
        self._close(tag)

    def _close(self, tag: _OpenTag) -> None:
        span = _Span(tag.start, self.size, _HTML_TYPES[tag.name])
        if tag.name == "a":
            href = tag.attrs.get("href", "")
            if not href:
                span.type = "url"
            else:
                span.extra["url"] = href
        elif tag.name == "tg-emoji":
            span.extra["custom_emoji_id"] = tag.attrs.get("emoji-id", "")
        elif tag.name == "blockquote" and "expandable" in tag.attrs:
            span.type = "expandable_blockquote"
        elif tag.name == "pre":
            inner = [s for s in self.spans if (s.start, s.end, s.type) == (span.start, span.end, "code")]
            for code in inner:
                self.spans.remove(code)
                if code.extra.get("language"):
                    span.extra["language"] = code.extra["language"]
        if tag.name == "code" and tag.attrs.get("class", "").startswith("language-"):
            span.extra["language"] = tag.attrs["class"].removeprefix("language-")
        self.spans.append(span)


# ---------------------------------------------------------------------------------- MarkdownV2

_V2_RESERVED = "_*[]()~`>#+-=|{}.!"
_V2_NAMES = {
    "bold": "Bold",
    "italic": "Italic",
    "underline": "Underline",
    "strikethrough": "Strikethrough",
    "spoiler": "Spoiler",
    "code": "Code",
    "pre": "Pre",
    "text_link": "TextUrl",
    "custom_emoji": "CustomEmoji",
}
_V2_OPENERS = {"_": "italic", "*": "bold", "~": "strikethrough", "[": "text_link", "`": "code"}


@dataclass
class _OpenEntity:
    type: str
    start: int
    byte_offset: int
    language: str = ""


class _MarkdownV2Parser:
    """Telegram's MarkdownV2: every reserved character outside an entity must be escaped."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.i = 0
        self.out: list[str] = []
        self.size = 0
        self.spans: list[_Span] = []
        self.open: list[_OpenEntity] = []
        self.quote_start: int | None = None

    def parse(self) -> tuple[str, list[Entity]]:
        """Returns the plain text and its entities, or raises EntityParseError."""
        text = self.text
        while self.i < len(text):
            char = text[self.i]
            nxt = text[self.i + 1] if self.i + 1 < len(text) else ""
            if char == "\\" and nxt and 0 < ord(nxt) <= 126:
                self._emit(nxt)
                self.i += 2
                continue
            if char == ">" and not self.open and (self.i == 0 or text[self.i - 1] == "\n"):
                self._quote_line()
                continue
            if char == "\n" and self.quote_start is not None and not text.startswith(">", self.i + 1):
                self._end_quote()
            reserved = "`" if self.open and self.open[-1].type in ("code", "pre") else _V2_RESERVED
            if char not in reserved:
                self._emit(char)
                self.i += 1
            elif self.open and self._closes(self.open[-1].type):
                self._close()
            else:
                self._open()
        if self.open:
            entity = self.open[-1]
            raise EntityParseError(
                f"Can't find end of {_V2_NAMES[entity.type]} entity at byte offset {entity.byte_offset}"
            )
        if self.quote_start is not None:
            self._end_quote()
        plain = "".join(self.out)
        return plain, _entities(plain, self.spans)

    def _emit(self, chunk: str) -> None:
        self.out.append(chunk)
        self.size += len(chunk)

    def _at(self, offset: int) -> str:
        index = self.i + offset
        return self.text[index] if index < len(self.text) else ""

    def _quote_line(self) -> None:
        if self.quote_start is None:
            self.quote_start = self.size
        self.i += 1

    def _end_quote(self) -> None:
        assert self.quote_start is not None
        self.spans.append(_Span(self.quote_start, self.size, "blockquote"))
        self.quote_start = None

    def _closes(self, entity_type: str) -> bool:
        char = self._at(0)
        return {
            "bold": char == "*",
            "italic": char == "_" and self._at(1) != "_",
            "underline": char == "_" and self._at(1) == "_",
            "strikethrough": char == "~",
            "spoiler": char == "|" and self._at(1) == "|",
            "code": char == "`",
            "pre": char == "`" and self._at(1) == "`" and self._at(2) == "`",
            "text_link": char == "]",
            "custom_emoji": char == "]",
        }[entity_type]

    def _reserved_error(self) -> EntityParseError:
        return EntityParseError(f"Character '{self._at(0)}' is reserved and must be escaped with the preceding '\\'")

    def _open(self) -> None:
        char, begin = self._at(0), _byte_offset(self.text, self.i)
        language = ""
        if char == "`" and self._at(1) == "`" and self._at(2) == "`":
            entity_type = "pre"
            language, self.i = self._pre_header(self.i + 3)
        else:
            if char == "_" and self._at(1) == "_":
                entity_type = "underline"
            elif char == "|" and self._at(1) == "|":
                entity_type = "spoiler"
            elif char == "!" and self._at(1) == "[":
                entity_type = "custom_emoji"
            elif char in _V2_OPENERS:
                entity_type = _V2_OPENERS[char]
            else:
                raise self._reserved_error()
            self.i += 2 if entity_type in ("underline", "spoiler", "custom_emoji") else 1
        self.open.append(_OpenEntity(entity_type, self.size, begin, language))

    def _pre_header(self, start: int) -> tuple[str, int]:
        """Reads the language and one line break after ```; returns (language, next index)."""
        text, end = self.text, start
        while end < len(text) and text[end] not in _WHITESPACE + "`":
            end += 1
        language = ""
        if end != start and end < len(text) and text[end] != "`":
            language, start = text[start:end], end
        if text.startswith(("\r\n", "\n\r"), start):
            return language, start + 2
        if text.startswith(("\n", "\r"), start):
            return language, start + 1
        return language, start

    def _close(self) -> None:
        entity = self.open.pop()
        span = _Span(entity.start, self.size, entity.type)
        width = {"underline": 2, "spoiler": 2, "pre": 3}.get(entity.type, 1)
        if entity.type == "pre" and entity.language:
            span.extra["language"] = entity.language
        self.i += width
        if entity.type in ("text_link", "custom_emoji"):
            url = self._link_target() if self._at(0) == "(" else "".join(self.out)[entity.start :]
            if entity.type == "custom_emoji":
                if not url.startswith("tg://emoji?id="):
                    raise EntityParseError("Custom emoji entity must contain a tg://emoji URL")
                span.extra["custom_emoji_id"] = url.removeprefix("tg://emoji?id=")
            else:
                span.extra["url"] = url
        self.spans.append(span)

    def _link_target(self) -> str:
        text = self.text
        self.i += 1
        begin = _byte_offset(text, self.i)
        url: list[str] = []
        while self.i < len(text) and text[self.i] != ")":
            if text[self.i] == "\\" and self.i + 1 < len(text) and 0 < ord(text[self.i + 1]) <= 126:
                self.i += 1
            url.append(text[self.i])
            self.i += 1
        if self.i >= len(text):
            raise EntityParseError(f"Can't find end of a URL at byte offset {begin}")
        self.i += 1
        return "".join(url)


# ------------------------------------------------------------------------------ legacy Markdown

_LEGACY_TYPES = {"*": "bold", "_": "italic", "`": "code", "[": "text_link"}


def _parse_markdown(text: str) -> tuple[str, list[Entity]]:
    """Telegram's legacy Markdown: *bold*, _italic_, `code`, ```pre```, [text](url); no nesting."""
    out: list[str] = []
    spans: list[_Span] = []
    i = 0
    while i < len(text):
        char = text[i]
        if char == "\\" and text[i + 1 : i + 2] in ("_", "*", "`", "["):
            out.append(text[i + 1])
            i += 2
            continue
        if char not in _LEGACY_TYPES:
            out.append(char)
            i += 1
            continue
        begin = i
        pre = text.startswith("```", i)
        end_mark = "```" if pre else "]" if char == "[" else char
        i += len(end_mark) if pre else 1
        language = ""
        if pre:
            line_end = i
            while line_end < len(text) and text[line_end] not in _WHITESPACE + "`":
                line_end += 1
            if line_end < len(text) and text[line_end] in _WHITESPACE:
                language, i = text[i:line_end], line_end
        end = text.find(end_mark, i)
        if end < 0:
            raise EntityParseError(f"Can't find end of the entity starting at byte offset {_byte_offset(text, begin)}")
        start = len("".join(out))
        content = text[i:end]
        out.append(content)
        i = end + len(end_mark)
        span = _Span(start, start + len(content), "pre" if pre else _LEGACY_TYPES[char])
        if language:
            span.extra["language"] = language
        if char == "[":
            url = content
            if text.startswith("(", i) and (close := text.find(")", i)) >= 0:
                url, i = text[i + 1 : close], close + 1
            span.extra["url"] = url
        spans.append(span)
    plain = "".join(out)
    return plain, _entities(plain, spans)
