"""A small program to try pyframe on: recursion, a generator pipeline, a class,
JSON, sorting with a key, an exception caught high up, and a worker thread.

    pyframe record -o demo.lz4 -- python3 Tools/demo.py
    pyframe dump demo.lz4 | head -40
"""
import json
import threading

try:
    import pyframe  # importable under `pyframe record`: marks show in the HTML timeline
except ImportError:
    pyframe = None


def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


def numbers(limit):
    for i in range(limit):
        yield i


def evens(source):
    for n in source:
        if n % 2 == 0:
            yield n


class Account:
    def __init__(self, owner, balance):
        self.owner = owner
        self.balance = balance

    def withdraw(self, amount):
        if amount > self.balance:
            raise ValueError("insufficient funds")
        self.balance -= amount


def settle(accounts):
    failures = 0
    for account in accounts:
        try:
            account.withdraw(50)
        except ValueError:
            failures += 1
    return failures


def by_balance(account):
    return account.balance


def background(results):
    results.append(sum(evens(numbers(10_000))))


def mark(label):
    if pyframe is not None:
        pyframe.mark(label)


def main():
    mark("start")
    results = []
    worker = threading.Thread(target=background, args=(results,), name="background")
    worker.start()
    accounts = [Account("user%d" % i, i * 7) for i in range(100)]
    failures = settle(accounts)
    mark("accounts settled")
    richest = sorted(accounts, key=by_balance)[-1]
    document = json.dumps({"fib": fib(20), "failures": failures, "richest": richest.owner})
    worker.join()
    mark("done")
    print(json.loads(document), results[0])


if __name__ == "__main__":
    main()
