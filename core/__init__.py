"""Shared plumbing used by every feature package: extensions, database set-up, errors, security, i18n."""
