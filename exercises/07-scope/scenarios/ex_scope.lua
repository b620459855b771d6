-- ex_scope: exercise 7, the same loop at module scope and in a function.
scenario {
  name = "ex_scope",
  title = "Exercise 7: module scope against function scope",
  talk = "000",
  question = "What does moving a script's top-level loop into a function save, and why does the instruction count of the module-level loop depend on the hash seed?",
  about = [[
The loop sums i * i % 7 for i < n.  module_scope runs it as a script's top
level does (compiled as a module, exec() in a fresh namespace): each read
and write of n, i and acc is a dictionary operation on string keys.
function_scope runs the same three lines inside a function, where the
compiler gives every local a slot in the frame.  The dictionary's probe
sequence depends on the string hashes, hence on PYTHONHASHSEED: run with
--clock instructions --hash-seeds 5 and compare instr_per_call_min and
instr_per_call_max.]],
  params = { "n" },
  items = "n",
  sweep = {
    smoke = { n = { 1000, 100000 } },
    quick = { n = { 1000, 10000, 100000, 300000 } },
    full  = { n = { 1000, 10000, 100000, 1000000 } },
  },
  baseline = "module_scope",
  variants = {
    variant { name = "module_scope", label = "a script's top level (dict names)", kind = "python",
              entry = "ex_scope:module_scope", style = "python" },
    -- Yours: fill in function_scope() in ../pyref/ex_scope.py.
    variant { name = "function_scope", label = "inside a function (fast locals)", kind = "python",
              entry = "ex_scope:function_scope", style = "step" },
  },
  charts = {
    chart { id = "ns_per_item", type = "lines", x = "n", y = "ns_per_item", logx = true,
            title = "Time per iteration against iterations" },
  },
  findings = {
    -- Graded by `gluebench exercise scope`: about 1.9x on the VM we built
    -- it on (CPython 3.11), the target far below it.
    finding { variant = "function_scope", than = "module_scope", expect = "faster", at_least = 1.25,
              at = "last", why = "Fast locals: an array slot instead of a dict lookup per name." },
  },
}
