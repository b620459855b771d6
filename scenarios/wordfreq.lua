-- wordfreq: Python's own C is already there.
scenario {
  name = "wordfreq",
  title = "Word frequencies: the C inside Python",
  talk = "000",
  question = "Before writing C, how much of the work already runs in CPython's own C (str.split, Counter), and what is left for an extension to win?",
  about = [[
The 20 most frequent words of a generated text (a 10,000-word vocabulary of
a-z drawn by a Zipf law, twelve words to a line).  The hand-written dict
loop interprets every word; Counter(text.split()) runs both loops in
CPython's C but still makes one str object per word; our extension counts
in a C hash table over the str's bytes and makes objects only for the
distinct words.  Every Python variant except ext_top ranks the counts with
the same Python code (the n-th largest count first, then a sort of the few
words above it); ext_top and C only count, rank and format in C.  Memory:
Python's split list is one object per word, the C table one slot per
distinct word (its malloc is invisible to tracemalloc).]],
  params = { "words" },
  items = "words",
  sweep = {
    smoke = { words = { 1000, 100000 } },
    quick = { words = { 1000, 10000, 100000, 1000000 } },
    full  = { words = { 100, 1000, 10000, 100000, 1000000, 10000000 } },
  },
  baseline = "py_dict",
  variants = {
    variant { name = "py_dict", label = "hand-written dict loop", kind = "python",
              entry = "wordfreq:py_dict", style = "python" },
    variant { name = "py_counter", label = "Counter(text.split())", kind = "python",
              entry = "wordfreq:py_counter", style = "builtin" },
    variant { name = "ext_count", label = "C extension counts, Python ranks", kind = "python",
              entry = "wordfreq:ext_count", style = "ext_item" },
    variant { name = "ext_top", label = "C extension, whole answer", kind = "python",
              entry = "wordfreq:ext_top", style = "ext_batch" },
    variant { name = "c_only", label = "C only", kind = "c",
              entry = "wordfreq:c_only", style = "c" },
  },
  charts = {
    chart { id = "ns_per_word", type = "lines", x = "words", y = "ns_per_item",
            logx = true, logy = true,
            title = "Word frequencies: time per word against text size" },
    chart { id = "speedup", type = "bars", y = "speedup", at = "last",
            title = "Speedup over the hand-written dict loop at the largest text" },
    chart { id = "memory", type = "lines", x = "words", y = "alloc_kb",
            logx = true, logy = true,
            title = "Peak Python memory of one call against text size" },
  },
  findings = {
    finding { variant = "py_counter", than = "py_dict", at = "last", expect = "faster", below = 2,
              why = "Counter counts in C, but both pay for one str per word from split() and for hashing it: the C inside Python buys little here." },
    finding { variant = "ext_count", than = "py_counter", at = "last", expect = "faster",
              why = "What our own C adds: no str object per word, one hash table over the bytes." },
    finding { variant = "ext_top", than = "ext_count", at = "last", expect = "faster",
              why = "Ranking in C too saves building a dict of every distinct word." },
    finding { variant = "c_only", than = "ext_top", at = "last", expect = "same",
              why = "What is left of the boundary: one call, nothing to convert but the answer." },
  },
}
