import pytest

from bot.nlu import FollowUpParser


@pytest.fixture(scope="session")
def nlu_parser() -> FollowUpParser:
    return FollowUpParser()
