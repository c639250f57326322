"""Splitting long messages under Telegram's 4096 UTF-16 unit limit."""

from bot.text import split_message, utf16_len


class TestSplitMessage:
    def test_short_text_is_one_part(self):
        assert split_message("hello\nworld") == ["hello\nworld"]

    def test_parts_break_on_lines_and_stay_under_the_limit(self):
        text = "\n".join(f"line {n} " + "x" * 90 for n in range(200))
        parts = split_message(text)
        assert len(parts) > 1
        assert all(utf16_len(part) <= 4096 for part in parts)
        assert "\n".join(parts) == text

    def test_emoji_count_as_two_units(self):
        text = "😀" * 3000  # 6000 UTF-16 units in one line
        parts = split_message(text)
        assert [utf16_len(p) for p in parts] == [4096, 6000 - 4096]
        assert "".join(parts) == text

    def test_a_long_line_is_not_cut_inside_an_html_entity(self):
        text = "a" * 4094 + "&amp;" + "b" * 20  # the entity straddles unit 4096
        parts = split_message(text)
        assert parts[0].endswith("a")
        assert parts[1].startswith("&amp;")
