"""Ends with an uncaught exception raised two calls deep."""


def inner():
    raise ValueError("expected failure for the test")


def outer():
    inner()


outer()
