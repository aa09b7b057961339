"""Tests of the production set-up in deploy/."""
