"""Comprehensions, lambdas and decorators."""
import functools


def logged(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        return fn(*args, **kwargs)
    return wrapper


@logged
def double(x):
    return 2 * x


squares = [x * x for x in range(30)]
evens = {x for x in range(30) if x % 2 == 0}
table = {x: double(x) for x in range(15)}
nested = [[y for y in range(x)] for x in range(6)]
adder = lambda a, b: a + b  # noqa: E731
print(len(squares), len(evens), sum(table.values()), len(nested), adder(2, 3), (lambda: 7)())
