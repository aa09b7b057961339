"""The community: categories, threads, replies, reactions, follows and flags."""
