"""Batch evaluation at scale: many response sets scored at once, with a cohort report.

``run_batch(BatchOptions(input=...))`` reads JSON lines, CSV or Parquet as a
stream, plays every set against its persona(s) on one core, a process pool or a
Dask cluster, and writes results.jsonl, results.csv, errors.jsonl, summary.json
and report.html atomically. See docs/batch.md.
"""

from simulator.batch.runner import BatchOptions, BatchRun, run_batch

__all__ = ["BatchOptions", "BatchRun", "run_batch"]
