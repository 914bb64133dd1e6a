"""Class bodies, nested classes, metaclasses, properties, dunder methods."""


class Meta(type):
    def __new__(mcs, name, bases, namespace):
        return super().__new__(mcs, name, bases, namespace)


class Shape(metaclass=Meta):
    sides = 0

    class Style:
        colour = "red"

    def __init__(self, size):
        self.size = size

    @property
    def area(self):
        return self.size * self.size

    def __repr__(self):
        return "Shape(%d)" % self.size

    def __lt__(self, other):
        return self.size < other.size


class Square(Shape):
    sides = 4


shapes = [Square(i) for i in range(10)]
print(sorted(shapes)[0], sum(s.area for s in shapes))
