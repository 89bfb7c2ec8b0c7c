"""Where chunks are processed: this process, a local process pool, or a Dask cluster.

Every engine yields results in input order and keeps only a few chunks in
flight, so memory stays flat and the output is the same bytes whatever the
engine or the number of workers.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing as mp
import os
import signal
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, Protocol

from simulator.batch.kernel import Chunk, ChunkResult, WorkerContext, process_chunk, remember, run_chunk
from simulator.errors import InputError
from simulator.i18n import t

ENGINES = ("local", "dask")
# Chunks queued per worker beyond the one it is working on: enough that a worker
# never waits for the reader, few enough that memory does not grow with the input.
AHEAD_PER_WORKER = 2


class Engine(Protocol):
    def map(self, chunks: Iterable[Chunk]) -> Iterator[ChunkResult]: ...

    def close(self) -> None: ...


def default_workers() -> int:
    """``--workers 0``: one per CPU this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


class InProcess:
    """One worker: the chunks are processed here, one after another."""

    def __init__(self, ctx: WorkerContext) -> None:
        self.ctx = ctx

    def map(self, chunks: Iterable[Chunk]) -> Iterator[ChunkResult]:
        for chunk in chunks:
            yield process_chunk(self.ctx, chunk)

    def close(self) -> None:
        pass


def _quiet_worker() -> None:
    # Ctrl-C reaches the whole process group; the parent stops the pool, so workers
    # ignore it rather than each printing a traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _ordered(submit: Any, chunks: Iterable[Chunk], window: int) -> Iterator[ChunkResult]:
    """Submit ahead up to ``window`` chunks; yield results in submission order."""
    pending: deque[Any] = deque()
    for chunk in chunks:
        pending.append(submit(chunk))
        if len(pending) >= window:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


class ProcessPool:
    """``--workers N`` on this machine: a pool of N processes.

    Where ``fork`` is available the workers inherit the compiled content from this
    process; elsewhere each loads it once on its first chunk.
    """

    def __init__(self, ctx: WorkerContext, content_dirs: Sequence[str], workers: int) -> None:
        self.content_dirs = tuple(content_dirs)
        self.lang = ctx.lang
        self.workers = workers
        method = "fork" if "fork" in mp.get_all_start_methods() else "spawn"
        if method == "fork":
            remember(ctx, self.content_dirs)
        self.pool = ProcessPoolExecutor(workers, mp_context=mp.get_context(method), initializer=_quiet_worker)

    def map(self, chunks: Iterable[Chunk]) -> Iterator[ChunkResult]:
        def submit(chunk: Chunk) -> Future[ChunkResult]:
            return self.pool.submit(run_chunk, self.content_dirs, self.lang, chunk)

        return _ordered(submit, chunks, self.workers * (1 + AHEAD_PER_WORKER))

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


class DaskEngine:
    """``--engine dask``: the same chunks as Dask tasks, on ``--scheduler`` or a LocalCluster.

    Workers need complaint-sim installed and any ``--content`` folder at the same path.
    A scheduler that cannot be reached within ``connect_timeout`` seconds is an
    :class:`InputError` naming its address, raised before any output is opened.
    """

    def __init__(
        self, content_dirs: Sequence[str], lang: str, workers: int, scheduler: str | None,
        connect_timeout: float | None = None,
    ) -> None:
        try:
            from dask.distributed import Client, LocalCluster
        except ImportError:
            raise InputError(t("batch.no_dask", lang)) from None
        self.content_dirs = tuple(os.path.abspath(d) for d in content_dirs)
        self.lang = lang
        self.cluster: Any = None
        if scheduler:
            # No timeout given: Dask's own distributed.comm.timeouts.connect (30 s unless configured).
            timeout: dict[str, Any] = {} if connect_timeout is None else {"timeout": connect_timeout}
            try:
                self.client = Client(scheduler, **timeout)
            # ValueError: a malformed address; TypeError: tls:// without a TLS configuration.
            except (OSError, TimeoutError, ValueError, TypeError) as exc:
                detail = " ".join(str(exc).split()) or type(exc).__name__
                raise InputError(t("batch.dask_connect", lang, address=scheduler, detail=detail)) from None
            self.window = max(1, sum(w.get("nthreads", 1) for w in self.client.scheduler_info()["workers"].values()))
        else:
            # Loopback only, no dashboard: a local run must not open ports to the network.
            self.cluster = LocalCluster(
                n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                dashboard_address=None, silence_logs=logging.WARNING,
            )
            self.client = Client(self.cluster)
            self.window = workers
        self.window *= 1 + AHEAD_PER_WORKER

    def map(self, chunks: Iterable[Chunk]) -> Iterator[ChunkResult]:
        def submit(chunk: Chunk) -> Any:
            return self.client.submit(run_chunk, self.content_dirs, self.lang, chunk, pure=False)

        return _ordered(submit, chunks, self.window)

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.client.close()
        if self.cluster is not None:
            with contextlib.suppress(Exception):
                self.cluster.close()


def make_engine(
    name: str, ctx: WorkerContext, content_dirs: Sequence[str], workers: int, scheduler: str | None,
    connect_timeout: float | None = None,
) -> Engine:
    if name == "dask":
        return DaskEngine(content_dirs, ctx.lang, workers, scheduler, connect_timeout)
    if name != "local":
        raise InputError(t("batch.bad_engine", ctx.lang, engine=name, choices=", ".join(ENGINES)))
    if scheduler:
        raise InputError(t("batch.scheduler_needs_dask", ctx.lang))
    if workers <= 1:
        return InProcess(ctx)
    return ProcessPool(ctx, content_dirs, workers)
