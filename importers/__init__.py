"""Importers: parse a format, validate into graph models, write in batched transactions."""
