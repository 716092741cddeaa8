"""Messages for people, kept as a key and values and rendered in a language when shown.

The geodata steps describe what they found and did (columns detected, repairs, warnings,
rejected rows) as :class:`Message` objects; the command line and the admin page render them with
:func:`domain.i18n.translate` in the reader's language. Values are data: names and codes from a
file stay as they are (the page escapes them), numbers are written with the language's
separators when rendered.
"""

from __future__ import annotations

from dataclasses import dataclass

from domain.i18n import format_float, format_int, translate


@dataclass(frozen=True)
class Num:
    """A decimal number shown with ``digits`` decimals in the reader's language."""

    value: float
    digits: int = 2


@dataclass(frozen=True)
class Items:
    """A list shown joined by ``sep``; ``more`` adds an ellipsis for items left out."""

    items: tuple
    sep: str = ", "
    more: bool = False


class Message:
    """A translatable sentence: ``key`` of ``domain/strings`` and its placeholder ``values``.

    Values may be text (shown as it is), ``int`` and ``float`` (separators of the language;
    a float with a fraction gets two decimals), :class:`Num`, :class:`Items` or another
    :class:`Message` (rendered in the same language). ``str(message)`` is the English text.
    """

    __slots__ = ("key", "values")

    def __init__(self, key: str, **values):
        self.key = key
        self.values = values

    def text(self, lang: str) -> str:
        """The sentence in language ``lang`` (``id`` or ``en``)."""
        return translate(lang, self.key, **{name: shown(value, lang) for name, value in self.values.items()})

    def __str__(self) -> str:
        return self.text("en")

    def __repr__(self) -> str:
        return f"Message({self.key!r}, {self.values!r})"

    def __eq__(self, other) -> bool:
        return isinstance(other, Message) and (self.key, self.values) == (other.key, other.values)

    __hash__ = None


def shown(value, lang: str) -> str:
    """``value`` as text in language ``lang`` (see :class:`Message`)."""
    if isinstance(value, Message):
        return value.text(lang)
    if hasattr(value, "item") and not isinstance(value, str):
        value = value.item()  # numpy scalars
    if isinstance(value, Items):
        parts = [shown(item, lang) for item in value.items]
        return value.sep.join(parts + (["..."] if value.more else []))
    if isinstance(value, Num):
        return format_float(value.value, lang, value.digits)
    if isinstance(value, bool) or value is None:
        return str(value)
    if isinstance(value, int):
        return format_int(value, lang)
    if isinstance(value, float):
        return format_int(value, lang) if value.is_integer() else format_float(value, lang, 2)
    return str(value)


def texts(messages, lang: str) -> list[str]:
    """Each message of ``messages`` rendered in ``lang``."""
    return [m.text(lang) for m in messages]


class MessageError(ValueError):
    """An error whose text is a :class:`Message`: ``str(error)`` is English (logs, tracebacks),
    ``error.message.text(lang)`` what a reader sees."""

    def __init__(self, key: str, **values):
        self.message = Message(key, **values)
        super().__init__(self.message.text("en"))


def error_text(error: Exception, lang: str) -> str:
    """The text of ``error`` in ``lang`` when it carries a message, else its plain text."""
    return error.message.text(lang) if isinstance(error, MessageError) else str(error)
