"""The public information library: articles and short captioned films on illness, disability, addiction."""
