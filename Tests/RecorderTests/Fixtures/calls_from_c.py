"""Python functions called from C: sort keys, map, filter, reduce, callbacks."""
import functools


def key(x):
    return -x


def plus_one(x):
    return x + 1


def keep(x):
    return x % 3 == 0


def combine(a, b):
    return a + b


class Box:
    def __init__(self, value):
        self.value = value

    def __eq__(self, other):
        return self.value == other.value

    def __hash__(self):
        return hash(self.value)


values = list(range(200))
ordered = sorted(values, key=key)
mapped = list(map(plus_one, values))
kept = list(filter(keep, values))
total = functools.reduce(combine, values)
boxes = {Box(i % 10) for i in range(50)}
print(ordered[0], mapped[-1], len(kept), total, len(boxes))
