"""The web server's memory of results: a bounded LRU, computed once per key on a small thread pool.

* :class:`Lru` keeps at most ``max_entries`` values and ``max_bytes`` of ``bytes`` values (rendered pages);
  the least recently used go first.
* :class:`Computer` runs every computation on a bounded pool (never on the event loop; its threads at a lower
  CPU priority, ``nice``) and shares it: the
  requests that want a key while it is being computed wait for that one computation (single flight).
  A computation that needs another key (a page needs the board, the board needs the assessments) computes it
  on its own pool thread, so a pool thread only ever waits for a computation that is running, never for one
  queued behind it: no deadlock however full the pool is.
* At most ``max_queued`` computations wait or run at once. A request of the event loop that finds the queue
  full waits (without holding anything) up to ``max_wait`` seconds for room, then gets a 503 ``server_busy``
  with ``Retry-After``: nothing queues without end, and a client that keeps asking waits instead of
  keeping the event loop busy.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import threading
from collections import Counter, OrderedDict
from collections.abc import Callable, Hashable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from dxtrack.present.errors import AppError

Key = tuple[Hashable, ...]
_MISSING = object()


class Lru:
    """A thread-safe least-recently-used map bounded by entries and by the bytes of its ``bytes`` values."""

    def __init__(self, max_entries: int, max_bytes: int | None = None) -> None:
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self._data: OrderedDict[Key, Any] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, key: Key, default: Any = _MISSING) -> Any:
        with self._lock:
            if key not in self._data:
                return default
            self._data.move_to_end(key)
            return self._data[key]

    def put(self, key: Key, value: Any) -> None:
        size = _size(value)
        if self.max_bytes is not None and size > self.max_bytes:
            return  # bigger than the whole budget: served, not kept
        with self._lock:
            if key in self._data:
                self._bytes -= _size(self._data.pop(key))
            self._data[key] = value
            self._bytes += size
            while len(self._data) > self.max_entries or (self.max_bytes is not None and self._bytes > self.max_bytes):
                _, old = self._data.popitem(last=False)
                self._bytes -= _size(old)

    def __len__(self) -> int:
        return len(self._data)

    @property
    def bytes(self) -> int:
        return self._bytes


def _size(value: Any) -> int:
    return len(value) if isinstance(value, bytes) else 0


@dataclass(frozen=True)
class Stats:
    """What the cache holds and how often each kind of key (its first element) was computed."""

    entries: int
    page_entries: int
    page_bytes: int
    computed: dict[str, int]


class Computer:
    """Computes values by key once, on ``threads`` pool threads, into two LRUs (pages as bytes, results)."""

    RETRY_AFTER = 5  # seconds suggested to a request refused because the queue is full
    POLL = 0.1  # seconds between two looks for room in the queue

    def __init__(
        self, threads: int, pages: Lru, results: Lru, max_queued: int = 64, max_wait: float = 10.0, nice: int = 0
    ) -> None:
        self.nice = nice
        self.pages = pages
        self.max_queued = max_queued
        self.max_wait = max_wait
        self.results = results
        self._local = threading.local()
        self._pool = ThreadPoolExecutor(threads, thread_name_prefix="dxtrack-compute", initializer=self._mark)
        self._lock = threading.Lock()
        self._running: dict[Key, Future[Any]] = {}
        self._queued: dict[Key, Future[Any]] = {}
        self._computed: Counter[str] = Counter()

    def _mark(self) -> None:
        self._local.in_pool = True
        if self.nice:  # Linux gives each thread its own niceness: the event loop's thread keeps the CPU first
            with contextlib.suppress(AttributeError, OSError):
                os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), self.nice)

    def _store(self, key: Key) -> Lru:
        return self.pages if key[0] == "page" else self.results

    def peek(self, key: Key) -> Any:
        """The cached value of ``key`` or None (never computes)."""
        return self._store(key).get(key, None)

    def get(self, key: Key, build: Callable[[], Any]) -> Any:
        """The value of ``key``, computed by ``build`` once (blocking; from any thread)."""
        hit = self._store(key).get(key, _MISSING)
        if hit is not _MISSING:
            return hit
        if getattr(self._local, "in_pool", False):
            return self._compute(key, build)
        task = self._submit(key, build, bounded=False)
        assert task is not None
        return task.result()

    async def get_async(self, key: Key, build: Callable[[], Any]) -> Any:
        """:meth:`get` for the event loop: a cached value at once, otherwise awaited without blocking the loop."""
        hit = self._store(key).get(key, _MISSING)
        if hit is not _MISSING:
            return hit
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.max_wait
        while (task := self._submit(key, build, bounded=True)) is None:
            if loop.time() >= deadline:
                raise AppError("server_busy", {"retry_after": self.RETRY_AFTER})
            await asyncio.sleep(self.POLL)
        return await asyncio.wrap_future(task)

    def stats(self) -> Stats:
        with self._lock:
            computed = dict(self._computed)
        return Stats(len(self.results), len(self.pages), self.pages.bytes, computed)

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)

    def _submit(self, key: Key, build: Callable[[], Any], *, bounded: bool = True) -> Future[Any] | None:
        """The pool task computing ``key``, shared by every caller outside the pool while it is queued or runs;
        None when ``bounded`` and the queue is full."""
        with self._lock:
            queued = self._queued.get(key)
            if queued is not None:
                return queued
            if bounded and len(self._queued) >= self.max_queued:
                return None
            task = self._pool.submit(self._compute, key, build)
            self._queued[key] = task

        def forget(done: Future[Any]) -> None:
            with self._lock:
                if self._queued.get(key) is done:
                    del self._queued[key]

        task.add_done_callback(forget)
        return task

    def _compute(self, key: Key, build: Callable[[], Any]) -> Any:
        """Compute ``key`` on this thread, or wait for the thread already computing it."""
        store = self._store(key)
        hit = store.get(key, _MISSING)
        if hit is not _MISSING:
            return hit
        with self._lock:
            hit = store.get(key, _MISSING)  # finished between the first look and the lock
            if hit is not _MISSING:
                return hit
            running = self._running.get(key)
            if running is None:
                mine: Future[Any] = Future()
                self._running[key] = mine
        if running is not None:
            return running.result()
        try:
            value = build()
        except BaseException as exc:
            mine.set_exception(exc)
            raise
        else:
            store.put(key, value)
            with self._lock:
                self._computed[str(key[0])] += 1
            mine.set_result(value)
            return value
        finally:
            with self._lock:
                del self._running[key]
