#!/usr/bin/python3
# index-size.py -- where an indexed memory file's bytes go, and how few the
# search indexes could take: what the memory-size target (memory file at
# most 2 x its TMX, issue 16) asks of them.  Never run by make check.
#
# Usage: index-size.py MEMORY.db [TMX]
#
# MEMORY.db is a memory whose indexes are built (`tmgloss index`); TMX,
# if given, the file it was imported from.  The script prints:
#   - each table's and SQL index's pages (SQLite's dbstat), the unused
#     bytes in them, and their share of the file;
#   - with TMX: the file / TMX ratio, and the room 2 x TMX leaves for the
#     search indexes once the units, variants and their SQL indexes are
#     stored;
#   - for each search index, what it holds and a lower bound of the bytes
#     any coding of that content needs:
#       translation index (suggest_postings): for each key, the set of
#         its units among all units: log2 C(units, n) bits; the set of
#         keys, 63-bit hashes: log2 C(2^63, keys) bits;
#       token index postings (fuzzy_postings): for each (token hash,
#         length) list, its variants among the variants of that length
#         (log2 C(N_length, n) bits; the French stems' lists, whose
#         lengths are a segment's too, the same way), and the set of
#         48-bit hashes;
#       token index rows (fuzzy_tokens): the 16-bit keys at their
#         order-0 entropy, and each variant's length;
#     and, beside it, what the coding the memory uses now takes at the
#     least: a byte per posting (LEB128), two per token key.
# The bound counts information only: it leaves out every row's, page's
# and B-tree's overhead, so it is what a design that stores the lists
# outside SQLite's rows, bit-packed, could approach, not what this one
# can.  The formats read are those of schema 13 (suggest-index.c,
# fuzzy-index.c); an older memory is refused.

import math
import os
import sqlite3
import sys
from collections import Counter

SCHEMA = 13
SUGGEST_PACK_MASK = (1 << 49) - 1  # suggest-index.c: PACK_MASK
LENGTH_MASK = 0xFFFF              # fuzzy-index.c: 16 bits of length


def log2_binomial(n, k):
    if k <= 0 or k >= n:
        return 0.0
    return (math.lgamma(n + 1) - math.lgamma(k + 1) -
            math.lgamma(n - k + 1)) / math.log(2)


def varint(b, p):
    """The LEB128 number at b[p:], and the offset after it."""
    v = s = 0
    while True:
        if p >= len(b):
            raise ValueError("a number cut short")
        x = b[p]
        p += 1
        v |= (x & 0x7F) << s
        s += 7
        if x < 0x80:
            return v, p


def count_varints(b):
    return sum(1 for x in b if x < 0x80)


def mb(bits_or_bytes, bits=True):
    return (bits_or_bytes / 8 if bits else bits_or_bytes) / 1e6


def suggest_lists(db):
    """Postings per key of the translation index."""
    n = Counter()
    for key, seg, ids in db.execute(
            "SELECT key, seg, ids FROM suggest_postings"):
        if seg >= 0:
            n[key] += count_varints(ids)
            continue
        at, p = key & ~SUGGEST_PACK_MASK, 0
        while p < len(ids):
            delta, p = varint(ids, p)
            length, p = varint(ids, p)
            at += delta
            n[at] += count_varints(ids[p:p + length])
            p += length
    return n


def fuzzy_lists(db):
    """Postings per (hash, length) key of the token index."""
    n = Counter()
    for key, seg, count, ids in db.execute(
            "SELECT key, seg, n, ids FROM fuzzy_postings"):
        if seg >= 0:
            n[key] += count
            continue
        first, hash_bits, p = key & LENGTH_MASK, key & ~LENGTH_MASK, 0
        while p < len(ids):
            delta, p = varint(ids, p)
            c, p = varint(ids, p)
            seen = 0
            while seen < c:
                if p >= len(ids):
                    raise ValueError("a packed section cut short")
                seen += ids[p] < 0x80
                p += 1
            n[hash_bits | (first + delta)] += c
    return n


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit("usage: index-size.py MEMORY.db [TMX]")
    path = sys.argv[1]
    db = sqlite3.connect("file:%s?mode=ro" % path, uri=True)
    version = db.execute("PRAGMA user_version").fetchone()[0]
    if version != SCHEMA:
        sys.exit("%s: schema version %d; this script reads %d "
                 "(run a matching tmgloss on it first)" %
                 (path, version, SCHEMA))
    pending = db.execute("SELECT group_concat(index_name, ', ')"
                         " FROM index_pending").fetchone()[0]
    if pending:
        print("warning: not indexed yet: %s (run `tmgloss index`)" % pending)
    size = os.path.getsize(path)
    tables = db.execute("SELECT name, sum(pgsize), sum(unused)"
                        " FROM dbstat GROUP BY name"
                        " ORDER BY 2 DESC").fetchall()
    print("%s: %d bytes (%.1f MB)" % (path, size, size / 1e6))
    print("%-34s %10s %10s %6s" % ("table or index", "MB", "unused MB",
                                    "share"))
    for name, pages, unused in tables:
        if pages > 16384:
            print("%-34s %10.2f %10.2f %5.1f%%" %
                  (name, pages / 1e6, unused / 1e6, 100.0 * pages / size))
    small = [t for t in tables if t[1] <= 16384]
    print("%-34s %10.2f            (%d of one page)" %
          ("the rest", sum(t[1] for t in small) / 1e6, len(small)))

    pages = dict((t[0], t[1]) for t in tables)
    index_tables = ("suggest_postings", "suggest_pairs", "fuzzy_postings",
                    "fuzzy_tokens", "fuzzy_words", "fuzzy_langs")
    indexes = sum(pages.get(t, 0) for t in index_tables)
    if len(sys.argv) == 3:
        tmx = os.path.getsize(sys.argv[2])
        print("\nmemory file / TMX: %.2f x (TMX %.1f MB)" %
              (size / tmx, tmx / 1e6))
        print("the rest of the file without the search indexes: %.1f MB "
              "(%.2f x TMX); 2 x TMX leaves %.1f MB for the indexes, "
              "which take %.1f MB" %
              ((size - indexes) / 1e6, (size - indexes) / tmx,
               (2 * tmx - (size - indexes)) / 1e6, indexes / 1e6))

    units = db.execute("SELECT count(*) FROM units").fetchone()[0]
    variants = db.execute("SELECT count(*) FROM variants").fetchone()[0]
    print("\nwhat the search indexes hold, and the least room for it "
          "(%d units, %d variants):" % (units, variants))
    total_bound = 0.0

    n = suggest_lists(db)
    postings = sum(n.values())
    ids = sum(log2_binomial(units, k) for k in n.values())
    keys = log2_binomial(2 ** 63, len(n))
    print("  translation index: %d keys, %d postings: ids >= %.2f MB, "
          "keys >= %.2f MB; a byte per posting: %.2f MB; table %.2f MB" %
          (len(n), postings, mb(ids), mb(keys), mb(postings, False),
           pages.get("suggest_postings", 0) / 1e6))
    total_bound += ids + keys

    by_length = Counter()
    token_keys = Counter()
    tokens = 0
    for (blob,) in db.execute("SELECT tokens FROM fuzzy_tokens"):
        by_length[len(blob) // 2] += 1
        for i in range(0, len(blob) - 1, 2):
            token_keys[blob[i] | (blob[i + 1] << 8)] += 1
            tokens += 1
    rows = sum(by_length.values())
    entropy = -sum(c / tokens * math.log2(c / tokens)
                   for c in token_keys.values()) if tokens else 0.0
    lengths = -sum(c * math.log2(c / rows)
                   for c in by_length.values()) if rows else 0.0
    print("  token index rows: %d tokens, %.2f bits each (order 0): "
          ">= %.2f MB, lengths %.2f MB; two bytes a token: %.2f MB; "
          "table %.2f MB" %
          (tokens, entropy, mb(tokens * entropy), mb(lengths),
           mb(2 * tokens, False), pages.get("fuzzy_tokens", 0) / 1e6))
    total_bound += tokens * entropy + lengths

    f = fuzzy_lists(db)
    postings = sum(f.values())
    ids = 0.0
    for key, k in f.items():
        universe = by_length.get(key & LENGTH_MASK, 0)
        ids += log2_binomial(max(universe, k), k)
    hashes = len(set(key & ~LENGTH_MASK for key in f))
    keys = log2_binomial(2 ** 48, hashes)
    print("  token index postings: %d lists of %d hashes, %d postings: "
          "ids >= %.2f MB, keys >= %.2f MB; a byte per posting: %.2f MB; "
          "table %.2f MB" %
          (len(f), hashes, postings, mb(ids), mb(keys),
           mb(postings, False), pages.get("fuzzy_postings", 0) / 1e6))
    total_bound += ids + keys

    words = db.execute("SELECT count(*), coalesce(sum(length(CAST(word AS"
                       " BLOB))), 0) FROM fuzzy_words").fetchone()
    print("  vocabulary: %d words, %.2f MB of text; table %.2f MB" %
          (words[0], words[1] / 1e6, pages.get("fuzzy_words", 0) / 1e6))
    total_bound += words[1] * 8
    print("  all: >= %.2f MB of information (the vocabulary counted "
          "whole), stored in %.2f MB (%.2f x)" %
          (mb(total_bound), indexes / 1e6,
           indexes / (total_bound / 8) if total_bound else 0.0))


if __name__ == "__main__":
    main()
