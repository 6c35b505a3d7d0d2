"""Line-by-line classification, as used by ``manage.py classify``.

Input lines are ``name`` or ``name<TAB>business scope``; each gives one output line
``name<TAB>category<TAB>confidence<TAB>tags``.  A blank line (or one whose name is blank) gives an
empty line, so line *n* of the output always answers line *n* of the input.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import BinaryIO, Final, TextIO

from .engine import Classification, classify

BOM: Final = "\ufeff"
#: Digits of the confidence in the output; the engine itself rounds to three.
CONFIDENCE_DIGITS: Final = 3
TAG_SEPARATOR: Final = ","


class LineDecodeError(ValueError):
    """A line of the input is not valid UTF-8."""

    def __init__(self, line_number: int, error: UnicodeDecodeError) -> None:
        bad = " ".join(f"0x{byte:02x}" for byte in error.object[error.start : error.end])
        super().__init__(
            f"line {line_number} is not valid UTF-8 ({bad} at byte {error.start + 1} of the "
            "line); save the file as UTF-8 and try again"
        )
        self.line_number = line_number


def parse_line(line: str) -> tuple[str, str] | None:
    """``(name, scope)`` of one input line without its line ending, or None when it is blank."""
    name, _tab, scope = line.partition("\t")
    name = name.strip()
    if not name:
        return None
    return name, scope.strip()


def format_result(name: str, result: Classification) -> str:
    """One output line, without the line ending."""
    confidence = f"{result.confidence:.{CONFIDENCE_DIGITS}f}"
    return "\t".join((name, result.category, confidence, TAG_SEPARATOR.join(result.tags)))


def classify_line(line: str) -> str:
    """The output line answering one input line (empty for a blank one)."""
    parsed = parse_line(line)
    if parsed is None:
        return ""
    name, scope = parsed
    return format_result(name, classify(name, scope))


def _strip_ending(line: str) -> str:
    return line.rstrip("\r\n")


def decoded_lines(stream: BinaryIO) -> Iterator[str]:
    """Lines of a UTF-8 byte stream, one at a time, without line endings or a leading BOM.

    Raises LineDecodeError naming the first line that is not valid UTF-8.
    """
    for number, raw in enumerate(stream, start=1):
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            raise LineDecodeError(number, error) from None
        yield _strip_ending(text.removeprefix(BOM) if number == 1 else text)


def text_lines(stream: TextIO | Iterable[str]) -> Iterator[str]:
    """Lines of an already decoded stream, without line endings or a leading BOM."""
    for number, text in enumerate(stream, start=1):
        yield _strip_ending(text.removeprefix(BOM) if number == 1 else text)
