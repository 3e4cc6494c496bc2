"""Synthetic demo wing: realistic, entirely invented data created through the services."""
