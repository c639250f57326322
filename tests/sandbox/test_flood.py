"""The emulator's flood buckets, driven by a fake clock (no sleeping)."""

from __future__ import annotations

from sandbox.flood import FloodControl, FloodLimits, Rate


class FakeMonotonic:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def blast(flood: FloodControl, count: int, chat_id: int | None) -> int:
    """How many of `count` sends at one instant pass."""
    passed = 0
    for _ in range(count):
        if flood.retry_after("sendMessage", chat_id) is None:
            flood.count("sendMessage", chat_id)
            passed += 1
    return passed


class TestFloodControl:
    def test_overall_burst_allows_capacity_plus_tolerance(self):
        """30/s with 10% and one extra token: 34 sends to different chats pass at once."""
        clock = FakeMonotonic()
        flood = FloodControl(FloodLimits(), clock)
        passed = sum(blast(flood, 1, chat_id) for chat_id in range(1, 41))
        assert passed == 34

    def test_overall_bucket_leaks_at_max_rate(self):
        clock = FakeMonotonic()
        flood = FloodControl(FloodLimits(tolerance=0, extra_tokens=0), clock)
        assert blast(flood, 30, None) == 30
        assert flood.retry_after("sendMessage", None) == 1
        clock.now += 0.1  # 3 tokens leak out
        assert blast(flood, 10, None) == 3

    def test_private_chat_allows_two_then_one_per_second(self):
        clock = FakeMonotonic()
        flood = FloodControl(FloodLimits(), clock)
        assert blast(flood, 5, 42) == 2
        clock.now += 1.0
        assert blast(flood, 5, 42) == 1

    def test_group_allows_23_per_burst_then_asks_to_wait_3_seconds(self):
        """20/min: the bucket leaks one token every 3 s."""
        clock = FakeMonotonic()
        flood = FloodControl(FloodLimits(), clock)
        assert blast(flood, 30, -100123) == 23
        assert flood.retry_after("sendMessage", -100123) == 3
        clock.now += 3.0
        assert blast(flood, 5, -100123) == 1

    def test_retry_after_is_a_whole_number_of_at_least_one_second(self):
        clock = FakeMonotonic()
        flood = FloodControl(FloodLimits(overall=Rate(100, 1), private=Rate(10, 1)), clock)
        blast(flood, 20, 7)
        clock.now += 0.05
        assert flood.retry_after("sendMessage", 7) == 1

    def test_methods_that_do_not_send_are_not_counted(self):
        clock = FakeMonotonic()
        flood = FloodControl(FloodLimits(), clock)
        for _ in range(100):
            assert flood.retry_after("getUpdates", 5) is None
            flood.count("answerCallbackQuery", 5)
        assert blast(flood, 1, 5) == 1

    def test_edits_count_like_sends(self):
        clock = FakeMonotonic()
        flood = FloodControl(FloodLimits(), clock)
        flood.count("editMessageText", 9)
        flood.count("editMessageReplyMarkup", 9)
        assert flood.retry_after("sendMessage", 9) == 1
