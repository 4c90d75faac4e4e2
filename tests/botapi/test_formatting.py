"""Parse modes and entities as Telegram produces them."""

import pytest

from .formatting import EntityParseError, command_entities, parse, strip_text


def test_html_nesting_links_and_pre_language() -> None:
    text, entities = parse(
        '<b>a<i>b</i></b> <a href="https://x.org/?a=1&amp;b=2">x</a> <pre><code class="language-python">p</code></pre>',
        "HTML",
    )
    assert text == "ab x p"
    assert entities == [
        {"offset": 0, "length": 2, "type": "bold"},
        {"offset": 1, "length": 1, "type": "italic"},
        {"offset": 3, "length": 1, "type": "text_link", "url": "https://x.org/?a=1&b=2"},
        {"offset": 5, "length": 1, "type": "pre", "language": "python"},
    ]


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("<b>x</i>", 'Unmatched end tag at byte offset 4, expected "</b>", found "</i>"'),
        ("<b>x", 'Can\'t find end tag corresponding to start tag "b"'),
        ("é <3", 'Unsupported start tag "3" at byte offset 3'),
    ],
)
def test_html_errors(text: str, error: str) -> None:
    with pytest.raises(EntityParseError) as caught:
        parse(text, "HTML")
    assert str(caught.value) == error


def test_markdown_v2_links_quotes_and_utf16_offsets() -> None:
    text, entities = parse("😀 [site](https://a.org/\\)) \\- *b*\n>quoted", "MarkdownV2")
    assert text == "😀 site - b\nquoted"
    assert entities == [
        {"offset": 3, "length": 4, "type": "text_link", "url": "https://a.org/)"},
        {"offset": 10, "length": 1, "type": "bold"},
        {"offset": 12, "length": 6, "type": "blockquote"},
    ]
    with pytest.raises(EntityParseError, match="Can't find end of Italic entity at byte offset 0"):
        parse("_open", "MarkdownV2")


def test_strip_and_commands() -> None:
    assert strip_text("  <x> ", [{"offset": 2, "length": 4, "type": "bold"}]) == (
        "<x>",
        [{"offset": 0, "length": 3, "type": "bold"}],
    )
    assert command_entities("/start ref /help@coach_test_bot") == [
        {"offset": 0, "length": 6, "type": "bot_command"},
        {"offset": 11, "length": 20, "type": "bot_command"},
    ]
    assert command_entities("a/b and path/x") == []
