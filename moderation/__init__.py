"""Moderation: flags on posts (and later chat messages), the review queue, sanctions and the audit log."""
