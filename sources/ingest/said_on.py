"""The day each statement was said, from its own cue or the publication date.

The rules are those of a careful reader (dates.py): a time tied to the statement wins, a vague
one ("last week", "has said") leaves it undated, and a statement with no cue was said on the
day the article was published.
"""

from __future__ import annotations

import datetime as dt
import re

from spacy.tokens import Doc, Span, Token

from sources.ingest.candidates import is_headline
from sources.ingest.dates import PUBLISHED, WEEKDAYS, Day, names_a_time, resolve_day
from sources.ingest.textnorm import ents_of, sentences, text_of

TIME_LABELS = {"DATE", "TIME"}
RELATIVE_DAYS = {"yesterday", "today", *WEEKDAYS}
# Words of a lead that reports a gathering where the quotes were spoken: its day is theirs.
OCCASION_WORDS = {"ceremony", "host", "conference", "briefing", "hearing", "event", "forum"}
# Occasions of speech itself: "On Friday's broadcast of X, Y stated ..."
OCCASION_WORDS |= {"interview", "broadcast", "podcast", "speech"}
# Main verbs of a sentence that reports such a gathering: "X visited Y on July 14".
OCCASION_VERBS = {"visit", "meet", "host", "attend", "address", "speak", "testify", "tour"}
SAY_VERBS = {"say", "tell", "announce", "state"}
VAGUE = "vague"  # a cue that names no day: the statement stays undated
# Verbs whose infinitive complement announces speech to come: "is expected to tell".
PROSPECT_VERBS = {"expect", "schedule", "set", "plan", "due", "prepare"}


def is_expected(verb: Token) -> bool:
    """Speech announced for later ("will argue", "is expected to tell"), not yet said."""
    if any(c.dep_ == "aux" and c.lower_ in {"will", "'ll", "shall"} for c in verb.children):
        return True
    head = verb.head
    return verb.dep_ == "xcomp" and head.lemma_.lower() in PROSPECT_VERBS and head is not verb


def is_perfect(verb: Token) -> bool:
    """ "has said": said at some time before, not on a day the text gives."""
    return verb.tag_ == "VBN" and any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children)


def date_cue(verb: Token | None, content: tuple[int, int], sent: Span, *, published, text):
    """A Day, VAGUE, or None (no cue) for a statement whose content is tokens [start, end)."""
    if verb is not None and is_perfect(verb):
        return VAGUE
    vague = None
    for ent in ents_of(sent):
        if ent.label_ not in TIME_LABELS or content[0] <= ent.start < content[1]:
            continue
        whole = sent.doc.text
        if whole[whole.rfind("\n", 0, ent.start_char) + 1 : ent.start_char].count('"') % 2:
            continue  # inside a quote: "We've worked with them for decades," Roe told reporters
        if ent.root.dep_ in {"nmod", "compound", "amod"} and ent.root.head.pos_ == "NOUN":
            continue  # "after the May 9 strike": the day of an event, not of the words
        day = resolve_day(ent.text, published=published, text=text)
        if day is not None:
            return day  # ("After decades of alliance, X said on Monday": Monday)
        if names_a_time(ent.text):
            vague = VAGUE
    return vague


def occasion_day(doc: Doc, *, published) -> Day | None:
    """The day of the meeting a release reports in its first sentence: "X and Y met yesterday".

    Only a relative day on the lead's past-tense main verb counts. Any date of the lead was
    tried first: on the development set it named the event reported (an election, a game to
    come) more often than the day the quotes were said.
    """
    if published is None:
        return None
    # A readout reports one meeting or visit, and a lead may report a ceremony or an event
    # someone hosted: what the text says was said there, on the day the lead gives
    # ("visited X on December 16, 2021", "during a change of command ceremony Aug. 19").
    readout = "readout" in text_of(doc)[:300].lower()
    lead_said = False  # the lead only reports what was said: the next sentence may say where
    for sent in sentences(doc):
        if len([t for t in sent if t.is_alpha]) < 8 or is_title_line(sent):
            continue  # headline, byline or dateline
        if readout and "readout" in sent.text.lower():
            continue  # "The following readout was provided by ..."
        root = sent.root
        gathering = root.lemma_.lower() in OCCASION_VERBS
        if root.tag_ != "VBD" or (lead_said and not gathering):
            return None
        # "X met Y yesterday", "X on Wednesday termed ... and said"
        on_days = [g for t in root.children if t.lower_ == "on" for g in t.children]
        for token in [*root.children, *on_days]:
            if token.lower_ in RELATIVE_DAYS:
                return resolve_day(token.text, published=published)
        occasion = readout or gathering or any(t.lemma_.lower() in OCCASION_WORDS for t in sent)
        for ent in ents_of(sent) if occasion else ():
            day = resolve_day(ent.text, published=published) if ent.label_ == "DATE" else None
            if day is not None:
                return day
        for ent in ents_of(sent):
            # "attended the summit, May 3-5, in Lima": the quotes were said on one of
            # several days, and a reader cannot tell which.
            in_main_clause = all(
                a.pos_ not in {"VERB", "AUX"} or a == root for a in ent.root.ancestors
            )
            if ent.label_ == "DATE" and in_main_clause and is_span_of_days(ent.text):
                return VAGUE
        if lead_said or root.lemma_.lower() not in SAY_VERBS:
            return None
        lead_said = True  # "X said ...", then "X spoke to reporters on April 8 ..."
    return None


def is_title_line(sent: Span) -> bool:
    """A headline in title case, or a sentence on a line that ends without a sentence's final
    mark ("Minister terms passage of bills a victory")."""
    text = text_of(sent.doc)
    start = text.rfind("\n", 0, sent.start_char) + 1
    end = text.find("\n", sent.start_char)
    line = text[start : end if end >= 0 else len(text)].strip()
    return is_headline(sent.text.strip()) or line[-1:] not in ".!?\"'\u201d\u2019"


def is_span_of_days(text: str) -> bool:
    """ "November 14-15", "from May 3 to May 6": more than one day."""
    return resolve_day(text, published=None) is None and bool(re.search(r"\d\s*[-–]\s*\d", text))


# Verbs that go on with what the same speaker was just saying: "He added that ...".
ADDING_CUES = {"add", "added", "adds", "adding", "continued", "continues"}
NEAR = 600  # characters: the statement before, a sentence or a paragraph away


def carried_cues(statements) -> None:
    """Statements with no cue of their own that go on from the one before (in place):
    - the same speaker's next words have its day ("X said Thursday on X. ... 'We will
      protect it,' he added."): the text places them at the same occasion (NOTES, d15);
    - an added remark ("X said last week. He added that ...") has its vagueness too."""
    ordered = sorted(statements, key=lambda s: s.text_start)
    for i, statement in enumerate(ordered[1:], start=1):
        last = ordered[i - 1]
        if (
            statement.date_cue is not None
            or last.date_cue is None
            or last.speaker is not statement.speaker
            or statement.text_start - last.text_end >= NEAR
        ):
            continue
        if isinstance(last.date_cue, Day) or statement.cue.lower() in ADDING_CUES:
            statement.date_cue = last.date_cue


def date_statements(statements, *, occasion, published: dt.date | None) -> None:
    """Set said_on and its basis on each statement (in place): its own cue, else the day of
    the occasion the release reports, else the publication date."""
    for statement in statements:
        if statement.expected:
            continue
        cue = statement.date_cue
        if cue is None and published is not None:
            cue = occasion or Day(published, PUBLISHED)
        if isinstance(cue, Day):
            statement.said_on, statement.said_on_basis = cue.date, cue.basis
