"""Realtime chat rooms over Socket.IO (namespace /chat): anonymous, open all night, safe to scale out."""
