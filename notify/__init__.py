"""Hearing back without e-mail: notification settings, the live badge (`/member` Socket.IO namespace),
Web Push to closed tabs, and the installable app (manifests, service worker, offline page)."""
