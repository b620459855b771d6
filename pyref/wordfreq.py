"""wordfreq: Python's own C is already there.

Word frequencies of a generated text: the n most frequent words of `words`
words.  A hand-written dict loop interprets every word; str.split() and
collections.Counter already run their loops in C, inside CPython.  How
much is left for a C extension of our own to win?

The text is made from the seed: a vocabulary of 10,000 words of a-z
(3 to 10 letters each), drawn by a quantised Zipf law (the rank-r word about
1/(r+1) as often as the first), twelve words to a line.  Every variant
returns the same text: "word count\\n" for the 20 most frequent words,
ordered by count descending, then by word.
"""

import collections
import heapq

import gbinput
from _gb_wordfreq import count_words, top_words as c_top_words

VOCAB = 10000
TABLE_BITS = 16
PER_LINE = 12
TOP = 20
VOCAB_SALT = 0x2545F4914F6CDD1D
LETTERS = "abcdefghijklmnopqrstuvwxyz"


def vocab_word(r):
    """A word of 3 to 10 letters from one 64-bit draw (see wordfreq.c)."""
    length = 3 + (r & 7)
    r >>= 3
    letters = []
    for _ in range(length):
        letters.append(LETTERS[((r & 31) * 26) >> 5])
        r >>= 5
    return "".join(letters)


def zipf_table():
    """2**16 slots, each naming a rank; rank r fills a share of the slots
    proportional to 1/(r+1).  Integer arithmetic only, as in C."""
    weights = [(1 << 32) // (r + 1) for r in range(VOCAB)]
    total = sum(weights)
    table = []
    rank, cum = 0, weights[0]
    for i in range(1 << TABLE_BITS):
        target = (i * total) >> TABLE_BITS
        while cum <= target:
            rank += 1
            cum += weights[rank]
        table.append(rank)
    return table


def make_input(params, seed):
    """The text as one str: four words per random draw, 16 bits each."""
    n = params["words"]
    vocab_rng = gbinput.Rng(seed ^ VOCAB_SALT)
    vocab = [vocab_word(vocab_rng.next()) for _ in range(VOCAB)]
    slot_word = [vocab[rank] for rank in zipf_table()]
    rng = gbinput.Rng(seed)
    words = []
    for _ in range((n + 3) // 4):
        r = rng.next()
        words += (slot_word[r & 0xFFFF], slot_word[(r >> 16) & 0xFFFF],
                  slot_word[(r >> 32) & 0xFFFF], slot_word[r >> 48])
    del words[n:]
    lines = [" ".join(words[i:i + PER_LINE]) for i in range(0, n, PER_LINE)]
    return "\n".join(lines)


def top_words(counts, n=TOP):
    """The answer from a {word: count} mapping: the n most frequent words,
    by count descending, ties by word.  Finds the n-th largest count first,
    so only the few words at or above it are sorted."""
    if len(counts) > n:
        cutoff = heapq.nlargest(n, counts.values())[-1]
        ranked = [(word, c) for word, c in counts.items() if c >= cutoff]
    else:
        ranked = list(counts.items())
    ranked.sort(key=lambda wc: (-wc[1], wc[0]))
    return "".join("%s %d\n" % wc for wc in ranked[:n])


def py_dict(text):
    """Pure Python: a hand-written loop over str.split(), counting in a dict."""
    counts = {}
    for word in text.split():
        counts[word] = counts.get(word, 0) + 1
    return top_words(counts)


def py_counter(text):
    """The standard library: collections.Counter over str.split(), both
    loops already in CPython's C."""
    return top_words(collections.Counter(text.split()))


def ext_count(text):
    """Our own C extension for the counting, one call on the whole text:
    a C hash table over the str's bytes, a dict of distinct words back."""
    return top_words(count_words(text))


def ext_top(text):
    """The whole question in one C call: count, rank and format in C."""
    return c_top_words(text, TOP)
