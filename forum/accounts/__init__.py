"""Accounts: signup behind the age gate, login, sessions, recovery codes and pseudonyms."""
