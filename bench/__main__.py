"""`python -m bench <command>`: the benchmarks' commands (see bench/README.md)."""

from bench.cli import main

main()
