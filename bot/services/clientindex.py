"""Fuzzy client lookup that stays fast with thousands of clients.

`bot.names.ClientIndex.match` scores the query against every client with WRatio: ~15-20 ms
at 10,000 clients, all of the lookup budget. Here the words of the query first pick
candidates (clients having a word within a typo of a query word, or starting with it, the
word vocabulary being far smaller than the client list), and only those are scored, with
the same scorer and the same ranking. Nothing among the candidates -> the full scan, so a
match is never missed merely because no word was close; only the rank of a far-fetched
non-candidate could differ.
"""

from __future__ import annotations

from rapidfuzz import fuzz, process

from bot.names import ClientIndex, ClientRef, fold, name_key

CUTOFF = 70
WORD_CUTOFF = 70


class FastIndex:
    def __init__(self, index: ClientIndex) -> None:
        self.index = index
        self.folded = [fold(key) for key in index.keys]
        self.by_key: dict[str, list[ClientRef]] = {}
        self._words: dict[str, list[int]] = {}
        for position, key in enumerate(self.folded):
            self.by_key.setdefault(key, []).append(index.clients[position])
            for word in set(key.split()):
                self._words.setdefault(word, []).append(position)
        self._vocab = list(self._words)

    def exact(self, query: str) -> list[ClientRef]:
        """Clients whose key equals the query's key (any case, legal form, accents)."""
        return self.by_key.get(fold(name_key(query)), [])

    def _candidates(self, key: str) -> list[int]:
        positions: set[int] = set()
        for word in set(key.split()):
            for similar, _, _ in process.extract(
                word, self._vocab, scorer=fuzz.ratio, score_cutoff=WORD_CUTOFF, limit=None
            ):
                positions.update(self._words[similar])
            if len(word) >= 3:
                for known in self._vocab:
                    if known.startswith(word) or (len(known) >= 3 and word.startswith(known)):
                        positions.update(self._words[known])
        return sorted(positions)

    def match(self, query: str, *, limit: int = 5) -> list[tuple[ClientRef, float]]:
        """Like `ClientIndex.match`: (client, score) best first, scores >= 70."""
        key = fold(name_key(query))
        if not key:
            return []
        candidates = self._candidates(key)
        choices = [self.folded[position] for position in candidates]
        found = process.extract(
            key, choices, scorer=fuzz.WRatio, limit=max(limit * 3, 10), score_cutoff=CUTOFF
        )
        if not found:
            return self.index.match(query, limit=limit)
        ranked = sorted(
            (
                (self.index.clients[candidates[i]], 100.0 if choices[i] == key else score)
                for _, score, i in found
            ),
            key=lambda item: (-item[1], item[0].name.casefold(), item[0].id),
        )
        return ranked[:limit]
