"""Workload for Tools/soak.py: threads, forks and a subprocess, busy until killed
(or until the number of seconds given as argv[1] have passed)."""
import os
import subprocess
import sys
import threading
import time


def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


def churn(stop):
    while not stop.is_set():
        fib(12)
        time.sleep(0.005)


def main():
    deadline = time.monotonic() + float(sys.argv[1])
    stop = threading.Event()
    threads = [threading.Thread(target=churn, args=(stop,), name="churn-%d" % i) for i in range(3)]
    for t in threads:
        t.start()
    round_ = 0
    while time.monotonic() < deadline:
        round_ += 1
        if round_ % 4 == 0:
            pid = os.fork()
            if pid == 0:
                fib(15)
                os._exit(0)
            os.waitpid(pid, 0)
        if round_ % 20 == 0:
            subprocess.run([sys.executable, "-c", "sum(range(10000))"], check=True)
        fib(17)
        time.sleep(0.01)
    stop.set()
    for t in threads:
        t.join()


if __name__ == "__main__":
    main()
