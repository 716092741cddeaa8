"""Boundaries: read, validate, repair, reproject, simplify, join points to polygons. No database."""
