"""Finding `@Pseudonym` mentions in a post's Markdown source. Pure: no database, no Flask."""

from __future__ import annotations

import re

# Pseudonyms are "Adjective Noun NN" (accounts/pseudonyms.py); a mention may be typed in any case.
MENTION = re.compile(r"(?<![\w@])@([^\W\d_]+ [^\W\d_]+ \d{1,4})(?![\w])")
# More names than this in one post is a list, not a conversation: nobody is notified past it.
MENTIONS_MAX = 10
# Code is quoted, not addressed.
CODE = re.compile(r"```.*?```|`[^`\n]*`", re.DOTALL)


def canonical(name: str) -> str:
    """The stored spelling of a typed pseudonym: each word capitalised, single spaces."""
    return " ".join(word.capitalize() for word in name.split())


def mentioned_names(source: str) -> list[str]:
    """The distinct pseudonyms a text mentions, in order, at most MENTIONS_MAX."""
    names: list[str] = []
    for match in MENTION.finditer(CODE.sub(" ", source)):
        name = canonical(match.group(1))
        if name not in names:
            names.append(name)
        if len(names) == MENTIONS_MAX:
            break
    return names
