"""Benchmarks: `make bench` (municipality scale) and `make bench-smoke` (tiny, in CI)."""
