"""The ground floor: code lists, enumerations and translations shared by every floor above."""
