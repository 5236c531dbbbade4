"""The weekly plan optimiser: a mixed-integer model solved with HiGHS (see model.py)."""
