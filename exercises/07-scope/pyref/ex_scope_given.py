"""ex_scope_given: the given parts of exercise 7 (the input, the baseline).
Read them; you edit ex_scope.py.

The baseline is a loop written at the top level of a script: compiled as a
module and run with exec() in a fresh namespace, exactly as `python
script.py` runs a file.  At module level every name is a dictionary entry
(STORE_NAME, LOAD_NAME); inside a function the compiler gives each local a
slot in the frame (STORE_FAST, LOAD_FAST).
"""

LOOP = """
acc = 0
for i in range(n):
    acc += i * i % 7
"""

_CODE = compile(LOOP, "<script>", "exec")


def make_input(params, seed):
    """n, the number of iterations (the loop needs no data)."""
    del seed
    return params["n"]


def module_scope(n):
    """The loop as a script's top level: every name a dict entry (exec)."""
    namespace = {"n": n}
    exec(_CODE, namespace)
    return namespace["acc"]
