"""Paths, settings and safe file writing."""
