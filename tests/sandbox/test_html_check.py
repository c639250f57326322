"""Telegram HTML as the emulator checks it."""

from __future__ import annotations

import pytest

from sandbox.html_check import EntityParseError, parse_html, utf16_len


class TestParseHtml:
    def test_tags_become_entities_with_utf16_offsets(self):
        text, entities = parse_html("😀 <b>bold</b> <a href='https://x.org/?a=1&amp;b=2'>x</a>")
        assert text == "😀 bold x"
        assert entities == [
            {"type": "bold", "offset": 3, "length": 4},
            {"type": "text_link", "offset": 8, "length": 1, "url": "https://x.org/?a=1&b=2"},
        ]

    def test_named_and_numeric_entities_are_decoded(self):
        assert parse_html("&lt;&gt;&amp;&quot;&#65;&#x42;")[0] == '<>&"AB'

    def test_pre_with_code_language_is_one_entity(self):
        text, entities = parse_html('<pre><code class="language-python">x = 1</code></pre>')
        assert text == "x = 1"
        assert entities == [{"type": "pre", "offset": 0, "length": 5, "language": "python"}]

    def test_spoilers_quotes_and_custom_emoji_are_allowed(self):
        html = (
            '<tg-spoiler>a</tg-spoiler><span class="tg-spoiler">b</span>'
            '<blockquote expandable>c</blockquote><tg-emoji emoji-id="5">d</tg-emoji>'
            "<s>e</s><u>f</u><i>g</i><code>h</code>"
        )
        text, entities = parse_html(html)
        assert text == "abcdefgh"
        assert [e["type"] for e in entities][:4] == [
            "spoiler",
            "spoiler",
            "expandable_blockquote",
            "custom_emoji",
        ]

    @pytest.mark.parametrize(
        ("html", "error"),
        [
            ("<div>x</div>", 'Unsupported start tag "div" at byte offset 0'),
            ("<b>x", 'Can\'t find end tag corresponding to start tag "b"'),
            ("<b><i>x</b></i>", 'Unmatched end tag at byte offset 7, expected "</i>"'),
            ("x</b>", "Unexpected end tag at byte offset 1"),
            ("1 < 2", 'Unsupported start tag "" at byte offset 2'),
            ("<b", "Unclosed start tag at byte offset 0"),
            ("Tom & Jerry", "Character '&' at byte offset 4"),
            ("&nbsp;", "Character '&' at byte offset 0"),
            ("<span>x</span>", 'Tag "span" must have class "tg-spoiler"'),
            ("é<foo>", 'Unsupported start tag "foo" at byte offset 2'),
        ],
    )
    def test_malformed_html_is_refused_like_telegram(self, html, error):
        with pytest.raises(EntityParseError, match=error.replace("(", r"\(")):
            parse_html(html)

    def test_utf16_length_counts_emoji_twice(self):
        assert utf16_len("a😀é") == 4
