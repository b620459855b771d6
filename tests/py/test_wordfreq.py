"""Differential tests of the wordfreq scenario: every variant against the
hand-written dict loop, and the C text against the Python text."""

import collections
import ctypes
import unittest

import gbinput
import wordfreq
import _gb_wordfreq

VARIANTS = [wordfreq.py_counter, wordfreq.ext_count, wordfreq.ext_top]


def c_text(words, seed):
    lib = ctypes.CDLL(gbinput.kernel_library_path("wordfreq"))
    lib.gb_wordfreq_make_text.argtypes = [ctypes.c_size_t, ctypes.c_uint64,
                                          ctypes.POINTER(ctypes.c_size_t)]
    lib.gb_wordfreq_make_text.restype = ctypes.c_void_p
    length = ctypes.c_size_t()
    ptr = lib.gb_wordfreq_make_text(words, seed, ctypes.byref(length))
    try:
        return ctypes.string_at(ptr, length.value).decode("ascii")
    finally:
        ctypes.CDLL(None).free(ctypes.c_void_p(ptr))


class TextTest(unittest.TestCase):
    def test_python_and_c_make_the_same_text(self):
        for words, seed in [(0, 1), (1, 2), (13, 3), (5000, 4)]:
            self.assertEqual(c_text(words, seed), wordfreq.make_input({"words": words}, seed))

    def test_text_shape(self):
        text = wordfreq.make_input({"words": 1000}, 5)
        self.assertEqual(len(text.split()), 1000)
        self.assertEqual(text.count("\n"), 1000 // wordfreq.PER_LINE - (1000 % 12 == 0))
        self.assertTrue(set(text) <= set("abcdefghijklmnopqrstuvwxyz \n"))

    def test_frequent_words_dominate(self):
        counts = collections.Counter(wordfreq.make_input({"words": 20000}, 6).split())
        top = counts.most_common(2)
        self.assertGreater(top[0][1], 1.5 * top[1][1])


class VariantTest(unittest.TestCase):
    def check(self, text):
        expected = wordfreq.py_dict(text)
        for variant in VARIANTS:
            self.assertEqual(variant(text), expected, (variant.__name__, text[:60]))
        return expected

    def test_generated_texts(self):
        for words in (0, 1, 5, 19, 20, 21, 300, 20000):
            self.check(wordfreq.make_input({"words": words}, words + 7))

    def test_every_whitespace_str_split_knows(self):
        text = "\t a\x1cb\x1dc\x1ed\x1fe\vf\fg\rh\n a  b\n\n\r\n"
        self.assertEqual(_gb_wordfreq.count_words(text), collections.Counter(text.split()))
        self.check(text)

    def test_ties_are_broken_by_word_and_prefix_first(self):
        text = "abc ab b a abc ab b a zz " * 3 + "q"
        self.assertEqual(self.check(text), "a 6\nab 6\nabc 6\nb 6\nzz 3\nq 1\n")

    def test_top_cut_inside_a_tie(self):
        words = ["w%02d" % (i % 30) for i in range(30)]  # 30 words, one each
        expected = "".join("w%02d 1\n" % i for i in range(20))
        self.assertEqual(self.check(" ".join(reversed(words))), expected)

    def test_count_words_matches_counter(self):
        text = wordfreq.make_input({"words": 30000}, 8)
        self.assertEqual(_gb_wordfreq.count_words(text), collections.Counter(text.split()))

    def test_top_words_sizes(self):
        text = "x y y z z z"
        self.assertEqual(_gb_wordfreq.top_words(text, 0), "")
        self.assertEqual(_gb_wordfreq.top_words(text, 1), "z 3\n")
        self.assertEqual(_gb_wordfreq.top_words(text, 10), "z 3\ny 2\nx 1\n")

    def test_rejects_what_it_cannot_split_like_str(self):
        with self.assertRaises(ValueError):
            _gb_wordfreq.count_words("caf\u00e9 au lait")
        with self.assertRaises(TypeError):
            _gb_wordfreq.count_words(b"bytes")
        with self.assertRaises(ValueError):
            _gb_wordfreq.top_words("a", -1)


if __name__ == "__main__":
    unittest.main()
