"""Fold text for matching while keeping a map back to the original characters.

spaCy reads the folded text (Unicode hyphens, curly quotes, odd spaces and zero-width
characters made plain, so that "narco‑terrorism" stays one word); every span found in it
maps back to the exact passage of the original.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from bisect import bisect_right
from dataclasses import dataclass

_FOLD = (
    {ord(c): "-" for c in "\u2010\u2011\u2012\u2212"}
    | {ord(c): "'" for c in "\u201a\u201b\u2032"}
    | {ord(c): '"' for c in "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb"}
    | {
        ord(c): " "
        for c in "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
        "\u2009\u200a\u202f\u205f\u3000\t"
    }
    | {ord(c): "" for c in "\u200b\u200c\u200d\u2060\ufeff\u00ad"}
    | {ord("\u2022"): " ", ord("\u2026"): "..."}
)


@dataclass
class FoldedText:
    text: str
    # offsets[i] is the index in the original text of folded character i (4 bytes each).
    offsets: array
    original_length: int

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The original [start, end) of the folded [start, end)."""
        if end <= start:
            point = self.offsets[start] if start < len(self.offsets) else self.original_length
            return point, point
        return self.offsets[start], self.offsets[end - 1] + 1


def wrapped_line_breaks(text: str) -> set[int]:
    """Where a hard-wrapped text (old wire copy, mail) breaks a sentence to fit its width: the
    newline after a full-width line that ends inside a sentence. Empty for ordinary text, whose
    lines are paragraphs."""
    lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    widths = sorted(b - a for a, b in lines)
    if len(lines) < 8 or widths[-1] > 100 or widths[len(widths) // 2] < 40:
        return set()
    open_ended = [(a, b) for a, b in lines if text[a:b].rstrip()[-1:] not in '.!?:"\u201d\u2019']
    if len(open_ended) < len(lines) / 2:
        return set()
    full = 0.6 * widths[len(widths) // 2]
    return {b for a, b in open_ended if b - a >= full and text[b + 1 : b + 2] not in {"", "\n"}}


# A given name an editor put in brackets before a surname: "President (Jane) Roe said",
# "President [Jane Q.] Roe".
INSERTED_NAME = re.compile(r"[(\[]([A-Z][a-z]+(?: [A-Z]\.)?)[)\]] (?=[A-Z][a-z])")


def inserted_name_brackets(text: str) -> set[int]:
    """The brackets around an inserted given name, left out so that the name is whole."""
    found = set()
    for match in INSERTED_NAME.finditer(text):
        before = text[: match.start()].split()[-1:]
        if before and before[0].isupper():
            continue  # "LONDON (Reuters) Britain's ...": a dateline's credit
        found |= {match.start(), match.end() - 2}
    return found


def fold_text(text: str) -> FoldedText:
    """Fold `text` character by character (the table above, else NFKC then the table), with
    the line breaks of a hard-wrapped text made spaces."""
    out: list[str] = []
    offsets = array("I")
    joins, brackets = wrapped_line_breaks(text), inserted_name_brackets(text)
    for index, char in enumerate(text):
        if index in joins:
            folded = " "
        elif index in brackets:
            folded = ""
        elif char.isascii():
            folded = char
        elif ord(char) in _FOLD:
            folded = _FOLD[ord(char)]  # before NFKC, which makes a double prime two primes
        else:
            folded = unicodedata.normalize("NFKC", char).translate(_FOLD)
        if char == "'" and text[index + 1 : index + 2] == "'":
            folded = '"'  # some wire copy writes a double quote mark as two apostrophes
        elif char == "'" and text[index - 1 : index] == "'" and out[-1:] == ['"']:
            folded = ""
        if char == "-":
            # A hyphen glued to one word only is a dash ("Jane Roe- Former head", "Roe -Acme
            # Ltd"): apart, so that no name takes it in.
            prev, nxt = text[index - 1 : index], text[index + 1 : index + 2]
            if prev.isalpha() and nxt == " ":
                folded = " -"
            elif prev == " " and nxt.isalpha():
                folded = "- "
        if char in "\u2013\u2014\u2015":
            # A dash glued between words is a pause ("leaders—including"); in "2015–2017" a hyphen.
            prev, nxt = text[index - 1 : index], text[index + 1 : index + 2]
            glued = prev.isalpha() and nxt.isalpha()
            folded = " - " if glued else "-"
        out.append(folded)
        offsets.extend([index] * len(folded))
    return FoldedText("".join(out), offsets, len(text))


def text_of(doc) -> str:
    """A parsed document's text, joined once: spaCy's `doc.text` joins every token again on
    each access (a third of extraction time when rules read it per entity or statement)."""
    return once(doc, "text", lambda: doc.text)


def keep_text(doc, text: str) -> None:
    """Give text_of() the text the document was parsed from (spaCy keeps it exactly), so it
    need not be joined from the tokens at all."""
    doc.user_data["text"] = text


def token_texts(doc) -> set[str]:
    """The texts of a document's tokens, collected once per document (rules ask per name)."""
    return once(doc, "token_texts", lambda: {t.text for t in tokens(doc)})


def tokens(doc) -> list:
    """The document's tokens, made once: iterating a Doc builds every Token object again."""
    return once(doc, "tokens", lambda: list(doc))


def sentences(doc) -> list:
    """The document's sentences, found once: each `doc.sents` walks every token again."""
    return once(doc, "sentences", lambda: list(doc.sents))


def sentence_index(doc, i: int) -> int:
    """The number of the sentence holding token `i` (what `token.sent` finds by walking)."""
    starts = once(doc, "sentence_starts", lambda: [s.start for s in sentences(doc)])
    return bisect_right(starts, i) - 1


def sentence_of(doc, i: int):
    """The sentence holding token `i`: `doc[i].sent`, from the cached sentences."""
    return sentences(doc)[sentence_index(doc, i)]


def ents_of(sent) -> list:
    """A sentence's named entities, grouped once per document: `span.ents` scans every entity
    of the document on each access."""
    doc = sent.doc
    groups = once(doc, "ents_by_sentence", lambda: _ents_by_sentence(doc))
    return [ent for ent in groups.get(sent.start, ()) if ent.end <= sent.end]


def _ents_by_sentence(doc) -> dict[int, list]:
    groups: dict[int, list] = {}
    for ent in doc.ents:
        groups.setdefault(sentence_of(doc, ent.start).start, []).append(ent)
    return groups


def once(doc, name: str, make):
    """`make()`, computed on the first call for this document and kept in its user_data."""
    if name not in doc.user_data:
        doc.user_data[name] = make()
    return doc.user_data[name]
