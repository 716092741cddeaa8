"""Strings of each page area, merged by ui.i18n."""
