"""Measurements that print figures (never asserted in tests): see bench/README.md."""
