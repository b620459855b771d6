-- A valid manifest: the reference the error cases are cut from.
scenario {
  name = "fuzz",
  title = "A valid manifest",
  talk = "000",
  question = "Does the loader read every field?",
  about = "Two parameters, two variants, one chart, one finding.",
  params = { "n", "batch" },
  items = "n",
  sweep = {
    smoke = { n = { 10, 100 }, batch = { 1 } },
    quick = { n = { 10, 100, 1000 }, batch = { 1, 8 } },
  },
  baseline = "py",
  tolerance = 1e-6,
  timeout = 5,
  variants = {
    variant { name = "py", label = "Python", kind = "python", entry = "good:py" },
    variant { name = "c", label = "C", kind = "c", entry = "good:c", limit = { n = 100 } },
  },
  charts = {
    chart { id = "t", type = "lines", x = "n", y = "ns_per_item", logx = true,
            title = "time" },
  },
  findings = { finding { faster = "c", than = "py", at = { n = 100, batch = 1 } } },
}
