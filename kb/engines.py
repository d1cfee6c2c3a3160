"""Where extraction runs: in this process, in local worker processes, or on a Dask cluster.

Every engine takes the stream of new ``Document``s and yields them back in batches with their
mentions and claims filled in. Only plain records cross process boundaries (never spaCy
``Doc``s), and only the caller writes to the database: one writer, many extractors.

Workers load each language's pipeline once per process and keep it in ``_EXTRACTORS``, so a
long run pays the model loading once per worker, not once per batch. No engine reads ahead
more than a few batches per worker: memory stays flat however long the input is.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Iterable, Iterator
from itertools import islice

from extract.records import Document

ENGINES = ("local", "dask")
# batches in flight per worker: one running and two queued, so that a worker does not wait
# for the writer, nor for a slower batch ahead of it
IN_FLIGHT_PER_WORKER = 3

# per process: models -> Extractor, so workers load the spaCy models once
_EXTRACTORS: dict[tuple, object] = {}
_EXTRACTORS_LOCK = threading.Lock()


def batched(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def extract_batch(
    documents: list[Document], models: dict[str, str] | None, batch_size: int
) -> list[Document]:
    """Fill in mentions and claims of ``documents`` with this process's cached pipelines.

    This is the task that runs on workers (a process pool or Dask); it imports spaCy there,
    never in the writer. Threads of one worker take turns: a spaCy pipeline is not shared.
    """
    from extract.pipeline import Extractor

    key = tuple(sorted((models or {}).items()))
    with _EXTRACTORS_LOCK:
        extractor = _EXTRACTORS.get(key)
        if extractor is None:
            extractor = _EXTRACTORS[key] = Extractor(models=models, n_process=1, long_lived=True)
        extractor.batch_size = batch_size
        try:
            return list(extractor.process(documents))
        except Exception:  # noqa: BLE001 - one bad document must not sink its whole batch
            return [_extract_one(extractor, document) for document in documents]


def _extract_one(extractor, document: Document) -> Document:
    """Extract one document alone; a failure marks it ``failed`` with the reason instead of raising."""
    try:
        return next(iter(extractor.process([document])))
    except Exception as error:  # noqa: BLE001 - reported to the writer, which records it
        document.status = "failed"
        document.error = f"extraction failed ({type(error).__name__}: {error}); the document was not stored"
        document.mentions, document.claims, document.new_actors = [], [], []
        return document


def run_local(
    documents: Iterable[Document],
    models: dict[str, str] | None = None,
    batch_size: int = 32,
    workers: int = 1,
) -> Iterator[list[Document]]:
    """Extract on this machine: in this process, or in ``workers`` processes that each load the models.

    A worker that dies (killed, out of memory) costs no run: the batches it and the others had
    in flight are extracted again one document at a time in a new pool, and a document whose
    worker dies again is returned ``failed`` with the reason. Workers end with this process.
    """
    if workers <= 1:
        for batch in batched(documents, batch_size):
            yield extract_batch(batch, models, batch_size)
        return
    pool = _WorkerPool(workers)
    try:
        pending: deque[tuple[list[Document], object]] = deque()
        for batch in batched(documents, batch_size):
            pending.append((batch, pool.submit_or_none(batch, models, batch_size)))
            if len(pending) >= workers * IN_FLIGHT_PER_WORKER:
                yield pool.collect(pending, models, batch_size)  # in input order, as with 1 worker
        while pending:
            yield pool.collect(pending, models, batch_size)
    finally:
        pool.shutdown()


WORKER_DIED = (
    "its worker process died while extracting it (killed, or out of memory); not stored, a later run "
    "tries it again"
)


class _WorkerPool:
    """A process pool that is replaced when one of its workers dies."""

    def __init__(self, workers: int):
        self.workers = workers
        self.executor = self._start()

    def _start(self):
        import multiprocessing
        import os
        from concurrent.futures import ProcessPoolExecutor

        # spawn, not fork: the writer may hold threads (progress bar) and an open SQLite handle
        context = multiprocessing.get_context("spawn")
        return ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=context,
            initializer=_end_with_parent,
            initargs=(os.getpid(),),
        )

    def submit(self, batch: list[Document], models, batch_size: int):
        return self.executor.submit(extract_batch, batch, models, batch_size)

    def submit_or_none(self, batch: list[Document], models, batch_size: int):
        """The batch's future; None when a worker already died (``collect`` redoes the batch)."""
        from concurrent.futures.process import BrokenProcessPool

        try:
            return self.submit(batch, models, batch_size)
        except BrokenProcessPool:
            return None

    def collect(self, pending: deque, models, batch_size: int) -> list[Document]:
        """The first pending batch, extracted; after a worker's death, every batch in flight again."""
        from concurrent.futures.process import BrokenProcessPool

        batch, future = pending[0]
        try:
            if future is not None:
                result = future.result()
                pending.popleft()
                return result
        except BrokenProcessPool:
            self._restart()
            for index, (other, _future) in enumerate(pending):
                pending[index] = (other, None)  # died with the pool: redone one by one
        pending.popleft()
        return [self._extract_alone(document, models, batch_size) for document in batch]

    def _extract_alone(self, document: Document, models, batch_size: int) -> Document:
        from concurrent.futures.process import BrokenProcessPool

        try:
            future = self.submit([document], models, batch_size)
        except BrokenProcessPool:  # the pool died before it was given this document
            self._restart()
            future = self.submit([document], models, batch_size)
        try:
            return future.result()[0]
        except BrokenProcessPool:
            self._restart()
            document.status, document.error = "failed", WORKER_DIED
            return document

    def _restart(self) -> None:
        self.executor.shutdown(wait=False, cancel_futures=True)
        self.executor = self._start()

    def shutdown(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)


def _end_with_parent(parent_pid: int) -> None:
    """In each worker: exit when the process that started it is gone (killed with -9, say),
    instead of running on with its models loaded."""
    import os
    import time

    def watch() -> None:
        while os.getppid() == parent_pid:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="end-with-parent", daemon=True).start()


def run_dask(
    documents: Iterable[Document],
    models: dict[str, str] | None = None,
    batch_size: int = 32,
    workers: int = 1,
    scheduler: str | None = None,
    partition_size: int | None = None,
) -> Iterator[list[Document]]:
    """Extract on a Dask cluster: the one at ``scheduler``, else a local cluster of ``workers`` processes.

    The input is cut into partitions of ``partition_size`` documents; each partition is one
    task, and its extracted documents come back to this process as soon as it finishes (in
    completion order, not input order). Every worker needs the project installed.
    """
    from distributed import Client, LocalCluster, as_completed

    partition_size = partition_size or batch_size
    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(
            n_workers=max(1, workers), threads_per_worker=1, processes=True, dashboard_address=None
        )
        client = Client(cluster)
    try:
        n_threads = max(1, sum(client.nthreads().values()))
        limit = n_threads * IN_FLIGHT_PER_WORKER
        running = as_completed()
        in_flight = 0
        for partition in batched(documents, partition_size):
            running.add(client.submit(extract_batch, partition, models, batch_size, pure=False))
            in_flight += 1
            if in_flight >= limit:
                yield _take(next(running))
                in_flight -= 1
        for future in running:
            yield _take(future)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _take(future) -> list[Document]:
    result = future.result()
    future.release()  # let the cluster forget the partition now that the writer has it
    return result
