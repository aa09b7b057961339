"""Accounts: signup behind the age gate, login, sessions, recovery codes, pseudonyms, roles, and the
account's lifecycle (export and deletion through the exporters and erasers features register)."""
