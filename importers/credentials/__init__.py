"""Verifiable credentials: verify incoming Open Badges 3.0 / CLR 2.0 credentials, sign our own."""
