"""Object-heavy code: many small instances of simple classes (a plain
`__init__`), which CPython 3.13 creates without the eval-frame hook
(CALL_ALLOC_AND_ENTER_INIT) and pyframe records through sys.monitoring there:
this workload shows what that costs.

    python3 Tools/workloads/classes.py [N]
"""
import sys


class Vec:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def plus(self, other):
        return Vec(self.x + other.x, self.y + other.y)


class Particle:
    def __init__(self, position, velocity):
        self.position = position
        self.velocity = velocity

    def step(self):
        return Particle(self.position.plus(self.velocity), self.velocity)


def main(n):
    particles = [Particle(Vec(i, i), Vec(1, -1)) for i in range(100)]
    for _ in range(n):
        particles = [p.step() for p in particles]
    return sum(p.position.x for p in particles)


if __name__ == "__main__":
    print(main(int(sys.argv[1]) if len(sys.argv) > 1 else 3000))
