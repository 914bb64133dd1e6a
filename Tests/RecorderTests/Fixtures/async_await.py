"""Coroutines awaiting each other under asyncio, plus an async generator."""
import asyncio


async def leaf(i):
    await asyncio.sleep(0)
    return i * 2


async def middle(n):
    total = 0
    for i in range(n):
        total += await leaf(i)
    return total


async def ticker(n):
    for i in range(n):
        await asyncio.sleep(0)
        yield i


async def main():
    results = await asyncio.gather(middle(5), middle(7))
    ticks = [t async for t in ticker(4)]
    return results, ticks


print(asyncio.run(main()))
