"""Benchmarks: real servers on loopback, each measured side by side with a bare baseline in the same run."""
