#!/usr/bin/env python3
"""A trial of a small learned scorer beside the ask rules (BENCHMARKS.md,
"Ask filters"). Not part of the app or of the test suite.

    cargo test --lib write_the_rules_verdicts -- --ignored
    pip install scikit-learn
    python3 scripts/asks-scorer-trial.py tfidf            # the trial as planned
    python3 scripts/asks-scorer-trial.py hashed 1024      # what the app could ship
    python3 scripts/asks-scorer-trial.py stems 4096       # the first variant chosen
                                                          # by cross-validation on the
                                                          # development half alone
    python3 scripts/asks-scorer-trial.py cv [DESIGN…]     # the scorer alone (one model
                                                          # for both settings), by
                                                          # cross-validation on the
                                                          # development half only, for
                                                          # the designs named below
    python3 scripts/asks-scorer-trial.py halves [DESIGN…] # the same, each earlier test
                                                          # half that joined the
                                                          # development half held out
                                                          # in turn: closer to text
                                                          # the scorer never saw

For each language a logistic regression is trained on the development
half only (requests and questions together). Its threshold is the lowest
at which "rules or scorer" flags at most 3 % of the development half's
honest texts, judged on cross-validated scores, so the test half plays no
part in choosing it. Then the test half is scored once.
"""
import json
import re
import sys
import unicodedata

import numpy as np
from scipy.sparse import csr_matrix, hstack, vstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_predict

rows = [line.rstrip('\n').split('\t', 4) for line in open('target/asks-verdicts.tsv', encoding='utf-8')]


def fold(text):
    return ''.join(c for c in unicodedata.normalize('NFD', text.lower()) if unicodedata.category(c) != 'Mn')


def fnv(text):
    h = 0xCBF29CE484222325
    for byte in text.encode():
        h = ((h ^ byte) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return h


def hashed(texts, buckets):
    """Words and word pairs of the folded text, hashed into `buckets`."""
    r, c = [], []
    for i, text in enumerate(texts):
        words = [w for w in re.split(r'[^0-9a-z]+', fold(text)) if w]
        for feature in set(words) | {f'{a} {b}' for a, b in zip(words, words[1:])}:
            r.append(i)
            c.append(fnv(feature) % buckets)
    return csr_matrix((np.ones(len(r)), (r, c)), shape=(len(texts), buckets))


def stems(texts, buckets, stem=5, runs=(4,), apart=False, setting=None):
    """Words cut to `stem` letters, their pairs (with `apart`, also the
    pairs two words apart), and the runs of each word's letters, hashed
    into `buckets`: five letters and four-letter runs are what
    cross-validation on the development half first found to carry
    furthest at few false alarms. With a `setting` ('R' or 'Q'), each
    feature also lights a bucket of that setting alone, as the app's
    scorer does."""
    r, c = [], []
    for i, text in enumerate(texts):
        words = [w for w in re.split(r'[^0-9a-z]+', fold(text)) if w]
        cut = [w[:stem] for w in words]
        found = set(cut) | {f'{a} {b}' for a, b in zip(cut, cut[1:])}
        if apart:
            found |= {f'{a} _ {b}' for a, b in zip(cut, cut[2:])}
        for n in runs:
            for w in words:
                w = f'<{w}>'
                found |= {'#' + w[k:k + n] for k in range(len(w) - n + 1)}
        if setting:
            found |= {f'{setting}|{feature}' for feature in found}
        for feature in found:
            r.append(i)
            c.append(fnv(feature) % buckets)
    m = csr_matrix((np.ones(len(r)), (r, c)), shape=(len(texts), buckets))
    m.data[:] = 1
    return m


def sentences(text):
    return [s for s in re.split(r'[.?!;\n…]', text) if re.search(r'\w', s)] or [text]


def cross_validate(language, design):
    """The scorer alone, on the development half only: each text scored,
    sentence by sentence, by the model that did not see it, which learns
    from the other folds and from the app's bank questions as honest text;
    the asks caught where at most 2 % of the honest texts of the same kind
    are flagged, the question threshold above every bank question."""
    dev = [row for row in rows if row[0].startswith(language) and row[1] == 'dev']
    texts = [row[4] for row in dev]
    y = np.array([int(row[2]) for row in dev])
    kind = np.array(['Q' if 'questions' in row[0] else 'R' for row in dev])
    catalogue = json.load(open(f'i18n/{"en" if language == "English" else "fr"}.json'))
    bank = [v for k, v in catalogue.items() if k.startswith('bank.') and not k.startswith('bank.category')]
    encode = lambda texts: stems(texts, design['buckets'], design['stem'], design['runs'], design.get('apart', False))
    x, x_bank = encode(texts), encode(bank)
    model = lambda: LogisticRegression(C=design['C'], max_iter=5000)
    held_out = np.zeros(len(dev))
    strata = np.array([f'{a}{b}' for a, b in zip(y, kind)])
    for train, test in StratifiedKFold(5, shuffle=True, random_state=0).split(texts, strata):
        fitted = model().fit(vstack([x[train], x_bank]), np.concatenate([y[train], np.zeros(len(bank))]))
        for i in test:
            held_out[i] = fitted.predict_proba(encode(sentences(texts[i])))[:, 1].max()
    fitted = model().fit(vstack([x, x_bank]), np.concatenate([y, np.zeros(len(bank))]))
    above_bank = max(fitted.predict_proba(encode(sentences(b)))[:, 1].max() for b in bank)
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
    'shipped': {**base, 'stem': 5, 'runs': [5], 'buckets': 16384, 'apart': True, 'per_setting': True},
    'one-model': {**base, 'stem': 5, 'runs': [5], 'buckets': 16384, 'apart': True},
    'side-by-side-8k': {**base, 'stem': 5, 'runs': [5], 'buckets': 8192},
    's5r4': {**base, 'stem': 5, 'buckets': 8192},
    's5r5b4k': {**base, 'stem': 5, 'runs': [5]},
    's5r5b2k': {**base, 'stem': 5, 'runs': [5], 'buckets': 2048},
    's6r5': {**base, 'stem': 6, 'runs': [5], 'buckets': 8192},
    's7r5': {**base, 'stem': 7, 'runs': [5], 'buckets': 8192},
    'C1': {**base, 'C': 1},
    's6': {**base, 'stem': 6},
    's6C8': {**base, 'stem': 6, 'C': 8},
    's6b8k': {**base, 'stem': 6, 'buckets': 8192},
    's6b8kC8': {**base, 'stem': 6, 'buckets': 8192, 'C': 8},
    's6b16k': {**base, 'stem': 6, 'buckets': 16384},
    's6r35': {**base, 'stem': 6, 'runs': [3, 5]},
}


def labelled_by_half(path):
    """The texts of a development file with the test half each came from
    (the heading that moved it there), `None` for text written for the
    development half (a heading saying so ends a moved half)."""
    half = None
    for line in open(path, encoding='utf-8'):
        if line.startswith('# ---- The test half'):
            half = line
        elif line.startswith('# ') and ('development only' in line or 'développement seulement' in line):
            half = None
        kind, _, text = line.rstrip('\n').partition(': ')
        if kind in ('ask', 'fine'):
            yield half, text, int(kind == 'ask')


def held_out_halves(language, design, budget=0.02):
    """The scorer alone, each earlier test half held out in turn: trained
    on the rest of the development half and the bank questions, its
    thresholds chosen by five-fold cross-validation on that rest (at most
    `budget` of its honest texts flagged, the question threshold above
    every bank question), then the held-out half scored."""
    code = 'en' if language == 'English' else 'fr'
    data = [(half, text, y, setting)
            for setting, file in [('R', 'requests'), ('Q', 'questions')]
            for half, text, y in labelled_by_half(f'src/domain/asks_corpus/{code}-{file}-dev.txt')]
    catalogue = json.load(open(f'i18n/{code}.json'))
    bank = [v for k, v in catalogue.items() if k.startswith('bank.') and not k.startswith('bank.category')]
    encode = lambda texts, setting: stems(texts, design['buckets'], design['stem'], design['runs'],
                                          design.get('apart', False), setting if design.get('per_setting') else None)
    half = np.array([d[0] or '' for d in data])
    y = np.array([d[2] for d in data])
    kind = np.array([d[3] for d in data])
    x = vstack([encode([d[1]], d[3]) for d in data]).tocsr()
    x_bank = encode(bank, 'Q')
    by_sentence = [encode(sentences(d[1]), d[3]) for d in data]
    fit = lambda rows: LogisticRegression(C=design['C'], max_iter=5000).fit(
        vstack([x[rows], x_bank]), np.concatenate([y[rows], np.zeros(len(bank))]))
    score = lambda model, rows: np.array([model.predict_proba(by_sentence[i])[:, 1].max() for i in rows])
    totals = {'R': np.zeros(4, int), 'Q': np.zeros(4, int)}
    for held in sorted(set(half) - {''}):
        rest, out = np.where(half != held)[0], np.where(half == held)[0]
        cross = np.zeros(len(data))
        strata = np.array([f'{a}{b}' for a, b in zip(y[rest], kind[rest])])
        for train, test in StratifiedKFold(5, shuffle=True, random_state=0).split(rest, strata):
            cross[rest[test]] = score(fit(rest[train]), rest[test])
        model = fit(rest)
        above_bank = max(model.predict_proba(encode(sentences(b), 'Q'))[:, 1].max() for b in bank)
        p = score(model, out)
        for setting, floor in [('R', 0.0), ('Q', above_bank)]:
            of = rest[kind[rest] == setting]
            honest = (y[of] == 0).sum()
            threshold = next((t for t in np.arange(0.30, 0.995, 0.01)
                              if t > floor and ((cross[of] >= t) & (y[of] == 0)).sum() <= budget * honest), 0.99)
            mine = kind[out] == setting
            flagged = p >= threshold
            totals[setting] += [(flagged & mine & (y[out] == 1)).sum(), (mine & (y[out] == 1)).sum(),
                                (flagged & mine & (y[out] == 0)).sum(), (mine & (y[out] == 0)).sum()]
    return '; '.join(f'{s}: {a}/{b} asks caught, {c}/{d} honest flagged' for s, (a, b, c, d) in totals.items())


if sys.argv[1] == 'halves':
    for name in sys.argv[2:] or designs:
        for language in ['English', 'French']:
            print(f'{name} {language}: {held_out_halves(language, designs[name])}', flush=True)
    sys.exit()
if sys.argv[1] == 'cv':
    for name in sys.argv[2:] or designs:
        for language in ['English', 'French']:
            print(f'{name} {language}: {cross_validate(language, designs[name])}', flush=True)
    sys.exit()


def features(kind, train, test):
    if kind == 'tfidf':
        words = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)
        chars = TfidfVectorizer(analyzer='char_wb', ngram_range=(3, 5), min_df=2, sublinear_tf=True)
        train_f, test_f = [fold(t) for t in train], [fold(t) for t in test]
        x = hstack([words.fit_transform(train_f), chars.fit_transform(train_f)]).tocsr()
        return x, hstack([words.transform(test_f), chars.transform(test_f)]).tocsr()
    buckets = int(sys.argv[2])
    encode = stems if kind == 'stems' else hashed
    return encode(train, buckets), encode(test, buckets)


kind = sys.argv[1]
for name in sorted({r[0] for r in rows}):
    language = name.split()[0]
    dev = [r for r in rows if r[0].split()[0] == language and r[1] == 'dev']
    test = [r for r in rows if r[0] == name and r[1] == 'test']
    x, x_test = features(kind, [r[4] for r in dev], [r[4] for r in test])
    y = np.array([int(r[2]) for r in dev])
    dev_rules = np.array([int(r[3]) for r in dev])
    model = LogisticRegression(C=1 if kind == 'hashed' else 4, max_iter=3000)
    scores = cross_val_predict(model, x, y, cv=5, method='predict_proba')[:, 1]
    threshold = next(
        (t for t in np.arange(0.30, 0.99, 0.01)
         if (((dev_rules == 1) | (scores >= t)) & (y == 0)).sum() <= 0.03 * (y == 0).sum()),
        0.99,
    )
    model.fit(x, y)
    p = model.predict_proba(x_test)[:, 1]
    truth = np.array([int(r[2]) for r in test])
    rules = np.array([int(r[3]) for r in test])

    def figures(flagged):
        caught = (flagged & (truth == 1)).sum()
        alarms = (flagged & (truth == 0)).sum()
        return f'{caught}/{(truth == 1).sum()} caught, {alarms}/{(truth == 0).sum()} false alarms'

    print(f'{name}: rules {figures(rules == 1)}; rules or scorer (at {threshold:.2f}) {figures((rules == 1) | (p >= threshold))}')
