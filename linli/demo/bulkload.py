"""Loading generated rows in bulk: COPY on PostgreSQL, ``executemany`` on SQLite.

Rows are plain tuples in the order of a :class:`Table`'s columns (dates and timestamps already
formatted as ISO text, timestamps by :meth:`Loader.stamp`). Primary keys are given out
here (:meth:`Loader.ids`), from the table's current maximum, so that rows can refer to each other
without being read back; :meth:`Loader.finish` moves the PostgreSQL sequences past them (SQLite's
AUTOINCREMENT follows explicit ids by itself). Triggers and indexes stay in place, so SQLite's
FTS5 name index and PostgreSQL's GIN index follow the inserted organizations as they do for
``bulk_create``.

On PostgreSQL, when the user may, each transaction sets ``session_replication_role = replica``:
the generated rows are consistent by construction, and checking millions of deferred foreign
keys one by one at commit would cost more than writing them.

``pipeline=True`` (PostgreSQL, for the big loads of ``generate_dataset``) hands the rows to a
thread with a connection of its own, so the server stores one batch while Python makes the next;
each :meth:`Loader.transaction` block is committed there. Not for use inside a transaction of the
main connection whose rows the written ones refer to (such as a test's): the writer cannot see
them, and what it commits is not rolled back with them.
"""

from __future__ import annotations

import queue
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import connections, models, transaction

from linli.core.indexes import restore_deferred_indexes
from linli.core.models import DeferredIndex


@dataclass(frozen=True)
class Table:
    """A model and the columns generated rows give, in order."""

    model: type[models.Model]
    columns: tuple[str, ...]

    @property
    def name(self) -> str:
        return str(self.model._meta.db_table)

    @property
    def pk(self) -> str:
        pk = self.model._meta.pk
        if pk is None:  # pragma: no cover (every model has one)
            raise ValueError(f"{self.name} has no primary key")
        return str(pk.column)


class _Counted:
    """Iterate rows, counting them, and appending the values of columns the generator does not
    know about (added to the model later, with a default)."""

    def __init__(self, rows: Iterable[tuple[Any, ...]], fill: tuple[Any, ...]) -> None:
        self.rows, self.fill, self.n = rows, fill, 0

    def __iter__(self) -> Iterator[tuple[Any, ...]]:
        fill = self.fill
        if fill:
            for row in self.rows:
                self.n += 1
                yield row + fill
        else:
            for row in self.rows:
                self.n += 1
                yield row


class Loader:
    """Writes rows of several tables through one database connection."""

    def __init__(
        self, using: str = "default", method: str | None = None, pipeline: bool = False
    ) -> None:
        self.using = using
        self.connection = connections[using]
        self.vendor = self.connection.vendor
        if method is None:
            method = "copy" if self.vendor == "postgresql" else "insert"
        if method == "copy" and self.vendor != "postgresql":
            raise ValueError("COPY needs PostgreSQL")
        self.method = method
        self.counts: Counter[str] = Counter()
        # Time spent writing (and generating) the rows of each table.
        self.seconds: defaultdict[str, float] = defaultdict(float)
        self._next: dict[str, int] = {}
        self._fill: dict[str, tuple[tuple[str, ...], tuple[Any, ...]]] = {}
        self._replica: bool | None = None
        self._tables: dict[str, Table] = {}
        self._copying = False
        self._pipe: _Pipe | None = None
        self.writer_seconds: dict[str, float] = {}
        self.deferred_indexes: list[str] = []
        self.index_seconds = 0.0
        if pipeline and self.method == "copy":
            self._pipe = _Pipe(self.connection.get_connection_params(), self._may_skip_checks())
        # Timestamps are written in UTC: Django keeps SQLite's naive and sets PostgreSQL's
        # session time zone to UTC, but an explicit offset does not depend on that.
        self.tz_suffix = "+00" if self.vendor == "postgresql" else ""

    @property
    def pipelined(self) -> bool:
        return self._pipe is not None

    # --- values ------------------------------------------------------------------------------

    def stamp(self, day: date, seconds: int) -> str:
        """``seconds`` after midnight UTC of ``day`` (0 ≤ seconds < 86,400), as column text."""
        h, rest = divmod(seconds, 3600)
        return f"{day.isoformat()} {h:02d}:{rest // 60:02d}:{rest % 60:02d}{self.tz_suffix}"

    # --- ids ---------------------------------------------------------------------------------

    def ids(self, table: Table, n: int) -> int:
        """Reserve ``n`` primary keys of ``table``; returns the first (they are consecutive)."""
        self._tables.setdefault(table.name, table)
        first = self._next.get(table.name)
        if first is None:
            if self._copying:
                raise RuntimeError("reserve ids before writing rows: no query can run in a COPY")
            first = self._start(table)
        self._next[table.name] = first + n
        return first

    def _start(self, table: Table) -> int:
        with self.connection.cursor() as cursor:
            cursor.execute(f'SELECT MAX("{table.pk}") FROM "{table.name}"')  # noqa: S608
            highest = cursor.fetchone()[0] or 0
            if self.vendor == "sqlite":  # AUTOINCREMENT never gives an id twice; nor do we
                cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table.name])
                row = cursor.fetchone()
                highest = max(highest, row[0] if row else 0)
            elif self.vendor == "postgresql":
                sequence = self._sequence(cursor, table)
                if sequence:
                    cursor.execute(f"SELECT last_value, is_called FROM {sequence}")  # noqa: S608
                    last, called = cursor.fetchone()
                    highest = max(highest, last if called else last - 1)
        return int(highest) + 1

    @staticmethod
    def _sequence(cursor: Any, table: Table) -> str | None:
        cursor.execute("SELECT pg_get_serial_sequence(%s, %s)", [f'"{table.name}"', table.pk])
        row = cursor.fetchone()
        return row[0] if row else None

    def finish(self) -> None:
        """Wait for the writer (if any), then move PostgreSQL's sequences past the ids given out
        here."""
        if self._pipe is not None:
            self._pipe.close()
            self.writer_seconds = dict(self._pipe.seconds)
            self._pipe = None
        if self.vendor != "postgresql":
            return
        with self.connection.cursor() as cursor:
            for name, following in self._next.items():
                table = self._tables[name]
                sequence = self._sequence(cursor, table)
                if sequence and following > 1:
                    cursor.execute(
                        f"SELECT setval(%s, GREATEST(%s, (SELECT last_value FROM {sequence})))",  # noqa: S608
                        [sequence, following - 1],
                    )

    # --- indexes -----------------------------------------------------------------------------

    @contextmanager
    def indexes_deferred(self, tables: Iterable[Table]) -> Iterator[None]:
        """On PostgreSQL: drop the secondary indexes of these tables now and build them again
        (the same definitions, the same names) at the end, which is much faster than keeping
        them current row by row during a big load. Indexes behind constraints (primary keys,
        unique constraints) stay. The writer is finished before the indexes are built."""
        if self.vendor != "postgresql":
            yield
            return
        restore_deferred_indexes(self.using)  # left behind by a load that was killed
        names = sorted({t.name for t in tables})
        with self.connection.cursor() as cursor:
            cursor.execute(
                "SELECT i.indexname, i.indexdef FROM pg_indexes i "
                "WHERE i.schemaname = current_schema() AND i.tablename = ANY(%s) "
                "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = "
                "(quote_ident(i.schemaname) || '.' || quote_ident(i.indexname))::regclass) "
                "ORDER BY i.tablename, i.indexname",
                [names],
            )
            deferred = cursor.fetchall()
        with transaction.atomic(using=self.using):
            # Recorded with the drop: if this process is killed, the next load restores them.
            for name, definition in deferred:
                DeferredIndex.objects.using(self.using).create(name=name, definition=definition)
            with self.connection.cursor() as cursor:
                for name, _definition in deferred:
                    cursor.execute(f'DROP INDEX "{name}"')
        self.deferred_indexes = [name for name, _definition in deferred]
        try:
            yield
        finally:
            self._stop_writer()
            started = time.perf_counter()
            restore_deferred_indexes(self.using)
            self.index_seconds = time.perf_counter() - started

    def _stop_writer(self) -> None:
        if self._pipe is not None:
            pipe, self._pipe = self._pipe, None
            with suppress(Exception):  # a failure was raised already, or is raised by finish()
                pipe.close()

    # --- writing -----------------------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One transaction for a batch of writes (foreign keys unchecked on PostgreSQL if the
        user may turn the checks off)."""
        if self._pipe is not None:
            yield
            self._pipe.put(("commit", "", []))
            return
        with transaction.atomic(using=self.using):
            if self.vendor == "postgresql" and self._may_skip_checks():
                with self.connection.cursor() as cursor:
                    cursor.execute("SET LOCAL session_replication_role = replica")
            yield

    def _may_skip_checks(self) -> bool:
        if self._replica is None:
            with self.connection.cursor() as cursor:
                cursor.execute("SELECT current_setting('is_superuser')")
                self._replica = cursor.fetchone()[0] == "on"
        return self._replica

    def write(self, table: Table, rows: Iterable[tuple[Any, ...]]) -> int:
        """Write the rows; returns how many."""
        self._tables.setdefault(table.name, table)
        columns, fill = self._fill_for(table)
        counted = _Counted(rows, fill)
        started = time.perf_counter()
        quoted = ", ".join(f'"{c}"' for c in columns)
        if self._pipe is not None:
            self._pipe.put(("copy", f'COPY "{table.name}" ({quoted}) FROM STDIN', list(counted)))
        elif self.method == "copy":
            self._copy(f'COPY "{table.name}" ({quoted}) FROM STDIN', counted)
        elif self.vendor == "sqlite":
            marks = ", ".join("?" * len(columns))
            sql = f'INSERT INTO "{table.name}" ({quoted}) VALUES ({marks})'  # noqa: S608
            self.connection.ensure_connection()
            self.connection.connection.executemany(sql, counted)
        else:
            marks = ", ".join(["%s"] * len(columns))
            sql = f'INSERT INTO "{table.name}" ({quoted}) VALUES ({marks})'  # noqa: S608
            with self.connection.cursor() as cursor:
                cursor.executemany(sql, list(counted))
        self.counts[table.name] += counted.n
        self.seconds[table.name] += time.perf_counter() - started
        return counted.n

    def _copy(self, sql: str, rows: Iterable[tuple[Any, ...]]) -> None:
        from psycopg.copy import QueuedLibpqWriter  # PostgreSQL only: not loaded for SQLite

        self.connection.ensure_connection()
        raw = self.connection.connection
        # The queued writer sends from a thread while this one goes on formatting rows.
        with raw.cursor() as cursor, cursor.copy(sql, writer=QueuedLibpqWriter(cursor)) as copy:
            write = copy.write_row
            self._copying = True
            try:
                for row in rows:
                    write(row)
            finally:
                self._copying = False

    def _fill_for(self, table: Table) -> tuple[tuple[str, ...], tuple[Any, ...]]:
        """The columns to write: the table's, then any other concrete column of the model with
        the value a new row gets by default."""
        known = self._fill.get(table.name)
        if known is not None:
            return known
        fields = {str(f.column): f for f in table.model._meta.concrete_fields}
        unknown = [c for c in table.columns if c not in fields]
        if unknown:
            raise ValueError(f"{table.name} has no column {', '.join(unknown)}")
        extra_columns: list[str] = []
        extra_values: list[Any] = []
        for column, field in fields.items():
            if column in table.columns:
                continue
            if field.has_default():
                value = field.get_db_prep_save(field.get_default(), connection=self.connection)
            elif field.null:
                value = None
            else:
                raise ValueError(f"generated rows of {table.name} lack the column {column}")
            extra_columns.append(column)
            extra_values.append(value)
        known = ((*table.columns, *extra_columns), tuple(extra_values))
        self._fill[table.name] = known
        return known


class _Pipe:
    """A thread with its own connection that runs the COPYs handed to it, in order."""

    def __init__(self, params: dict[str, Any], replica: bool) -> None:
        self.params, self.replica = params, replica
        # A few batches ahead at most: memory stays bounded, and Python waits when it is ahead.
        self.queue: queue.Queue[tuple[str, str, list[tuple[Any, ...]]] | None] = queue.Queue(16)
        self.error: BaseException | None = None
        # Time the writer spent on each table (formatting, sending and the server's storing).
        self.seconds: defaultdict[str, float] = defaultdict(float)
        self.thread = threading.Thread(target=self._run, name="linli-copy", daemon=True)
        self.thread.start()

    def put(self, item: tuple[str, str, list[tuple[Any, ...]]] | None) -> None:
        while True:
            self._check()
            try:
                self.queue.put(item, timeout=1)
                return
            except queue.Full:
                continue

    def close(self) -> None:
        self.put(None)
        self.thread.join()
        self._check()

    def _check(self) -> None:
        if self.error is not None:
            raise RuntimeError("the COPY writer failed") from self.error

    def _run(self) -> None:
        import psycopg  # PostgreSQL only: not loaded for SQLite

        try:
            with psycopg.connect(**self.params) as conn, conn.cursor() as cursor:
                if self.replica:
                    cursor.execute("SET session_replication_role = replica")
                while (item := self.queue.get()) is not None:
                    kind, sql, rows = item
                    if kind == "commit":
                        conn.commit()
                        continue
                    started = time.perf_counter()
                    with cursor.copy(sql) as copy:
                        write = copy.write_row
                        for row in rows:
                            write(row)
                    self.seconds[sql.split('"')[1]] += time.perf_counter() - started
                conn.commit()
        except BaseException as exc:  # handed to the main thread
            self.error = exc
            while True:  # unblock a producer waiting on a full queue
                try:
                    if self.queue.get(timeout=5) is None:
                        break
                except queue.Empty:
                    break
