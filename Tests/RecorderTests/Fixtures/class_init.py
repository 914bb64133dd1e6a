# Simple classes, called often: CPython 3.13 runs their __init__ without the
# eval-frame hook (CALL_ALLOC_AND_ENTER_INIT); every call must still count.
from dataclasses import dataclass


class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y


class Point3(Point):
    def __init__(self, x, y, z):
        super().__init__(x, y)
        self.z = z


class Picky:
    def __init__(self, n):
        if n % 7 == 0:
            raise ValueError(n)
        self.n = Point(n, n)


@dataclass
class Pair:
    a: int
    b: int


def build(n):
    points = [Point(i, i) for i in range(n)]
    solids = [Point3(i, i, i) for i in range(n // 2)]
    pairs = [Pair(i, -i) for i in range(n // 4)]
    refused = 0
    for i in range(n):
        try:
            Picky(i)
        except ValueError:
            refused += 1
    return len(points) + len(solids) + len(pairs), refused


print(build(400))
