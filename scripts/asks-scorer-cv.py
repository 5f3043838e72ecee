#!/usr/bin/env python3
"""How far the learned ask scorer carries on its own, by five-fold
cross-validation on the development half only (BENCHMARKS.md, "Ask
filters"): which stems, runs, buckets and C to ship. The test half plays
no part. Not part of the app or of the test suite.

    cargo test --lib write_the_rules_verdicts -- --ignored
    pip install scikit-learn
    python3 scripts/asks-scorer-cv.py              # every design below
    python3 scripts/asks-scorer-cv.py s6C8 base    # some of them

For each language and design, a logistic regression learns from the
development half and the app's own bank questions (as honest text); each
text is scored, sentence by sentence, by the model that did not see it.
Printed: the asks the scorer alone catches where it flags at most 2 % of
the honest texts of the same kind, requests and questions apart, with
the question threshold above every bank question.
"""
import json
import re
import sys
import unicodedata

import numpy as np
from scipy.sparse import csr_matrix, vstack
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold

rows = [line.rstrip('\n').split('\t', 4) for line in open('target/asks-verdicts.tsv', encoding='utf-8')]
rows = [row for row in rows if row[1] == 'dev']


def fold(text):
    return ''.join(c for c in unicodedata.normalize('NFD', text.lower()) if unicodedata.category(c) != 'Mn')


def fnv(text):
    h = 0xCBF29CE484222325
    for byte in text.encode():
        h = ((h ^ byte) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return h


def features(text, design):
    words = [w for w in re.split(r'[^0-9a-z]+', fold(text)) if w]
    stems = [w[:design['stem']] for w in words]
    found = set(stems) | {f'{a} {b}' for a, b in zip(stems, stems[1:])}
    for n in design['runs']:
        for word in words:
            word = f'<{word}>'
            found |= {'#' + word[k:k + n] for k in range(len(word) - n + 1)}
    return found


def matrix(texts, design):
    r, c = [], []
    for i, text in enumerate(texts):
        for feature in features(text, design):
            r.append(i)
            c.append(fnv(feature) % design['buckets'])
    m = csr_matrix((np.ones(len(r)), (r, c)), shape=(len(texts), design['buckets']))
    m.data[:] = 1
    return m


def sentences(text):
    return [s for s in re.split(r'[.?!;\n…]', text) if re.search(r'\w', s)] or [text]


def evaluate(language, design):
    dev = [row for row in rows if row[0].startswith(language)]
    texts = [row[4] for row in dev]
    y = np.array([int(row[2]) for row in dev])
    kind = np.array(['Q' if 'questions' in row[0] else 'R' for row in dev])
    catalogue = json.load(open(f'i18n/{"en" if language == "English" else "fr"}.json'))
    bank = [v for k, v in catalogue.items() if k.startswith('bank.') and not k.startswith('bank.category')]
    x, x_bank = matrix(texts, design), matrix(bank, design)
    model = lambda: LogisticRegression(C=design['C'], max_iter=5000)
    held_out = np.zeros(len(dev))
    strata = np.array([f'{a}{b}' for a, b in zip(y, kind)])
    for train, test in StratifiedKFold(5, shuffle=True, random_state=0).split(texts, strata):
        fitted = model().fit(vstack([x[train], x_bank]), np.concatenate([y[train], np.zeros(len(bank))]))
        for i in test:
            held_out[i] = fitted.predict_proba(matrix(sentences(texts[i]), design))[:, 1].max()
    fitted = model().fit(vstack([x, x_bank]), np.concatenate([y, np.zeros(len(bank))]))
    above_bank = max(fitted.predict_proba(matrix(sentences(b), design))[:, 1].max() for b in bank)
    out = []
    for setting, floor in [('R', 0.0), ('Q', above_bank)]:
        of = kind == setting
        honest, asks = (of & (y == 0)).sum(), (of & (y == 1)).sum()
        for threshold in np.arange(0.30, 0.995, 0.01):
            flagged = held_out >= threshold
            if threshold > floor and (flagged & of & (y == 0)).sum() * 50 <= honest:
                out.append(f'{setting} at {threshold:.2f}: {(flagged & of & (y == 1)).sum()}/{asks} asks, '
                           f'{(flagged & of & (y == 0)).sum()}/{honest} honest')
                break
        else:
            out.append(f'{setting}: no threshold')
    return '; '.join(out)


base = dict(stem=5, runs=[4], buckets=4096, C=4)
designs = {
    'base': base,
    'C1': {**base, 'C': 1},
    's6': {**base, 'stem': 6},
    's6C8': {**base, 'stem': 6, 'C': 8},
    's6b8k': {**base, 'stem': 6, 'buckets': 8192},
    's6r35': {**base, 'stem': 6, 'runs': [3, 5]},
    's6b8kC8': {**base, 'stem': 6, 'buckets': 8192, 'C': 8},
    's6b16k': {**base, 'stem': 6, 'buckets': 16384},
}
for name in sys.argv[1:] or designs:
    for language in ['English', 'French']:
        print(f'{name} {language}: {evaluate(language, designs[name])}', flush=True)
