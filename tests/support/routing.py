"""A test-only speed-up: every test builds its own app, and most of create_app's time (about nine tenths)
is werkzeug compiling a URL builder for each of the ~125 rules. The builder is a pure function of the rule
(its text, parsed trace and defaults) and takes the rule as its first argument, so one compiled builder
serves the same rule in every app of the run. Production builds one app per process and is not touched."""

from __future__ import annotations

from werkzeug.routing.rules import Rule


def cache_url_builders() -> None:
    """Memoise Rule._compile_builder by what the generated code depends on (once per process)."""
    original = getattr(Rule, "_compile_builder", None)
    if original is None or getattr(original, "cached_for_tests", False):
        return  # another werkzeug: the tests only run slower
    builders: dict = {}

    def compile_builder(self, append_unknown: bool = True):
        try:
            key = (
                self.rule,
                tuple(self._trace),
                append_unknown,
                tuple(sorted((self.defaults or {}).items())),
            )
            found = builders.get(key)
        except (AttributeError, TypeError):  # an unhashable default, or internals that changed
            return original(self, append_unknown)
        if found is None:
            found = builders[key] = original(self, append_unknown)
        return found

    compile_builder.cached_for_tests = True
    Rule._compile_builder = compile_builder
