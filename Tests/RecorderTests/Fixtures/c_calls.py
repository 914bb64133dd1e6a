# C functions called from Python: builtins, methods through descriptors (with
# a subclass instance, and one of the wrong type) and bound objects, C calling
# back into Python (sorted with key=), C functions that raise, on two threads.
import re
import threading

PATTERN = re.compile(r"(\w+)-(\d+)")


def key(item):
    return -item


def parse(text):
    m = PATTERN.match(text)
    return m.group(1), int(m.group(2))


def raises():
    caught = 0
    for text in ("x", "1y", "7"):
        try:
            int(text)
        except ValueError:
            caught += 1
    try:
        {}.pop("missing")
    except KeyError:
        caught += 1
    try:
        list.append((), 1)  # the wrong type: no C call, as for sys.setprofile
    except TypeError:
        caught += 1
    return caught


class Items(list):
    pass


def work(n):
    xs = []
    push = xs.append
    for i in range(n):
        xs.append(i)
        list.append(xs, i * 2)
        push(i * 3)
    items = Items()
    items.append(n)  # list's descriptor, with an instance of a subclass
    ordered = sorted(xs, key=key)
    names = [parse("item-%d" % i) for i in range(n)]
    table = dict.fromkeys(range(3), 0)
    return len(ordered) + len(names) + len(table) + len(items) + raises() + max(xs) + abs(-n)


total = work(50)
worker = threading.Thread(target=work, args=(20,))
worker.start()
worker.join()
print(total)
