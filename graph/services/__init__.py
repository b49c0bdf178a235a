"""The questions: fetch a subgraph through repositories, decide with graph.planning."""
