"""Imports: official code lists and boundaries, and the agency's own files, each in one transaction."""
