"""Make untrusted text safe to set in a face, and word-wrap it to a width."""

import unicodedata

from printing.fonts import Face

ELLIPSIS = "\u2026"
REPLACEMENT = "?"
MAX_INPUT_CHARS = 8000
"""Longer input is cut before cleaning; no slip field shows anywhere near this much."""

_DROPPED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Mn", "Me"})


def clean(text: str, face: Face) -> str:
    """Return `text` reduced to what `face` can draw, on one line.

    Whitespace runs (tabs, newlines, Unicode spaces) become one space; control
    and format characters (including bidi controls and zero-width joiners),
    private-use, unassigned and unsupported combining characters are dropped;
    any other character the face lacks becomes its compatibility decomposition
    when the face has that (``ﬁ`` → ``fi``, ``ḍ`` → ``d``) or ``?``.
    Right-to-left scripts therefore come out as ``?`` in the Vera faces.
    """
    kept: list[str] = []
    for char in unicodedata.normalize("NFC", text[:MAX_INPUT_CHARS]):
        if char.isspace():
            kept.append(" ")
        elif ord(char) in face.covered:
            kept.append(char)
        elif unicodedata.category(char) not in _DROPPED_CATEGORIES:
            kept.append(_substitute(char, face))
    return " ".join("".join(kept).split())


def _substitute(char: str, face: Face) -> str:
    decomposed = unicodedata.normalize("NFKD", char)
    usable = [c for c in decomposed if ord(c) in face.covered and not unicodedata.combining(c)]
    return "".join(usable) if usable and not any(c.isspace() for c in usable) else REPLACEMENT


def wrap(text: str, face: Face, size: float, width: float, max_lines: int) -> tuple[str, ...]:
    """Clean `text` and break it into lines no wider than `width` points.

    Words longer than the width are broken between characters. Text needing
    more than `max_lines` lines is cut and its last line ends with an ellipsis.

    Returns:
        The lines, possibly none when nothing drawable is left.
    """
    lines: list[str] = []
    current = ""
    for word in clean(text, face).split(" "):
        candidate = f"{current} {word}" if current else word
        if face.width(candidate, size) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        current = word
        while face.width(current, size) > width and len(lines) <= max_lines:
            head = _longest_prefix(current, face, size, width)
            lines.append(head)
            current = current[len(head) :]
        if len(lines) > max_lines:
            break
    if current:
        lines.append(current)
    if len(lines) <= max_lines:
        return tuple(lines)
    kept = lines[:max_lines]
    kept[-1] = _with_ellipsis(kept[-1], face, size, width)
    return tuple(kept)


def _longest_prefix(word: str, face: Face, size: float, width: float) -> str:
    used = 0.0
    for index, char in enumerate(word):
        used += face.width(char, size)
        if used > width:
            return word[: max(index, 1)]
    return word


def _with_ellipsis(line: str, face: Face, size: float, width: float) -> str:
    while line and face.width(line.rstrip() + ELLIPSIS, size) > width:
        line = line[:-1]
    return line.rstrip() + ELLIPSIS
