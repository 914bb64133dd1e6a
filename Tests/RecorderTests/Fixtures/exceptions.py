"""Exceptions raised deep and caught high; finally blocks; re-raise."""


def deep(n):
    if n == 0:
        raise KeyError("bottom")
    return deep(n - 1)


def cleanup(n):
    try:
        return deep(n)
    finally:
        tidy()


def tidy():
    return None


def catch_high():
    caught = 0
    for i in range(20):
        try:
            cleanup(i)
        except KeyError:
            caught += 1
    return caught


def reraise():
    try:
        deep(3)
    except KeyError as exc:
        raise RuntimeError("wrapped") from exc


try:
    reraise()
except RuntimeError:
    pass
print(catch_high())
