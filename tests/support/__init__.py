"""Helpers shared by test modules: test modules import from here (or from conftest fixtures), never from
each other, so moving or renaming one test file never breaks another."""
