/*
** cues.c -- the cue lexicon (verb forms that introduce attributions) and the
** small closed word classes the attribution rules need. The forms are
** grouped by first letter, each group sorted (strcmp order) for the binary
** search: add a form to the group of its letter, in order, and set its bits
** in cue_pairs and cue_third (the unit tests check all three with
** so_cue_lexicon_ok).
*/
#include "quote/quote.h"

#include <stdlib.h>
#include <string.h>

#include "base/util.h"

typedef struct cue_entry {
    const char *word;
    int cls;
} cue_entry;

static const cue_entry cue_a[] = {
    {"accuse", 2}, {"accused", 2}, {"accuses", 2}, {"accusing", 2}, {"acknowledge", 1},
    {"acknowledged", 1}, {"acknowledges", 1}, {"acknowledging", 1}, {"add", 1}, {"added", 1},
    {"adding", 1}, {"adds", 1}, {"admit", 1}, {"admits", 1}, {"admitted", 1}, {"admitting", 1},
    {"affirm", 1}, {"affirmed", 1}, {"affirming", 1}, {"affirms", 1}, {"agree", 2},
    {"agreed", 2}, {"agreeing", 2}, {"agrees", 2}, {"allege", 1}, {"alleged", 1},
    {"alleges", 1}, {"alleging", 1}, {"announce", 1}, {"announced", 1}, {"announces", 1},
    {"announcing", 1}, {"answer", 1}, {"answered", 1}, {"answering", 1}, {"answers", 1},
    {"applaud", 2}, {"applauded", 2}, {"applauding", 2}, {"applauds", 2}, {"argue", 1},
    {"argued", 1}, {"argues", 1}, {"arguing", 1}, {"ask", 1}, {"asked", 1}, {"asking", 1},
    {"asks", 1}, {"assert", 1}, {"asserted", 1}, {"asserting", 1}, {"asserts", 1},
    {"assure", 2}, {"assured", 2}, {"assures", 2}, {"assuring", 2}, {"attack", 2},
    {"attacked", 2}, {"attacking", 2}, {"attacks", 2}
};
static const cue_entry cue_b[] = {
    {"began", 1}, {"begin", 1}, {"beginning", 1}, {"begins", 1}, {"believe", 2},
    {"believed", 2}, {"believes", 2}, {"believing", 2}, {"bemoan", 2}, {"bemoaned", 2},
    {"bemoaning", 2}, {"bemoans", 2}, {"blame", 2}, {"blamed", 2}, {"blames", 2},
    {"blaming", 2}, {"blast", 2}, {"blasted", 2}, {"blasting", 2}, {"blasts", 2}, {"boast", 1},
    {"boasted", 1}, {"boasting", 1}, {"boasts", 1}, {"brag", 1}, {"bragged", 1},
    {"bragging", 1}, {"brags", 1}, {"brand", 3}, {"branded", 3}, {"branding", 3}, {"brands", 3}
};
static const cue_entry cue_c[] = {
    {"call", 3}, {"called", 3}, {"calling", 3}, {"calls", 3}, {"chant", 1}, {"chanted", 1},
    {"chanting", 1}, {"chants", 1}, {"characterize", 2}, {"characterized", 2},
    {"characterizes", 2}, {"characterizing", 2}, {"charge", 1}, {"charged", 1}, {"charges", 1},
    {"charging", 1}, {"cite", 2}, {"cited", 2}, {"cites", 2}, {"citing", 2}, {"claim", 1},
    {"claimed", 1}, {"claiming", 1}, {"claims", 1}, {"comment", 2}, {"commented", 2},
    {"commenting", 2}, {"comments", 2}, {"compare", 2}, {"compared", 2}, {"compares", 2},
    {"comparing", 2}, {"complain", 1}, {"complained", 1}, {"complaining", 1}, {"complains", 1},
    {"concede", 1}, {"conceded", 1}, {"concedes", 1}, {"conceding", 1}, {"conclude", 1},
    {"concluded", 1}, {"concludes", 1}, {"concluding", 1}, {"condemn", 2}, {"condemned", 2},
    {"condemning", 2}, {"condemns", 2}, {"confirm", 1}, {"confirmed", 1}, {"confirming", 1},
    {"confirms", 1}, {"contend", 1}, {"contended", 1}, {"contending", 1}, {"contends", 1},
    {"continue", 1}, {"continued", 1}, {"continues", 1}, {"continuing", 1}, {"counter", 1},
    {"countered", 1}, {"countering", 1}, {"counters", 1}, {"cried", 1}, {"cries", 1},
    {"criticize", 2}, {"criticized", 2}, {"criticizes", 2}, {"criticizing", 2}, {"cry", 1}
};
static const cue_entry cue_d[] = {
    {"declare", 1}, {"declared", 1}, {"declares", 1}, {"declaring", 1}, {"decried", 2},
    {"decries", 2}, {"decry", 2}, {"decrying", 2}, {"defend", 2}, {"defended", 2},
    {"defending", 2}, {"defends", 2}, {"demand", 1}, {"demanded", 1}, {"demanding", 1},
    {"demands", 1}, {"denied", 2}, {"denies", 2}, {"denounce", 2}, {"denounced", 2},
    {"denounces", 2}, {"denouncing", 2}, {"deny", 2}, {"denying", 2}, {"deride", 2},
    {"derided", 2}, {"derides", 2}, {"deriding", 2}, {"describe", 3}, {"described", 3},
    {"describes", 3}, {"describing", 3}, {"disclose", 2}, {"disclosed", 2}, {"discloses", 2},
    {"disclosing", 2}, {"dismiss", 2}, {"dismissed", 2}, {"dismisses", 2}, {"dismissing", 2},
    {"dispute", 2}, {"disputed", 2}, {"disputes", 2}, {"disputing", 2}, {"dub", 3},
    {"dubbed", 3}, {"dubbing", 3}, {"dubs", 3}
};
static const cue_entry cue_e[] = {
    {"echo", 1}, {"echoed", 1}, {"echoes", 1}, {"echoing", 1}, {"emphasize", 1},
    {"emphasized", 1}, {"emphasizes", 1}, {"emphasizing", 1}, {"encourage", 2},
    {"encouraged", 2}, {"encourages", 2}, {"encouraging", 2}, {"estimate", 2}, {"estimated", 2},
    {"estimates", 2}, {"estimating", 2}, {"exclaim", 1}, {"exclaimed", 1}, {"exclaiming", 1},
    {"exclaims", 1}, {"exhort", 2}, {"exhorted", 2}, {"exhorting", 2}, {"exhorts", 2},
    {"expect", 2}, {"expected", 2}, {"expecting", 2}, {"expects", 2}, {"explain", 1},
    {"explained", 1}, {"explaining", 1}, {"explains", 1}
};
static const cue_entry cue_f[] = {
    {"fear", 2}, {"feared", 2}, {"fearing", 2}, {"fears", 2}, {"feel", 2}, {"feeling", 2},
    {"feels", 2}, {"felt", 2}, {"find", 2}, {"finding", 2}, {"finds", 2}, {"found", 2}
};
static const cue_entry cue_h[] = {
    {"hail", 2}, {"hailed", 2}, {"hailing", 2}, {"hails", 2}, {"hint", 2}, {"hinted", 2},
    {"hinting", 2}, {"hints", 2}, {"hope", 2}, {"hoped", 2}, {"hopes", 2}, {"hoping", 2}
};
static const cue_entry cue_i[] = {
    {"implied", 2}, {"implies", 2}, {"imply", 2}, {"implying", 2}, {"indicate", 2},
    {"indicated", 2}, {"indicates", 2}, {"indicating", 2}, {"insinuate", 2}, {"insinuated", 2},
    {"insinuates", 2}, {"insinuating", 2}, {"insist", 1}, {"insisted", 1}, {"insisting", 1},
    {"insists", 1}, {"interject", 1}, {"interjected", 1}, {"interjecting", 1},
    {"interjects", 1}
};
static const cue_entry cue_j[] = {
    {"joke", 1}, {"joked", 1}, {"jokes", 1}, {"joking", 1}
};
static const cue_entry cue_k[] = {
    {"knew", 2}, {"know", 2}, {"knowing", 2}, {"known", 2}, {"knows", 2}
};
static const cue_entry cue_l[] = {
    {"label", 3}, {"labeled", 3}, {"labeling", 3}, {"labelled", 3}, {"labels", 3},
    {"lambaste", 2}, {"lambasted", 2}, {"lambastes", 2}, {"lambasting", 2}, {"lament", 1},
    {"lamented", 1}, {"lamenting", 1}, {"laments", 1}, {"liken", 2}, {"likened", 2},
    {"likening", 2}, {"likens", 2}
};
static const cue_entry cue_m[] = {
    {"maintain", 1}, {"maintained", 1}, {"maintaining", 1}, {"maintains", 1}, {"mention", 1},
    {"mentioned", 1}, {"mentioning", 1}, {"mentions", 1}, {"mock", 2}, {"mocked", 2},
    {"mocking", 2}, {"mocks", 2}, {"mourn", 2}, {"mourned", 2}, {"mourns", 2}, {"muse", 1},
    {"mused", 1}, {"muses", 1}, {"musing", 1}
};
static const cue_entry cue_n[] = {
    {"note", 1}, {"noted", 1}, {"notes", 1}, {"noting", 1}
};
static const cue_entry cue_o[] = {
    {"observe", 1}, {"observed", 1}, {"observes", 1}, {"observing", 1}
};
static const cue_entry cue_p[] = {
    {"pledge", 1}, {"pledged", 1}, {"pledges", 1}, {"pledging", 1}, {"point", 2},
    {"pointed", 2}, {"pointing", 2}, {"points", 2}, {"portray", 2}, {"portrayed", 2},
    {"portraying", 2}, {"portrays", 2}, {"post", 1}, {"posted", 1}, {"posting", 1},
    {"posts", 1}, {"praise", 2}, {"praised", 2}, {"praises", 2}, {"praising", 2},
    {"predict", 1}, {"predicted", 1}, {"predicting", 1}, {"predicts", 1}, {"proclaim", 1},
    {"proclaimed", 1}, {"proclaiming", 1}, {"proclaims", 1}, {"promise", 1}, {"promised", 1},
    {"promises", 1}, {"promising", 1}, {"propose", 2}, {"proposed", 2}, {"proposes", 2},
    {"proposing", 2}
};
static const cue_entry cue_q[] = {
    {"question", 2}, {"questioned", 2}, {"questioning", 2}, {"questions", 2}, {"quip", 1},
    {"quipped", 1}, {"quipping", 1}, {"quips", 1}
};
static const cue_entry cue_r[] = {
    {"rate", 2}, {"rated", 2}, {"read", 1}, {"reads", 1}, {"reassure", 2}, {"reassured", 2},
    {"reassures", 2}, {"reassuring", 2}, {"recall", 1}, {"recalled", 1}, {"recalling", 1},
    {"recalls", 1}, {"recommend", 2}, {"recommended", 2}, {"recommending", 2},
    {"recommends", 2}, {"recount", 1}, {"recounted", 1}, {"recounting", 1}, {"recounts", 1},
    {"reference", 2}, {"referenced", 2}, {"references", 2}, {"referencing", 2},
    {"reiterate", 1}, {"reiterated", 1}, {"reiterates", 1}, {"reiterating", 1}, {"reject", 2},
    {"rejected", 2}, {"rejecting", 2}, {"rejects", 2}, {"remark", 1}, {"remarked", 1},
    {"remarking", 1}, {"remarks", 1}, {"replied", 1}, {"replies", 1}, {"reply", 1},
    {"replying", 1}, {"report", 1}, {"reported", 1}, {"reporting", 1}, {"reports", 1},
    {"respond", 1}, {"responded", 1}, {"responding", 1}, {"responds", 1}, {"retort", 1},
    {"retorted", 1}, {"retorting", 1}, {"retorts", 1}, {"reveal", 2}, {"revealed", 2},
    {"revealing", 2}, {"reveals", 2}, {"ridicule", 2}, {"ridiculed", 2}, {"ridicules", 2},
    {"ridiculing", 2}
};
static const cue_entry cue_s[] = {
    {"said", 1}, {"sang", 1}, {"say", 1}, {"saying", 1}, {"says", 1}, {"scoff", 2},
    {"scoffed", 2}, {"scoffing", 2}, {"scoffs", 2}, {"scream", 1}, {"screamed", 1},
    {"screaming", 1}, {"screams", 1}, {"shout", 1}, {"shouted", 1}, {"shouting", 1},
    {"shouts", 1}, {"show", 2}, {"showed", 2}, {"showing", 2}, {"shown", 2}, {"shows", 2},
    {"signal", 2}, {"signaled", 2}, {"signaling", 2}, {"signals", 2}, {"sing", 1},
    {"singing", 1}, {"sings", 1}, {"slam", 2}, {"slammed", 2}, {"slamming", 2}, {"slams", 2},
    {"snap", 1}, {"snapped", 1}, {"snapping", 1}, {"snaps", 1}, {"state", 1}, {"stated", 1},
    {"states", 1}, {"stating", 1}, {"stress", 1}, {"stressed", 1}, {"stresses", 1},
    {"stressing", 1}, {"suggest", 1}, {"suggested", 1}, {"suggesting", 1}, {"suggests", 1}
};
static const cue_entry cue_t[] = {
    {"tell", 1}, {"telling", 1}, {"tells", 1}, {"term", 3}, {"termed", 3}, {"terming", 3},
    {"terms", 3}, {"testified", 1}, {"testifies", 1}, {"testify", 1}, {"testifying", 1},
    {"think", 2}, {"thinking", 2}, {"thinks", 2}, {"thought", 2}, {"threaten", 2},
    {"threatened", 2}, {"threatening", 2}, {"threatens", 2}, {"thunder", 1}, {"thundered", 1},
    {"thundering", 1}, {"thunders", 1}, {"told", 1}, {"tout", 2}, {"touted", 2}, {"touting", 2},
    {"touts", 2}, {"tweet", 1}, {"tweeted", 1}, {"tweeting", 1}, {"tweets", 1}
};
static const cue_entry cue_u[] = {
    {"urge", 1}, {"urged", 1}, {"urges", 1}, {"urging", 1}
};
static const cue_entry cue_v[] = {
    {"vow", 1}, {"vowed", 1}, {"vowing", 1}, {"vows", 1}
};
static const cue_entry cue_w[] = {
    {"warn", 1}, {"warned", 1}, {"warning", 1}, {"warns", 1}, {"welcome", 2}, {"welcomed", 2},
    {"welcomes", 2}, {"welcoming", 2}, {"whisper", 1}, {"whispered", 1}, {"whispering", 1},
    {"whispers", 1}, {"wonder", 1}, {"wondered", 1}, {"wondering", 1}, {"wonders", 1},
    {"worried", 2}, {"worries", 2}, {"worry", 2}, {"worrying", 2}, {"write", 1}, {"writes", 1},
    {"writing", 1}, {"written", 1}, {"wrote", 1}
};
static const cue_entry cue_y[] = {
    {"yell", 1}, {"yelled", 1}, {"yelling", 1}, {"yells", 1}
};

#define CUE_GROUP(g) {g, sizeof g / sizeof g[0]}

/* The forms by first letter (a letter without forms has none). */
static const struct cue_group {
    const cue_entry *e;
    size_t n;
} cue_groups[26] = {
    ['a' - 'a'] = CUE_GROUP(cue_a), ['b' - 'a'] = CUE_GROUP(cue_b),
    ['c' - 'a'] = CUE_GROUP(cue_c), ['d' - 'a'] = CUE_GROUP(cue_d),
    ['e' - 'a'] = CUE_GROUP(cue_e), ['f' - 'a'] = CUE_GROUP(cue_f),
    ['h' - 'a'] = CUE_GROUP(cue_h), ['i' - 'a'] = CUE_GROUP(cue_i),
    ['j' - 'a'] = CUE_GROUP(cue_j), ['k' - 'a'] = CUE_GROUP(cue_k),
    ['l' - 'a'] = CUE_GROUP(cue_l), ['m' - 'a'] = CUE_GROUP(cue_m),
    ['n' - 'a'] = CUE_GROUP(cue_n), ['o' - 'a'] = CUE_GROUP(cue_o),
    ['p' - 'a'] = CUE_GROUP(cue_p), ['q' - 'a'] = CUE_GROUP(cue_q),
    ['r' - 'a'] = CUE_GROUP(cue_r), ['s' - 'a'] = CUE_GROUP(cue_s),
    ['t' - 'a'] = CUE_GROUP(cue_t), ['u' - 'a'] = CUE_GROUP(cue_u),
    ['v' - 'a'] = CUE_GROUP(cue_v), ['w' - 'a'] = CUE_GROUP(cue_w),
    ['y' - 'a'] = CUE_GROUP(cue_y)
};

/* The fast reject of cue_lookup: bit n of CP(a, b) is set when a form of n
** letters starts with the letters a, b (every form has 3 to 15 letters).
** Most words fail it and skip the binary search. */
#define CP(a, b) [(a) - 'a'][(b) - 'a']
static const uint16_t cue_pairs[26][26] = {
    CP('a', 'c') = 0x39c0, CP('a', 'd') = 0x0378, CP('a', 'f') = 0x03c0, CP('a', 'g') = 0x0160,
    CP('a', 'l') = 0x01c0, CP('a', 'n') = 0x07c0, CP('a', 'p') = 0x0780, CP('a', 'r') = 0x00e0,
    CP('a', 's') = 0x03f8, CP('a', 't') = 0x03c0, CP('b', 'e') = 0x03e0, CP('b', 'l') = 0x01e0,
    CP('b', 'o') = 0x01e0, CP('b', 'r') = 0x01f0, CP('c', 'a') = 0x00f0, CP('c', 'h') = 0x71e0,
    CP('c', 'i') = 0x0070, CP('c', 'l') = 0x01e0, CP('c', 'o') = 0x0f80, CP('c', 'r') = 0x0e28,
    CP('d', 'e') = 0x07f0, CP('d', 'i') = 0x0780, CP('d', 'u') = 0x00d8, CP('e', 'c') = 0x00d0,
    CP('e', 'm') = 0x0e00, CP('e', 'n') = 0x0e00, CP('e', 's') = 0x0700, CP('e', 'x') = 0x07c0,
    CP('f', 'e') = 0x00f0, CP('f', 'i') = 0x00b0, CP('f', 'o') = 0x0020, CP('h', 'a') = 0x00f0,
    CP('h', 'i') = 0x00f0, CP('h', 'o') = 0x0070, CP('i', 'm') = 0x01a0, CP('i', 'n') = 0x1fc0,
    CP('j', 'o') = 0x0070, CP('k', 'n') = 0x00b0, CP('l', 'a') = 0x07e0, CP('l', 'i') = 0x01e0,
    CP('m', 'a') = 0x0f00, CP('m', 'e') = 0x0780, CP('m', 'o') = 0x00f0, CP('m', 'u') = 0x0070,
    CP('n', 'o') = 0x0070, CP('o', 'b') = 0x0380, CP('p', 'l') = 0x01c0, CP('p', 'o') = 0x07f0,
    CP('p', 'r') = 0x0fc0, CP('q', 'u') = 0x0fb0, CP('r', 'a') = 0x0030, CP('r', 'e') = 0x1ff0,
    CP('r', 'i') = 0x0700, CP('s', 'a') = 0x0058, CP('s', 'c') = 0x03e0, CP('s', 'h') = 0x01f0,
    CP('s', 'i') = 0x03f0, CP('s', 'l') = 0x01b0, CP('s', 'n') = 0x01b0, CP('s', 't') = 0x03e0,
    CP('s', 'u') = 0x0780, CP('t', 'e') = 0x06f0, CP('t', 'h') = 0x0fe0, CP('t', 'o') = 0x00f0,
    CP('t', 'w') = 0x01e0, CP('u', 'r') = 0x0070, CP('v', 'o') = 0x0078, CP('w', 'a') = 0x00f0,
    CP('w', 'e') = 0x0380, CP('w', 'h') = 0x0780, CP('w', 'o') = 0x03e0, CP('w', 'r') = 0x00e0,
    CP('y', 'e') = 0x00f0
};
#undef CP

/* The second fast reject: bit c of CT(a, b) is set when a form starts with
** the letters a, b, c (every form has at least 3 letters). After cue_pairs
** about 45% of the words of news remain, and one in twelve of those is a
** form; this leaves a binary search, whose branches the processor cannot
** predict, to few words that are not. */
#define CT(a, b) [(a) - 'a'][(b) - 'a']
static const uint32_t cue_third[26][26] = {
    CT('a', 'c') = 0x0000404, CT('a', 'd') = 0x0001008, CT('a', 'f') = 0x0000020,
    CT('a', 'g') = 0x0020000, CT('a', 'l') = 0x0000800, CT('a', 'n') = 0x0042000,
    CT('a', 'p') = 0x0008000, CT('a', 'r') = 0x0000040, CT('a', 's') = 0x0040400,
    CT('a', 't') = 0x0080000, CT('b', 'e') = 0x0001840, CT('b', 'l') = 0x0000001,
    CT('b', 'o') = 0x0000001, CT('b', 'r') = 0x0000001, CT('c', 'a') = 0x0000800,
    CT('c', 'h') = 0x0000001, CT('c', 'i') = 0x0080000, CT('c', 'l') = 0x0000001,
    CT('c', 'o') = 0x0103000, CT('c', 'r') = 0x1000100, CT('d', 'e') = 0x0063024,
    CT('d', 'i') = 0x0040000, CT('d', 'u') = 0x0000002, CT('e', 'c') = 0x0000080,
    CT('e', 'm') = 0x0008000, CT('e', 'n') = 0x0000004, CT('e', 's') = 0x0080000,
    CT('e', 'x') = 0x0008084, CT('f', 'e') = 0x0000811, CT('f', 'i') = 0x0002000,
    CT('f', 'o') = 0x0100000, CT('h', 'a') = 0x0000100, CT('h', 'i') = 0x0002000,
    CT('h', 'o') = 0x0008000, CT('i', 'm') = 0x0008000, CT('i', 'n') = 0x00c0008,
    CT('j', 'o') = 0x0000400, CT('k', 'n') = 0x0004010, CT('l', 'a') = 0x0001002,
    CT('l', 'i') = 0x0000400, CT('m', 'a') = 0x0000100, CT('m', 'e') = 0x0002000,
    CT('m', 'o') = 0x0100004, CT('m', 'u') = 0x0040000, CT('n', 'o') = 0x0080000,
    CT('o', 'b') = 0x0040000, CT('p', 'l') = 0x0000010, CT('p', 'o') = 0x0060100,
    CT('p', 'r') = 0x0004011, CT('q', 'u') = 0x0000110, CT('r', 'a') = 0x0080000,
    CT('r', 'e') = 0x02c9325, CT('r', 'i') = 0x0000008, CT('s', 'a') = 0x1002100,
    CT('s', 'c') = 0x0024000, CT('s', 'h') = 0x0004000, CT('s', 'i') = 0x0002040,
    CT('s', 'l') = 0x0000001, CT('s', 'n') = 0x0000001, CT('s', 't') = 0x0020001,
    CT('s', 'u') = 0x0000040, CT('t', 'e') = 0x0060800, CT('t', 'h') = 0x0124100,
    CT('t', 'o') = 0x0100800, CT('t', 'w') = 0x0000010, CT('u', 'r') = 0x0000040,
    CT('v', 'o') = 0x0400000, CT('w', 'a') = 0x0020000, CT('w', 'e') = 0x0000800,
    CT('w', 'h') = 0x0000100, CT('w', 'o') = 0x0022000, CT('w', 'r') = 0x0004100,
    CT('y', 'e') = 0x0000800
};
#undef CT

/* Lower-case ASCII copy of token i into buf (size cap) with curly
** apostrophes folded to '; returns 0 when the token does not fit. */
static size_t lower_tok(const so_doc *d, size_t i, char *buf, size_t cap)
{
    const char *s = so_tok_str(d, i);
    size_t n = so_tok_len(d, i), k = 0;
    for (size_t j = 0; j < n; j++) {
        if (k + 1 >= cap)
            return 0;
        unsigned char c = (unsigned char)s[j];
        if (c == 0xE2 && j + 2 < n && (unsigned char)s[j + 1] == 0x80 &&
            (unsigned char)s[j + 2] == 0x99) {
            buf[k++] = '\'';
            j += 2;
            continue;
        }
        buf[k++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    buf[k] = 0;
    return k;
}

/* Order of the ASCII-lowercased s[0..n) against the NUL-terminated w, as
** strcmp would order the lowercased copy (0: equal). */
static int cmp_lower(const char *s, size_t n, const char *w)
{
    for (size_t i = 0;; i++) {
        unsigned char b = (unsigned char)w[i];
        if (i == n)
            return b ? -1 : 0;
        unsigned char a = (unsigned char)s[i];
        if (a >= 'A' && a <= 'Z')
            a = (unsigned char)(a + 32);
        if (a != b)
            return b == 0 ? 1 : a < b ? -1 : 1;
    }
}

/* The entry of e[0..count) (sorted in strcmp order) that is the
** ASCII-lowercased s[0..n), or NULL; the first skip bytes are known to
** match already. */
static const cue_entry *search_sorted(const cue_entry *e, size_t count, const char *s,
                                      size_t n, size_t skip)
{
    size_t lo = 0, hi = count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = cmp_lower(s + skip, n - skip, e[mid].word + skip);
        if (c == 0)
            return &e[mid];
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}

/* The search of the lexicon for s[0..n). Every form is lowercase ASCII
** letters: a token matches one exactly when its ASCII-lowercased bytes do
** (the curly apostrophe folding of lower_tok cannot make a letters-only
** word; tokens over 15 bytes never match), so the search reads the token
** itself. A word token has no NUL byte. b | 32 is a lowercase letter
** exactly when the byte b is an ASCII letter. */
static int lookup_form(const char *s, size_t n)
{
    if (n < 3 || n > 15)
        return SO_CUE_NONE;
    unsigned first = ((unsigned char)s[0] | 32u) - 'a', second = ((unsigned char)s[1] | 32u) - 'a';
    if (first >= 26 || second >= 26 || !(cue_pairs[first][second] >> n & 1u))
        return SO_CUE_NONE;
    unsigned third = ((unsigned char)s[2] | 32u) - 'a';
    if (third >= 26 || !(cue_third[first][second] >> third & 1u))
        return SO_CUE_NONE;
    /* a group is sorted (strcmp order); all share the first letter */
    const cue_entry *hit = search_sorted(cue_groups[first].e, cue_groups[first].n, s, n, 1);
    return hit ? hit->cls : SO_CUE_NONE;
}

/* The American spelling of a British form s[0..n) into buf (16 bytes):
** -ise, -ised, -ises, -ising to -ize ... ("criticised"), -lled, -lling to
** -led, -ling ("signalled"); 0 when s has neither ending. */
static size_t us_form(const char *s, size_t n, char buf[16])
{
    if (n < 6 || n > 15)
        return 0;
    size_t z = 0, cut = 0; /* z: the 's' to make a 'z'; cut: the second 'l' to drop */
    switch (s[n - 1] | 32) { /* most words leave here, with no copy */
    case 'e': /* -ise */
        z = so_eq_ci(s + n - 3, 3, "ise") ? n - 2 : 0;
        break;
    case 's': /* -ises */
        z = so_eq_ci(s + n - 4, 4, "ises") ? n - 3 : 0;
        break;
    case 'd': /* -ised, -lled */
        z = so_eq_ci(s + n - 4, 4, "ised") ? n - 3 : 0;
        cut = so_eq_ci(s + n - 4, 4, "lled") ? n - 3 : 0;
        break;
    case 'g': /* -ising, -lling */
        z = so_eq_ci(s + n - 5, 5, "ising") ? n - 4 : 0;
        cut = so_eq_ci(s + n - 5, 5, "lling") ? n - 4 : 0;
        break;
    default:
        return 0;
    }
    if (!z && !cut)
        return 0;
    memcpy(buf, s, n);
    if (z) {
        buf[z] = 'z'; /* criticised -> criticized */
        return n;
    }
    memmove(buf + cut, buf + cut + 1, n - cut - 1); /* signalled -> signaled */
    return n - 1;
}

/* The lexicon lookup behind so_cue_class: the token itself, or its
** American spelling when it has a British one ("criticised", "signalled"). */
static int cue_lookup(const so_doc *d, size_t i)
{
    if (d->tok[i].kind != SO_TK_WORD)
        return SO_CUE_NONE;
    const char *s = so_tok_str(d, i);
    size_t n = so_tok_len(d, i);
    int c = lookup_form(s, n);
    char buf[16];
    size_t m;
    if (c == SO_CUE_NONE && (m = us_form(s, n, buf)) != 0)
        c = lookup_form(buf, m);
    return c;
}

/* What rules_only tests before its search: the words' lengths and first
** letters (a c f g l p r s; so_cue_lexicon_ok checks both). */
#define RULES_ONLY_MIN 5
#define RULES_ONLY_MAX 11
#define RULES_ONLY_FIRST                                                                      \
    (1u << ('a' - 'a') | 1u << ('c' - 'a') | 1u << ('f' - 'a') | 1u << ('g' - 'a') |          \
     1u << ('l' - 'a') | 1u << ('p' - 'a') | 1u << ('r' - 'a') | 1u << ('s' - 'a'))

/* Speech verbs the rules and the speaker step know but the attribution
** model's features do not (so_cue_model_class): the model was trained
** before they were added ("...," the fire service advised.). Sorted in
** strcmp order (so_cue_lexicon_ok checks it), for rules_only's search. */
static const cue_entry rules_only_words[] = {
    {"advise", SO_CUE_SPEECH}, {"advised", SO_CUE_SPEECH}, {"advises", SO_CUE_SPEECH},
    {"advising", SO_CUE_SPEECH}, {"apologise", SO_CUE_SPEECH}, {"apologised", SO_CUE_SPEECH},
    {"apologises", SO_CUE_SPEECH}, {"apologising", SO_CUE_SPEECH}, {"apologize", SO_CUE_SPEECH},
    {"apologized", SO_CUE_SPEECH}, {"apologizes", SO_CUE_SPEECH},
    {"apologizing", SO_CUE_SPEECH}, {"caution", SO_CUE_SPEECH}, {"cautioned", SO_CUE_SPEECH},
    {"cautioning", SO_CUE_SPEECH}, {"cautions", SO_CUE_SPEECH}, {"confess", SO_CUE_SPEECH},
    {"confessed", SO_CUE_SPEECH}, {"confesses", SO_CUE_SPEECH}, {"confessing", SO_CUE_SPEECH},
    {"fumed", SO_CUE_SPEECH}, {"grumble", SO_CUE_SPEECH}, {"grumbled", SO_CUE_SPEECH},
    {"grumbles", SO_CUE_SPEECH}, {"grumbling", SO_CUE_SPEECH}, {"laughed", SO_CUE_SPEECH},
    {"laughs", SO_CUE_SPEECH}, {"plead", SO_CUE_SPEECH}, {"pleaded", SO_CUE_SPEECH},
    {"pleading", SO_CUE_SPEECH}, {"pleads", SO_CUE_SPEECH}, {"reckon", SO_CUE_SPEECH},
    {"reckoned", SO_CUE_SPEECH}, {"reckons", SO_CUE_SPEECH}, {"rubbished", SO_CUE_SPEECH},
    {"rubbishing", SO_CUE_SPEECH}, {"sighed", SO_CUE_SPEECH}, {"sighs", SO_CUE_SPEECH},
    {"smiled", SO_CUE_SPEECH}, {"smiles", SO_CUE_SPEECH}};

/* Is w a form cue_pairs and cue_third can hold (3 to 15 lowercase ASCII
** letters)? */
static int plain_form(const char *w)
{
    size_t n = strlen(w);
    for (size_t k = 0; k < n; k++)
        if (w[k] < 'a' || w[k] > 'z')
            return 0;
    return n >= 3 && n <= 15;
}

int so_cue_lexicon_ok(void)
{
    uint16_t pairs[26][26];
    uint32_t third[26][26];
    memset(pairs, 0, sizeof pairs);
    memset(third, 0, sizeof third);
    for (size_t g = 0; g < 26; g++) {
        const cue_entry *e = cue_groups[g].e;
        for (size_t k = 0; k < cue_groups[g].n; k++) {
            const char *w = e[k].word;
            if (!plain_form(w) || (size_t)(w[0] - 'a') != g || (k && strcmp(e[k - 1].word, w) >= 0))
                return 0;
            pairs[w[0] - 'a'][w[1] - 'a'] |= (uint16_t)(1u << strlen(w));
            third[w[0] - 'a'][w[1] - 'a'] |= 1u << (w[2] - 'a');
        }
    }
    uint32_t first = 0;
    for (size_t k = 0; k < sizeof rules_only_words / sizeof *rules_only_words; k++) {
        const char *w = rules_only_words[k].word;
        if ((k && strcmp(rules_only_words[k - 1].word, w) >= 0) || !plain_form(w) ||
            strlen(w) < RULES_ONLY_MIN || strlen(w) > RULES_ONLY_MAX)
            return 0;
        first |= 1u << (w[0] - 'a');
    }
    if (first != RULES_ONLY_FIRST)
        return 0;
    return memcmp(pairs, cue_pairs, sizeof pairs) == 0 &&
           memcmp(third, cue_third, sizeof third) == 0;
}

#define IN_WORDS(d, i, list) in_words(d, i, list, sizeof list / sizeof list[0])

/* Is token i one of list[0..count) (lower_tok's image of it)? so_word_in
** ignores ASCII case, so only a token with a curly apostrophe (its first
** byte 0xE2) needs the copy. */
static int in_words(const so_doc *d, size_t i, const so_word *list, size_t count)
{
    const char *s = so_tok_str(d, i);
    size_t n = so_tok_len(d, i);
    if (!memchr(s, 0xE2, n))
        return n > 0 && n < 32 && so_word_in(s, n, list, count);
    char buf[32];
    size_t k = lower_tok(d, i, buf, sizeof buf);
    return k && so_word_in(buf, k, list, count);
}

/* Is token i one of rules_only_words? It runs on every token that is no
** cue of the lexicon, so it tests the length (5 to 11 letters) and the
** first letter (a, c, f, g, l, p, r or s) first and then searches the
** sorted list; a token with a curly apostrophe is none of them. */
static int rules_only(const so_doc *d, size_t i)
{
    size_t n = so_tok_len(d, i);
    if (d->tok[i].kind != SO_TK_WORD || n < RULES_ONLY_MIN || n > RULES_ONLY_MAX)
        return 0;
    const char *s = so_tok_str(d, i);
    unsigned letter = ((unsigned char)s[0] | 32u) - 'a';
    if (letter >= 26 || !(RULES_ONLY_FIRST >> letter & 1u))
        return 0;
    return search_sorted(rules_only_words, sizeof rules_only_words / sizeof *rules_only_words, s,
                         n, 0) != NULL;
}

int so_cue_class(const so_doc *d, size_t i)
{
    uint16_t f = d->tok[i].flags;
    if (f & SO_TF_CUE_SET)
        return (f >> SO_TF_CUE_SHIFT) & 3;
    int c = cue_lookup(d, i);
    return c ? c : rules_only(d, i) ? SO_CUE_SPEECH : SO_CUE_NONE;
}

int so_cue_model_class(const so_doc *d, size_t i)
{
    uint16_t f = d->tok[i].flags;
    if (f & SO_TF_CUE_SET)
        return f & SO_TF_CUE_RULES ? SO_CUE_NONE : (f >> SO_TF_CUE_SHIFT) & 3;
    return cue_lookup(d, i);
}

void so_cue_mark(so_doc *d)
{
    for (size_t i = 0; i < d->ntok; i++) {
        unsigned c = (unsigned)cue_lookup(d, i), extra = 0;
        if (!c && rules_only(d, i)) {
            c = SO_CUE_SPEECH;
            extra = SO_TF_CUE_RULES;
        }
        d->tok[i].flags =
            (uint16_t)(d->tok[i].flags | SO_TF_CUE_SET | extra | c << SO_TF_CUE_SHIFT);
    }
}

int so_cue_is_be(const so_doc *d, size_t i)
{
    static const so_word be[] = {SO_WORD("is"),   SO_WORD("are"), SO_WORD("was"),
                                 SO_WORD("were"), SO_WORD("been"), SO_WORD("be"),
                                 SO_WORD("being")};
    return IN_WORDS(d, i, be);
}

int so_cue_is_aux(const so_doc *d, size_t i)
{
    static const so_word aux[] = {
        SO_WORD("is"),    SO_WORD("was"),   SO_WORD("are"),   SO_WORD("were"),  SO_WORD("has"),
        SO_WORD("had"),   SO_WORD("have"),  SO_WORD("will"),  SO_WORD("would"), SO_WORD("could"),
        SO_WORD("can"),   SO_WORD("did"),   SO_WORD("does"),  SO_WORD("do"),    SO_WORD("should"),
        SO_WORD("may"),   SO_WORD("might"), SO_WORD("must"),  SO_WORD("been"),  SO_WORD("be"),
        SO_WORD("'ve"),   SO_WORD("'d"),    SO_WORD("'ll"),   SO_WORD("not"),   SO_WORD("n't")};
    return IN_WORDS(d, i, aux);
}

int so_cue_is_title_adj(const so_doc *d, size_t i)
{
    static const so_word adj[] = {
        SO_WORD("managing"), SO_WORD("acting"),    SO_WORD("presiding"),  SO_WORD("founding"),
        SO_WORD("outgoing"), SO_WORD("incoming"),  SO_WORD("ranking"),    SO_WORD("sitting"),
        SO_WORD("governing"), SO_WORD("commanding"), SO_WORD("consulting"), SO_WORD("retired"),
        SO_WORD("elected"),   SO_WORD("operating"),  SO_WORD("visiting"),   SO_WORD("supervising"),
        SO_WORD("contributing")};
    return IN_WORDS(d, i, adj);
}

int so_cue_is_weekday(const so_doc *d, size_t i)
{
    static const so_word day[] = {SO_WORD("monday"),   SO_WORD("tuesday"), SO_WORD("wednesday"),
                                  SO_WORD("thursday"), SO_WORD("friday"),  SO_WORD("saturday"),
                                  SO_WORD("sunday")};
    return IN_WORDS(d, i, day);
}

int so_cue_state_noun(const so_doc *d, size_t i)
{
    static const so_word state[] = {SO_WORD("state"), SO_WORD("states")};
    static const so_word before[] = {
        SO_WORD("the"),   SO_WORD("other"),   SO_WORD("many"),    SO_WORD("some"),
        SO_WORD("all"),   SO_WORD("both"),    SO_WORD("united"),  SO_WORD("islamic"),
        SO_WORD("several"), SO_WORD("key"),   SO_WORD("swing"),   SO_WORD("battleground")};
    /* before "state" only: "a rule that states", "This states" are the verb */
    static const so_word one[] = {SO_WORD("a"), SO_WORD("this"), SO_WORD("that"),
                                  SO_WORD("each"), SO_WORD("every")};
    if (!IN_WORDS(d, i, state))
        return 0;
    return ((d->tok[i].flags & SO_TF_CAP) && !(d->tok[i].flags & SO_TF_SENT_START)) ||
           (i > 0 && IN_WORDS(d, i - 1, before)) ||
           (i > 0 && so_tok_len(d, i) == 5 && IN_WORDS(d, i - 1, one)) ||
           (i + 1 < d->ntok && (d->tok[i + 1].flags & SO_TF_CAP));
}

int so_cue_is_adverb(const so_doc *d, size_t i)
{
    static const so_word adv[] = {
        SO_WORD("also"),       SO_WORD("later"),     SO_WORD("once"),     SO_WORD("then"),
        SO_WORD("again"),      SO_WORD("still"),     SO_WORD("previously"), SO_WORD("recently"),
        SO_WORD("often"),      SO_WORD("ultimately"), SO_WORD("finally"), SO_WORD("further"),
        SO_WORD("simply"),     SO_WORD("just"),      SO_WORD("now"),      SO_WORD("never"),
        SO_WORD("always"),     SO_WORD("even"),      SO_WORD("reportedly"), SO_WORD("allegedly"),
        SO_WORD("famously")};
    /* words in "-ly" that are no adverbs: "Her family said", "The
       weekly reported" */
    static const so_word not_adv[] = {
        SO_WORD("family"),    SO_WORD("assembly"), SO_WORD("rally"),    SO_WORD("reply"),
        SO_WORD("supply"),    SO_WORD("apply"),    SO_WORD("comply"),   SO_WORD("imply"),
        SO_WORD("bully"),     SO_WORD("tally"),    SO_WORD("anomaly"),  SO_WORD("monopoly"),
        SO_WORD("daily"),     SO_WORD("weekly"),   SO_WORD("monthly"),  SO_WORD("quarterly"),
        SO_WORD("elderly"),   SO_WORD("friendly"), SO_WORD("deadly"),   SO_WORD("costly"),
        SO_WORD("lonely"),    SO_WORD("lively")};
    if (IN_WORDS(d, i, adv))
        return 1;
    size_t n = so_tok_len(d, i);
    const char *s = so_tok_str(d, i);
    return d->tok[i].kind == SO_TK_WORD && !(d->tok[i].flags & SO_TF_CAP) && n > 4 &&
           s[n - 2] == 'l' && s[n - 1] == 'y' && strncmp(s, "only", 4) != 0 &&
           !IN_WORDS(d, i, not_adv);
}

int so_cue_is_pronoun(const so_doc *d, size_t i)
{
    static const so_word pro[] = {SO_WORD("he"), SO_WORD("she"), SO_WORD("they"), SO_WORD("it"),
                                  SO_WORD("i"),  SO_WORD("we"),  SO_WORD("you")};
    return IN_WORDS(d, i, pro);
}
