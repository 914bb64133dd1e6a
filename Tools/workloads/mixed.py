"""Benchmark workload: a realistic mix of what Python programs spend time on.

JSON round trips, a class-heavy simulation, generator pipelines, sorting with
key functions, string work, and two threads. About a second untraced.
"""
import json
import random
import threading


class Particle:
    __slots__ = ("x", "y", "vx", "vy")

    def __init__(self, rng):
        self.x, self.y = rng.random(), rng.random()
        self.vx, self.vy = rng.uniform(-1, 1), rng.uniform(-1, 1)

    def step(self, dt):
        self.x = (self.x + self.vx * dt) % 1.0
        self.y = (self.y + self.vy * dt) % 1.0

    def energy(self):
        return 0.5 * (self.vx * self.vx + self.vy * self.vy)


def simulate(count, steps, seed):
    rng = random.Random(seed)
    particles = [Particle(rng) for _ in range(count)]
    for _ in range(steps):
        for p in particles:
            p.step(0.01)
    return sum(p.energy() for p in particles)


def records(n, rng):
    for i in range(n):
        yield {"id": i, "name": "item%d" % i, "price": round(rng.uniform(1, 100), 2),
               "tags": [rng.choice("abcdef") for _ in range(3)]}


def expensive(items):
    for item in items:
        if item["price"] > 50:
            yield item


def json_round_trips(n, seed):
    rng = random.Random(seed)
    text = json.dumps(list(records(n, rng)))
    items = json.loads(text)
    chosen = list(expensive(items))
    chosen.sort(key=lambda item: (item["tags"][0], -item["price"]))
    return len(chosen)


def word_counts(lines):
    counts = {}
    for line in lines:
        for word in line.split():
            word = word.strip(".,").lower()
            counts[word] = counts.get(word, 0) + 1
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:5]


def worker(results, index, seed):
    results[index] = simulate(300, 500, seed)


def main():
    results = [0.0, 0.0]
    threads = [threading.Thread(target=worker, args=(results, i, i)) for i in range(2)]
    for t in threads:
        t.start()
    total = 0
    for round_ in range(30):
        total += json_round_trips(3000, round_)
    text = ["The quick brown fox jumps over the lazy dog, again and again."] * 20000
    top = word_counts(text)
    for t in threads:
        t.join()
    print(total, top[0], round(sum(results), 3))


if __name__ == "__main__":
    main()
