"""Pure decisions (rule trees, assignment, set cover, plan order) with no I/O."""
