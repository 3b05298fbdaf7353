"""The fault-injection harness of issue 16: the real command in a subprocess against special files,
signals, a damaged cache, full and closed streams and concurrent runs; every case checked by
``harness.check_invariants``."""
