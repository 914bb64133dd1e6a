"""Starts Python processes every way: fork, subprocess, multiprocessing pools."""
import multiprocessing
import os
import subprocess
import sys


def forked():
    return 1


def work(x):
    return x * x


if __name__ == "__main__":
    pid = os.fork()
    if pid == 0:
        forked()
        os._exit(0)
    os.waitpid(pid, 0)
    subprocess.run([sys.executable, "-c", "print('child')"], check=True, stdout=subprocess.DEVNULL)
    for method in ("spawn", "forkserver"):
        with multiprocessing.get_context(method).Pool(2) as pool:
            assert sum(pool.map(work, range(4))) == 14
