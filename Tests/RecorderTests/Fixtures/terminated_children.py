"""Forks children and terminates each with SIGTERM a moment after its start,
as a pool's terminate() does: some while pyframe starts recording in them,
most while they allocate (so that the signal often lands inside malloc).
Prints how many died of SIGTERM."""
import os
import signal
import time


def churn():
    while True:
        [bytes(1000 + i) for i in range(100)]


died = 0
for i in range(30):
    pid = os.fork()
    if pid == 0:
        churn()
    time.sleep(i * 0.0004)
    os.kill(pid, signal.SIGTERM)
    _, status = os.waitpid(pid, 0)
    died += os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGTERM
print(died)
