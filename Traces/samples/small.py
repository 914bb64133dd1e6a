"""Small program behind Traces/samples/small.lz4: recursion, a generator, an exception, a thread."""
import threading


def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


def count(n):
    for i in range(n):
        yield i


def fails():
    raise ValueError("caught below")


def work():
    return sum(count(5))


t = threading.Thread(target=work, name="helper")
t.start()
try:
    fails()
except ValueError:
    pass
t.join()
print(fib(6), list(count(3)))
