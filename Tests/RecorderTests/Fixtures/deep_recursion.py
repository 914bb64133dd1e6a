"""Recursion 100,000 frames deep with a raised recursion limit: works untraced,
so it must work traced (pyframe raises the stack limit)."""
import sys

sys.setrecursionlimit(120_000)


def down(n):
    return 0 if n == 0 else 1 + down(n - 1)


print(down(100_000))
