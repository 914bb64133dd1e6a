"""Run as `python3 -m fixture_module ARGS`: prints its arguments."""
import sys

print(sys.argv[1:])
