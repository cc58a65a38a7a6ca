"""Benchmarks: extraction speed, embedded-store load and query latency, API under load.

Run each as a module from the repository root (``python -m bench.extract_bench``); they print
figures and never assert on them. See bench/README.md.
"""

__all__: list[str] = []
