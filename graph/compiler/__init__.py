"""The read compiler: a GraphQL selection over the entity schema -> one Cypher statement.

Pure Python, no I/O. `ir` holds the selection as the api layer builds it, `vocabulary` checks
every label, relationship type and property against the model registry, `emit` writes the one
statement and `shape` turns its row into the `data` object.
"""

from graph.compiler.emit import CompiledPlan, CompiledRead, compile_read
from graph.compiler.ir import Misfit, Uncompilable
from graph.compiler.shape import shape_read

__all__ = ["CompiledPlan", "CompiledRead", "Misfit", "Uncompilable", "compile_read", "shape_read"]
