import re


def key(x):
    return -x


words = sorted(["b", "a", "c"], key=len)
print(sorted([3, 1, 2], key=key), re.match(r"(a)", "a").group(1), len(words))
try:
    {}.pop("missing")
except KeyError:
    pass
