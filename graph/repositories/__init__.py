"""Repositories: the only code that touches records; they return frozen models."""
