"""Phrases over tokens: a small pattern language compiled into one automaton per lexicon.

A phrase reads like a regular expression over words: tokens separated by spaces, ``|`` between
whole alternatives, parentheses to group alternatives (of one word or several), ``?`` after a
token or group to make it optional, and:

* ``tingl*`` any word starting with ``tingl``; ``#`` any number;
* ``~`` up to three other words (never punctuation);
* ``@name`` the phrases of another entry of the same lexicon, in place.

The phrases compile into one automaton (shared prefixes, alternatives joined again after each
group). Matching runs it from every token, so a sentence costs its length times the few states a
phrase keeps alive, whatever the number of phrases: nothing backtracks over a message.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import cast

GAP_WORDS = 3


class _Node:
    """A state of the phrase automaton: edges by word, by word prefix, for any number, for any
    word (a gap), and empty edges to states that share what follows."""

    __slots__ = ("words", "prefixes", "number", "big", "any", "empty", "ends")

    def __init__(self) -> None:
        self.words: dict[str, _Node] = {}
        self.prefixes: list[tuple[str, _Node]] = []
        self.number: _Node | None = None
        self.big: _Node | None = None  # a number of 10 or more: "#big days" is a long time
        self.any: _Node | None = None
        self.empty: list[_Node] = []
        self.ends: list[str] = []  # names whose phrase ends here

    def step(self, word: str) -> _Node:
        """The state after a literal step from this one (shared with phrases that start alike)."""
        if word == "#":
            self.number = self.number or _Node()
            return self.number
        if word == "#big":
            self.big = self.big or _Node()
            return self.big
        if word.endswith("*") and len(word) > 1:
            for prefix, node in self.prefixes:
                if prefix == word[:-1]:
                    return node
            node = _Node()
            self.prefixes.append((word[:-1], node))
            return node
        found = self.words.get(word)
        if found is None:
            found = self.words[word] = _Node()
        return found


@dataclass(frozen=True, slots=True)
class Match:
    """`name` matched tokens [start, end) of a sentence."""

    name: str
    start: int
    end: int


class Lexicon:
    """Named phrase lists, compiled into one automaton for matching over normalised tokens."""

    def __init__(self, entries: Mapping[str, Sequence[str]], matched: Iterable[str] | None = None):
        """`matched`: the names reported by `match` (default all); the others are building
        blocks for ``@name``."""
        self.entries = dict(entries)
        self._root: _Node | None = _Node()
        self.vocabulary: set[str] = set()
        self.prefixes: set[str] = set()
        for name in self.entries if matched is None else matched:
            if name not in self.entries:
                raise KeyError(f"no phrase entry {name!r}")
            for phrase in self.entries[name]:
                for end in self._alternatives(phrase, self._root, (name,)):
                    if name not in end.ends:
                        end.ends.append(name)
        self._freeze()

    # -- compiling ----------------------------------------------------------------------------
    def _alternatives(self, text: str, start: _Node, seen: tuple[str, ...]) -> list[_Node]:
        """As in a regular expression, "|" outside parentheses separates whole alternatives.
        Returns the states each alternative ends in."""
        ends: list[_Node] = []
        for part in _split_top(text, "|"):
            ends += self._sequence(part, start, seen)
        return ends

    def _sequence(self, text: str, start: _Node, seen: tuple[str, ...]) -> list[_Node]:
        frontier = [start]
        for item in _split_top(text, " "):
            if not item:
                continue
            optional = item.endswith("?") and len(item) > 1
            body = item[:-1] if optional else item
            following: list[_Node] = []
            for node in frontier:
                following += self._item(body, node, seen)
            if optional:
                following += frontier
            frontier = [self._join(following)] if len(following) > 1 else following
        return frontier

    def _item(self, body: str, start: _Node, seen: tuple[str, ...]) -> list[_Node]:
        if body.startswith("(") and body.endswith(")"):
            return self._alternatives(body[1:-1], start, seen)
        if body.startswith("@"):
            name = body[1:]
            if name in seen:
                raise ValueError(f"phrase entry {name!r} refers to itself: {' -> '.join(seen)}")
            if name not in self.entries:
                raise KeyError(f"no phrase entry {name!r}")
            ends: list[_Node] = []
            for phrase in self.entries[name]:
                ends += self._alternatives(phrase, start, (*seen, name))
            return ends
        if body == "~":  # up to GAP_WORDS words of any kind
            ends, node = [start], start
            for _ in range(GAP_WORDS):
                node.any = node.any or _Node()
                node = node.any
                ends.append(node)
            return ends
        if "|" in body or "(" in body or ")" in body:
            raise ValueError(f"malformed token {body!r} in {seen[0]!r}")
        if body.endswith("*") and len(body) > 1:
            self.prefixes.add(body[:-1])
        elif body not in ("#", "#big"):
            self.vocabulary.add(body)
        return [start.step(body)]

    @staticmethod
    def _join(nodes: list[_Node]) -> _Node:
        """One state that all of `nodes` lead to without a token, so what follows is built once."""
        joined = _Node()
        for node in dict.fromkeys(nodes):
            node.empty.append(joined)
        return joined

    # -- matching ---------------------------------------------------------------------------
    def _freeze(self) -> None:
        """Turn the automaton into states whose edges lead straight to the closed sets of states
        they reach (empty edges followed once, here, instead of at every token)."""
        closures: dict[int, list[_Node]] = {}

        def closure(node: _Node) -> list[_Node]:
            found = closures.get(id(node))
            if found is None:
                found = closures[id(node)] = _closure([node])
            return found

        states: dict[int, _State] = {}

        def state(node: _Node) -> _State:
            made = states.get(id(node))
            if made is None:
                made = states[id(node)] = _State(node.ends)
                pending.append((node, made))
            return made

        def targets(node: _Node | None) -> tuple[_State, ...]:
            return tuple(state(n) for n in closure(node)) if node is not None else ()

        pending: list[tuple[_Node, _State]] = []
        assert self._root is not None  # built once: freezing happens before matching
        self._start = tuple(state(n) for n in closure(self._root))
        while pending:
            node, made = pending.pop()
            made.words = {word: targets(child) for word, child in node.words.items()}
            for prefix, child in node.prefixes:
                made.prefixes.setdefault(prefix[:2], []).append((prefix, targets(child)))
            made.number, made.big, made.any = targets(node.number), targets(node.big), targets(node.any)
        self._first = _merge(self._start)
        self._sets: dict[tuple[int, ...], _Set] = {}
        self._start_set = _Set((self._first,))
        self._root = None  # the building graph: the frozen states are all matching needs
        self._cached = lru_cache(maxsize=4096)(self._match)
        # digits a phrase names ("14 days"): any other number is only its kind, so "1 2 3 … 1999"
        # passes through a handful of automaton states, not one a number
        self._numerals = frozenset(w for w in self.vocabulary if any(c.isdigit() for c in w))

    def could_match(self, words: Sequence[str], numbers: Sequence[float | None]) -> bool:
        """Whether any token could start a phrase (cheap: most sentences of chatter cannot)."""
        first = self._first
        if first.number and any(n is not None for n in numbers):
            return True
        starts, prefixes = first.words, first.prefixes
        return any(w in starts or any(w.startswith(p) for p, _ in prefixes.get(w[:2], ())) for w in words)

    def match(self, words: Sequence[str], numbers: Sequence[float | None], barriers: Sequence[bool]) -> list[Match]:
        """Every match in a sentence: `words` normalised, `numbers[i]` the value of token i if it is a number,
        `barriers[i]` if it is punctuation (which a gap never crosses). Sentences seen lately are
        answered from a cache: a long message of one phrase repeated costs one sentence."""
        return self._cached(tuple(words), tuple(numbers), tuple(barriers))

    def _match(self, words: Sequence[str], numbers: Sequence[float | None], barriers: Sequence[bool]) -> list[Match]:
        """Runs the automaton from every token. The sets of states it passes through are interned
        and their transitions remembered (a lazy DFA), so a token costs one dictionary lookup once
        the words around it have been seen."""
        found: list[Match] = []
        n = len(words)
        keys: list[str | tuple[str, int, bool]] = list(
            words
        )  # a plain word is its own key; numbers and punctuation say what they are
        numerals = self._numerals
        for i in range(n):
            value = numbers[i]
            if value is not None or barriers[i]:
                word = words[i] if value is None or words[i] in numerals or words[i].isalpha() else "#"
                keys[i] = (word, 0 if value is None else 2 if value >= 10 else 1, barriers[i])
        start_set, missing = self._start_set, _MISSING
        for start in range(n):
            key = keys[start]
            current = start_set.next.get(key, missing)
            if current is missing:
                current = start_set.follow(key, self)
            position = start + 1
            while current is not None:
                if current.ends:
                    for name in current.ends:
                        found.append(Match(name, start, position))
                if position >= n:
                    break
                key = keys[position]
                following = current.next.get(key, missing)
                current = current.follow(key, self) if following is missing else following
                position += 1
        return found

    def _set_of(self, states: Iterable[_State]) -> _Set | None:
        """The interned set of these states, or None for no state."""
        members = tuple(sorted(dict.fromkeys(states), key=id))
        if not members:
            return None
        key = tuple(id(s) for s in members)
        found = self._sets.get(key)
        if found is None:
            found = _Set(members)
            if len(self._sets) < _MAX_SETS:
                self._sets[key] = found
        return found


_MISSING: _Set = cast("_Set", object())  # "no transition remembered yet", told apart by identity
_MAX_SETS = 50_000  # interned state sets kept, at most: beyond, sets are made afresh and not remembered
_NUMBER_KINDS = (None, 1.0, 10.0)  # a token's number kind: none, under 10, 10 or more


class _Set:
    """A set of frozen states the automaton is in at once, with its transitions remembered."""

    __slots__ = ("states", "ends", "next")

    def __init__(self, states: tuple[_State, ...]) -> None:
        self.states = states
        self.ends = tuple(dict.fromkeys(name for s in states for name in s.ends))
        self.next: dict[str | tuple[str, int, bool], _Set | None] = {}

    def follow(self, key: str | tuple[str, int, bool], lexicon: Lexicon) -> _Set | None:
        """The set one token (a word, or (word, number kind, barrier)) leads to."""
        found = self.next.get(key, _MISSING)
        if found is not _MISSING:
            return found
        word, kind, barrier = (key, 0, False) if isinstance(key, str) else key
        number = _NUMBER_KINDS[kind]
        reached = lexicon._set_of(t for s in self.states for t in s.step(word, number, barrier))
        if len(self.next) < _MAX_NEXT:
            self.next[key] = reached
        return reached


_MAX_NEXT = 4096  # remembered transitions per set


class _State:
    """A state of the frozen automaton: each edge leads to every state it reaches at once."""

    __slots__ = ("ends", "words", "prefixes", "number", "big", "any")

    def __init__(self, ends: list[str]) -> None:
        self.ends = tuple(ends)
        self.words: dict[str, tuple[_State, ...]] = {}
        self.prefixes: dict[str, list[tuple[str, tuple[_State, ...]]]] = {}  # by the prefix's first two letters
        self.number: tuple[_State, ...] = ()
        self.big: tuple[_State, ...] = ()
        self.any: tuple[_State, ...] = ()

    def step(self, word: str, number: float | None, barrier: bool) -> list[_State]:
        """The states one token leads to."""
        out = list(self.words.get(word, ()))
        if self.prefixes and not barrier:
            for prefix, reached in self.prefixes.get(word[:2], ()):
                if word.startswith(prefix):
                    out += reached
        if number is not None:
            out += self.number
            if number >= 10:
                out += self.big
        if self.any and not barrier:
            out += self.any
        return out


def _merge(states: Sequence[_State]) -> _State:
    """One state with the edges of several (the start of every phrase)."""
    merged = _State([])
    words: dict[str, list[_State]] = {}
    for state in states:
        for word, reached in state.words.items():
            words.setdefault(word, []).extend(reached)
        for key, entries in state.prefixes.items():
            merged.prefixes.setdefault(key, []).extend(entries)
        merged.number += state.number
        merged.big += state.big
        merged.any += state.any
    merged.words = {word: tuple(dict.fromkeys(reached)) for word, reached in words.items()}
    return merged


def _closure(states: list[_Node]) -> list[_Node]:
    """The states, and every state reached from them by empty edges, once each."""
    seen: dict[int, _Node] = {}
    stack = list(states)
    while stack:
        state = stack.pop()
        if id(state) in seen:
            continue
        seen[id(state)] = state
        stack.extend(state.empty)
    return list(seen.values())


def _split_top(text: str, separator: str) -> list[str]:
    """`text` split at `separator` where it is outside parentheses."""
    parts: list[str] = []
    current: list[str] = []
    depth = 0
    for char in text:
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        if char == separator and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    if depth != 0:
        raise ValueError(f"unbalanced parentheses in phrase {text!r}")
    parts.append("".join(current))
    return [part.strip() for part in parts]


def longest(matches: Iterable[Match]) -> list[Match]:
    """For each name, drop a match lying inside another match of the same name."""
    by_name: dict[str, list[Match]] = {}
    for m in matches:
        by_name.setdefault(m.name, []).append(m)
    kept: list[Match] = []
    for group in by_name.values():
        group.sort(key=lambda m: (m.start, -m.end))
        last_end = -1
        for m in group:
            if m.end <= last_end:
                continue
            kept.append(m)
            last_end = max(last_end, m.end)
    kept.sort(key=lambda m: (m.start, m.end, m.name))
    return kept
