"""Several threads running Python code at once, and a thread pool."""
import threading
from concurrent.futures import ThreadPoolExecutor


def work(n):
    return sum(step(i) for i in range(n))


def step(i):
    return i % 7


def worker(n, out, index):
    out[index] = work(n)


results = [0] * 4
threads = [threading.Thread(target=worker, args=(2000 + i, results, i), name="worker-%d" % i) for i in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
with ThreadPoolExecutor(max_workers=3) as pool:
    pooled = list(pool.map(work, range(100, 120)))
print(results, sum(pooled))
