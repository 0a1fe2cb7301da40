#!/usr/bin/env python3
"""perturb.py -- deterministic prediction sets for tests/cli/score_agree.sh.

    perturb.py GOLD_SPLIT OUT_DIR PROFILE [SEED]
    perturb.py --malformed GOLD_SPLIT OUT_DIR

GOLD_SPLIT is a split folder (attributions/NAME.ann + text/NAME.txt). The
first form writes OUT_DIR/NAME.ann, a perturbed copy of the gold attributions,
for the profile:

  drop      20 % of attributions dropped
  shift     30 % of content starts moved 1-5 characters either way
  nosource  25 % of sources removed
  dup       15 % of attributions written twice
  spurious  random extra attributions (random cue, source and content spans)
  discont   contents and cues split into discontinuous fragments
  mix       all of the above at once, plus brat quirks: numbered roles
            (Content2), lower-case roles, the trigger as the only cue, events
            with no role, unreferenced entities, notes and attribute lines,
            CRLF, a BOM, TEXT fields that do not match (offset warnings),
            TEXT continued over lines, missing and extra files
  unicode   offsets written with non-ASCII decimal digits, leading zeros

The second form writes OUT_DIR/CASE/NAME.ann, one folder per malformed case,
each with a single prediction file that attrib-score must reject.

Nothing here copies gold text into the repository: the sets are made at test
time, under a temporary folder. Python 3 standard library only.
"""

import os
import random
import sys


def read(path):
    with open(path, encoding='utf-8', newline='') as f:
        return f.read()


def parse_gold(ann):
    """The attributions of a gold .ann: list of {role: [frags]} plus trigger frags."""
    ents, events = {}, []
    for line in ann.split('\n'):
        line = line.rstrip('\r')
        if line.startswith('T') and '\t' in line:
            ident, rest = line.split('\t', 1)
            head = rest.split('\t')[0].split(' ', 1)
            frags = [tuple(int(x) for x in fr.split()) for fr in head[1].split(';')]
            ents[ident] = (head[0], frags)
        elif line.startswith('E') and '\t' in line:
            events.append(line.split('\t')[1].split())
    attrs = []
    for args in events:
        if len(args) < 2:
            continue
        a = {'trigger': ents[args[0].split(':')[1]][1], 'Source': [], 'Cue': [], 'Content': []}
        for arg in args[1:]:
            role, ref = arg.split(':')
            role = role.rstrip('0123456789')
            a[role] = a[role] + [ents[ref][1]]
        attrs.append(a)
    return attrs


class Writer(object):
    """Writes one brat file; ids are fresh, T lines carry the article text."""

    def __init__(self, text, rnd, quirks):
        self.text, self.rnd, self.quirks = text, rnd, quirks
        self.lines, self.nt, self.ne = [], 0, 0

    def t(self, typ, frags, text=None):
        self.nt += 1
        ident = 'T%d' % self.nt
        offs = ';'.join('%d %d' % f for f in frags)
        if text is None:
            text = ' '.join(self.text[a:b] for a, b in frags)
        if self.quirks and self.rnd.random() < 0.03:
            text = text[::-1] + 'x'   # a TEXT field that does not match
        self.lines.append('%s\t%s %s\t%s' % (ident, typ, offs, text))
        return ident

    def e(self, args):
        self.ne += 1
        self.lines.append('E%d\t%s' % (self.ne, ' '.join(args)))

    def attribution(self, a):
        rnd, q = self.rnd, self.quirks
        args = []
        cue_frags = a['Cue'][0] if a['Cue'] else a['trigger']
        if q and rnd.random() < 0.15:
            trig = self.t('Cue', cue_frags)          # the trigger is the only cue
            args.append('Attribution:' + trig)
        else:
            args.append('Attribution:' + self.t('Attribution', a['trigger']))
            for frags in a['Cue']:
                args.append('Cue:' + self.t('Cue', frags))
        for role in ('Source', 'Content'):
            for k, frags in enumerate(a[role]):
                name = role
                if q and k > 0:
                    name = role + str(k + 1)           # Content2, Source2
                if q and rnd.random() < 0.1:
                    name = name.lower()
                args.append(name + ':' + self.t(role, frags))
        if q and rnd.random() < 0.5:
            args = args[:1] + rnd.sample(args[1:], len(args) - 1)
        self.e(args)

    def quirk_lines(self):
        rnd = self.rnd
        if rnd.random() < 0.5:
            self.e(['Attribution:' + self.t('Attribution', [(0, 1)])])   # no role: skipped
        if rnd.random() < 0.5:
            self.t('Source', [(0, 2)])                                   # unreferenced
        self.lines.insert(rnd.randrange(len(self.lines) + 1), '#1\tAnnotatorNotes T1\ta note')
        self.lines.insert(rnd.randrange(len(self.lines) + 1), '')
        self.lines.append('A1\tConfidence E1 High')

    def data(self):
        nl = '\r\n' if self.quirks and self.rnd.random() < 0.2 else '\n'
        out = nl.join(self.lines) + nl
        if self.quirks and self.rnd.random() < 0.1:
            out = '\ufeff' + out
        return out


def shift(frags, text, rnd):
    a, b = frags[0]
    a = min(max(0, a + rnd.choice([-5, -3, -1, 1, 2, 4])), b)
    return [(a, b)] + frags[1:]


def split_frags(frags, rnd):
    out = []
    for a, b in frags:
        if b - a >= 6 and rnd.random() < 0.7:
            m = rnd.randrange(a + 2, b - 2)
            g = rnd.choice([0, 0, 1, 2])
            out.extend([(a, m), (min(m + g, b), b)])
        else:
            out.append((a, b))
    return out


def spurious(text, rnd):
    n = len(text)
    if n < 40:
        return None
    c = rnd.randrange(0, n - 30)
    return {'trigger': [(c, c + 4)], 'Cue': [[(c, c + 4)]],
            'Source': [[(max(0, c - 12), max(0, c - 2))]] if rnd.random() < 0.7 else [],
            'Content': [[(c + 5, c + 5 + rnd.randrange(5, 25))]]}


def perturb_doc(attrs, text, profile, rnd):
    p = {'drop': 0.0, 'shift': 0.0, 'nosource': 0.0, 'dup': 0.0, 'spur': 0.0, 'split': 0.0}
    if profile == 'drop':
        p['drop'] = 0.2
    elif profile == 'shift':
        p['shift'] = 0.3
    elif profile == 'nosource':
        p['nosource'] = 0.25
    elif profile == 'dup':
        p['dup'] = 0.15
    elif profile == 'spurious':
        p['spur'] = 0.3
    elif profile == 'discont':
        p['split'] = 0.5
    elif profile == 'mix':
        p = {'drop': 0.15, 'shift': 0.2, 'nosource': 0.1, 'dup': 0.1, 'spur': 0.1, 'split': 0.2}
    out = []
    for a in attrs:
        if rnd.random() < p['drop']:
            continue
        a = {k: list(v) for k, v in a.items()}
        if a['Content'] and rnd.random() < p['shift']:
            a['Content'][0] = shift(a['Content'][0], text, rnd)
        if rnd.random() < p['nosource']:
            a['Source'] = []
        if rnd.random() < p['split']:
            a['Content'] = [split_frags(f, rnd) for f in a['Content']]
            a['Cue'] = [split_frags(f, rnd) for f in a['Cue']]
        out.append(a)
        if rnd.random() < p['dup']:
            out.append(a)
        if rnd.random() < p['spur']:
            s = spurious(text, rnd)
            if s:
                out.insert(rnd.randrange(len(out) + 1), s)
    return out


UNI_DIGITS = ['\u0660', '\u06f0', '\u0966', '\uff10', '\U0001d7ce']   # zeros of 5 scripts


def unicode_digits(s, rnd):
    zero = ord(rnd.choice(UNI_DIGITS))
    return ''.join(chr(zero + int(c)) if c.isdigit() and c.isascii() else c for c in s)


def unicode_lines(data, rnd):
    out = []
    for line in data.split('\n'):
        if line.startswith('T') and '\t' in line and rnd.random() < 0.5:
            ident, typ, rest = line.split('\t', 2)
            name, offs = typ.split(' ', 1)
            offs = ';'.join(' '.join('0' * rnd.randrange(3) + o for o in fr.split(' '))
                            for fr in offs.split(';'))
            line = '%s\t%s %s\t%s' % (ident, name, unicode_digits(offs, rnd), rest)
        out.append(line)
    return '\n'.join(out)


def write(path, data):
    with open(path, 'w', encoding='utf-8', newline='') as f:
        f.write(data)


def make_set(split, out, profile, seed):
    rnd = random.Random('%s/%d' % (profile, seed))
    os.makedirs(out, exist_ok=True)
    names = sorted(f[:-4] for f in os.listdir(os.path.join(split, 'attributions'))
                   if f.endswith('.ann'))
    quirks = profile == 'mix'
    for n in names:
        if quirks and rnd.random() < 0.05:
            continue                                   # missing prediction file
        text = read(os.path.join(split, 'text', n + '.txt'))
        attrs = parse_gold(read(os.path.join(split, 'attributions', n + '.ann')))
        attrs = perturb_doc(attrs, text, profile, rnd)
        w = Writer(text, rnd, quirks)
        for a in attrs:
            w.attribution(a)
        if quirks:
            w.quirk_lines()
            nl = text.find('\n', 10)
            if nl > 0 and rnd.random() < 0.3:          # a TEXT field continued on a new line
                w.t('Content', [(nl - 3, nl + 3)])
                w.lines.append(text[nl + 1:nl + 3] if text[nl + 1:nl + 3].strip() else 'x')
        data = w.data()
        if profile == 'unicode':
            data = unicode_lines(data, rnd)
        write(os.path.join(out, n + '.ann'), data)
    if quirks:
        write(os.path.join(out, 'zz_no_such_article.ann'), 'T1\tCue 0 1\tx\n')
        write(os.path.join(out, 'aa_no_such_article.ann'), '')


def first_text_t(split):
    """(name, text) of the first gold article, for the malformed cases."""
    n = sorted(f[:-4] for f in os.listdir(os.path.join(split, 'attributions'))
               if f.endswith('.ann'))[0]
    return n, read(os.path.join(split, 'text', n + '.txt'))


def malformed_cases(text):
    """name -> file content (str or bytes); each one is rejected by attrib-score."""
    n = len(text)
    nl = text.find('\n')
    ok = 'T1\tCue 0 4\t%s\nT2\tContent 5 9\t%s\n' % (text[0:4], text[5:9])
    ev = 'E1\tAttribution:T1 Cue:T1 Content:T2\n'
    return {
        'garbage': ok + 'this is not brat\n' + ev,
        'garbage_first': 'hello world "quoted" \'single\'\n',
        'reversed': 'T1\tCue 9 4\tx\n',
        'nonnumeric': 'T1\tCue 0 x4\tx\n',
        'space_type': 'T1\tCue\u00a0X 0 4\tx\n',
        'double_space': 'T1\tCue  0 4\tx\n',
        'out_of_range': 'T1\tCue 0 %d\tx\n' % (n + 1),
        'huge_offset': 'T1\tCue 0 %s\tx\n' % ('9' * 60),
        'huge_reversed': 'T1\tCue %s 0%s\tx\n' % ('8' * 40, '7' * 39),
        'unknown_role': ok + 'E1\tAttribution:T1 Speaker:T2\n',
        'role_digits_only': ok + 'E1\tAttribution:T1 Cue_:T2\n',
        'dangling': ok + 'E1\tAttribution:T1 Cue:T1 Content:T7\n',
        'event_ref': ok + ev + 'E2\tAttribution:T1 Content:E1\n',
        'duplicate': ok + 'T1\tSource 0 1\tx\n',
        'duplicate_e': ok + ev + 'E1\tAttribution:T1 Cue:T1\n',
        'not_utf8': (ok + ev).encode('utf-8') + b'#1\tnote \xe2\x28\xa1\n',
        'not_utf8_surrogate': b'T1\tCue 0 4\t\xed\xa0\x80\n',
        'not_utf8_truncated': (ok + ev).encode('utf-8') + b'\xe2\x82',
        'bad_continuation': 'T1\tCue 0 4\t%s\ncontinued text\n' % text[0:4],
        'no_trigger': 'E1\t\n',
        'bad_argument': ok + 'E1\tAttribution:T1 Cue=T1\n',
        'bad_argument_quotes': ok + 'E1\tAttribution:T1 it\'s"odd\x07\u00ad\u2028x\n',
        'bad_argument_tab': ok + 'E1\tAttribution:T1 \u00e9t\u00e9:T2 \x01\n',
        'empty_frag': 'T1\tCue 0 4;\tx\n',
        'too_many_digits': 'T1\tCue 0 %s\tx\n' % ('0' * 4300 + '1'),
        'continuation_no_t': '#1\tnote\nfree text after a note\n',
        'continuation_after_nl': ('T1\tContent %d %d\tab\ncd\nE1\tAttribution:T1 Content:T1\n'
                                  'more\n' % (max(0, nl - 1), nl + 2)) if nl > 0 else 'x\n',
        'long_line': 'T1\tCue 0 4\t' + 'ab' * 100 + '\nX' + 'é' * 100 + '\n',
    }


def make_malformed(split, out):
    name, text = first_text_t(split)
    for case, data in malformed_cases(text).items():
        d = os.path.join(out, case)
        os.makedirs(d, exist_ok=True)
        mode = 'wb' if isinstance(data, bytes) else 'w'
        with open(os.path.join(d, name + '.ann'), mode,
                  **({} if mode == 'wb' else {'encoding': 'utf-8', 'newline': ''})) as f:
            f.write(data)


def main(argv):
    if len(argv) >= 4 and argv[1] == '--malformed':
        make_malformed(argv[2], argv[3])
        return 0
    if len(argv) not in (4, 5):
        sys.stderr.write(__doc__)
        return 2
    make_set(argv[1], argv[2], argv[3], int(argv[4]) if len(argv) == 5 else 1)
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
