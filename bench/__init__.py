"""Benchmarks: bench/load.py drives the deployed app over its websocket (see docs/deploy.md)."""
