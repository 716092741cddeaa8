"""Strings of each page area, merged by domain.i18n."""
