from __future__ import annotations

import io
import os
import sys
import time
from argparse import RawDescriptionHelpFormatter
from collections.abc import Iterator
from typing import Any, TextIO

from django.core.management.base import (
    BaseCommand,
    CommandError,
    CommandParser,
    DjangoHelpFormatter,
)

from linli.classify.batch import LineDecodeError, classify_line, decoded_lines, text_lines


class _HelpFormatter(DjangoHelpFormatter, RawDescriptionHelpFormatter):
    """Django's option order, with the description printed as written."""


class Command(BaseCommand):
    help = """\
Suggest a category and service-field tags for organization names, one per line.

Input (FILE, or standard input when FILE is missing or "-"): UTF-8 lines, each
    name
    name<TAB>business scope
A leading byte-order mark and CRLF line endings are accepted.  Everything after the
first tab is the business scope.

Output (standard output, UTF-8): one line for every input line, in the same order:
    name<TAB>category<TAB>confidence<TAB>tags
  category    charity | life_service | community_affairs | culture_sports
  confidence  0.000-1.000, three decimals; below 0.500 means "please check by hand"
  tags        Chinese tag names separated by commas, e.g. 体育,养老 (may be empty)
A blank input line (or one whose name is blank) gives an empty output line, so output
line n always answers input line n.  Lines are read and written one at a time.

A line that is not valid UTF-8 stops the command with its line number on standard error
and exit status 1; the lines before it have already been written.  (Files saved by
Excel in China are often GBK: convert them first, e.g. iconv -f GBK -t UTF-8 FILE.)

Example:
    printf '田林街道太极拳队\\n阳光家园\\t为老年人提供助餐服务\\n' | manage.py classify
"""
    requires_system_checks: list[str] = []  # needs no database: start fast
    stealth_options = ("stdin",)

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        kwargs.setdefault("formatter_class", _HelpFormatter)
        return super().create_parser(prog_name, subcommand, **kwargs)

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "file", nargs="?", default="-", help='input file (default or "-": standard input)'
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not options.get("stdout"):
            _use_utf8(sys.stdout)
        start = time.perf_counter()
        count = 0
        try:
            for line in self._lines(options["file"], options.get("stdin")):
                self.stdout.write(classify_line(line))
                count += 1
            self.stdout.flush()
        except LineDecodeError as error:
            raise CommandError(str(error)) from None
        except BrokenPipeError:
            _silence_stdout()  # the reader went away (`… | head`): stop quietly
            sys.exit(1)
        if options["verbosity"] >= 2:
            self._report(count, time.perf_counter() - start)

    def _lines(self, path: str, stdin: Any) -> Iterator[str]:
        if path != "-":
            yield from _file_lines(path)
            return
        source: Any = stdin if stdin is not None else sys.stdin
        if isinstance(source, io.TextIOWrapper):
            yield from decoded_lines(source.buffer)  # the real stdin: decode bytes ourselves
        elif isinstance(source, io.TextIOBase):
            yield from text_lines(source)
        else:
            yield from decoded_lines(source)

    def _report(self, count: int, seconds: float) -> None:
        rate = count / seconds if seconds else 0.0
        self.stderr.write(f"{count} lines in {seconds:.2f} s ({rate:,.0f} lines/s)")


def _file_lines(path: str) -> Iterator[str]:
    try:
        handle = open(path, "rb")  # noqa: SIM115 (closed below, after the last line)
    except OSError as error:
        raise CommandError(f"cannot read {path}: {error.strerror}") from None
    with handle:
        yield from decoded_lines(handle)


def _use_utf8(stream: TextIO) -> None:
    """Write UTF-8 even where the locale says otherwise."""
    if isinstance(stream, io.TextIOWrapper) and stream.encoding.lower().replace("-", "") != "utf8":
        stream.reconfigure(encoding="utf-8")


def _silence_stdout() -> None:
    """Point stdout at /dev/null so that Python's final flush does not fail again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
