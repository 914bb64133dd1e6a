print("pyframe")
