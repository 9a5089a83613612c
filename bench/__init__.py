"""Benchmarks: how long pages wait on OVH, and how much the panel serves (`make bench`)."""
