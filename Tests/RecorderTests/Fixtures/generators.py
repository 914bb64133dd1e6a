"""Generators: iteration, send, throw, close, yield from, generator expressions."""


def count_up(n):
    for i in range(n):
        yield i


def echo():
    received = []
    try:
        while True:
            value = yield len(received)
            received.append(value)
    except GeneratorExit:
        pass


def delegating(n):
    yield from count_up(n)
    yield -1


def catcher():
    while True:
        try:
            yield "ready"
        except ValueError:
            yield "caught"


total = sum(count_up(50))
e = echo()
next(e)
for i in range(10):
    e.send(i)
e.close()
c = catcher()
next(c)
print(c.throw(ValueError("boom")))
next(c)



def fragile():
    yield 1


f = fragile()
next(f)
try:
    f.throw(KeyError("not caught inside"))  # unwinds the generator's frame
except KeyError:
    pass
squares = sum(x * x for x in count_up(20))
print(total, squares, list(delegating(5)))
