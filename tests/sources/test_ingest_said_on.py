"""The day a statement was said, and speech announced for later (said_on.py)."""

import datetime as dt

from sources.ingest.extract import extract
from sources.ingest.textnorm import fold_text

PUBLISHED = dt.date(2024, 3, 14)  # a Thursday


def extract_all(nlp, text, published=PUBLISHED):
    folded = fold_text(text)
    return extract(nlp(folded.text), folded, text, published=published).statements


def statements(nlp, text, published=PUBLISHED):
    return {s.speaker.name: s for s in extract_all(nlp, text, published)}


def test_a_quote_with_no_cue_was_said_on_the_publication_day(nlp):
    s = statements(nlp, "\u201cWe will open the new clinic in May,\u201d said Mayor Ana Kovac.")
    assert (s["Ana Kovac"].said_on, s["Ana Kovac"].said_on_basis) == (PUBLISHED, "published")


def test_a_weekday_is_counted_back_from_the_publication_date(nlp):
    s = statements(nlp, "Mayor Ana Kovac said on Monday that the clinic would open in May.")
    assert (s["Ana Kovac"].said_on, s["Ana Kovac"].said_on_basis) == (
        dt.date(2024, 3, 11),
        "relative",
    )


def test_an_explicit_date_wins_over_the_publication_date(nlp):
    s = statements(nlp, "On March 2, Mayor Ana Kovac told reporters that the clinic was ready.")
    assert (s["Ana Kovac"].said_on, s["Ana Kovac"].said_on_basis) == (
        dt.date(2024, 3, 2),
        "explicit",
    )


def test_has_said_and_vague_times_leave_the_statement_undated(nlp):
    s = statements(nlp, "Mayor Ana Kovac has said that the clinic would open in May.")
    assert s["Ana Kovac"].said_on is None
    s = statements(nlp, "Last week Mayor Ana Kovac said that the clinic would open in May.")
    assert s["Ana Kovac"].said_on is None


def test_without_a_publication_date_a_quote_is_undated(nlp):
    s = statements(nlp, "Mayor Ana Kovac said that the clinic would open soon.", published=None)
    assert s["Ana Kovac"].said_on is None


def test_speech_announced_for_later_is_flagged_and_undated(nlp):
    s = statements(nlp, "Mayor Ana Kovac will tell the council that the clinic needs more money.")
    assert s["Ana Kovac"].expected
    assert s["Ana Kovac"].said_on is None
    s = statements(nlp, "Mayor Ana Kovac said that the clinic needs more money.")
    assert not s["Ana Kovac"].expected


def test_quotes_of_a_meeting_the_lead_dates_take_its_day(nlp):
    text = (
        "Fisheries Minister Ana Kovac and her counterparts from four countries met yesterday "
        "in Split to sign a new agreement on quotas.\n\n"
        "\u201cThis agreement protects the stocks for a generation,\u201d said Ana Kovac."
    )
    assert statements(nlp, text)["Ana Kovac"].said_on == dt.date(2024, 3, 13)


def test_quotes_of_a_meeting_over_several_days_are_undated(nlp):
    text = (
        "Fisheries ministers from nine countries attended the regional quota summit, "
        "March 4-6, 2024, in Split.\n\n"
        "\u201cThis agreement protects the stocks for a generation,\u201d said Ana Kovac."
    )
    assert statements(nlp, text)["Ana Kovac"].said_on is None


def test_the_days_of_the_meeting_can_hang_on_its_venue(nlp):
    text = (
        "Fisheries ministers from nine countries attended the Regional Quota Summit (RQS), at"
        " the Northern Fleet Command (NFC), March 4-6, 2024, in Split.\n\n"
        "\u201cThis agreement protects the stocks for a generation,\u201d said Ana Kovac."
    )
    assert statements(nlp, text)["Ana Kovac"].said_on is None


def test_the_date_of_an_event_named_in_the_sentence_is_not_the_day_of_the_words(nlp):
    s = statements(
        nlp,
        'Mayor Ana Kovac told residents that safety was on the minds of "so many of us," '
        "following the city's March 2 flood on the river.",
    )
    assert (s["Ana Kovac"].said_on, s["Ana Kovac"].said_on_basis) == (PUBLISHED, "published")


def test_what_a_readout_reports_was_said_on_the_day_its_lead_gives(nlp):
    text = (
        "The following readout was provided by Department of Commerce Spokesman Tom Reyes:\n\n"
        "Deputy Secretary of Commerce Lena Hartwig visited the port of Tacoma, Washington, "
        "on March 11, 2024.\n\n"
        "Deputy Secretary Hartwig also expressed her condolences for the loss of two "
        "dock workers in a fire at the terminal."
    )
    assert statements(nlp, text)["Lena Hartwig"].said_on == dt.date(2024, 3, 11)


def test_a_news_lead_date_does_not_date_the_quotes(nlp):
    text = (
        "Voters in the capital went to the polls on March 10, 2024, in a tight race.\n\n"
        "\u201cThe turnout shows how much people care about the result,\u201d said analyst "
        "Pavel Ostrow."
    )
    assert statements(nlp, text)["Pavel Ostrow"].said_on == PUBLISHED


def test_quotes_of_a_ceremony_the_lead_dates_take_its_day(nlp):
    text = (
        "The task force hosted regional leaders at the air base, March 8, 2024, to mark its "
        "anniversary.\n\n"
        "\u201cToday is a day we look forward to all year,\u201d said Col. Dana Whitcomb, "
        "the task force commander."
    )
    assert statements(nlp, text)["Dana Whitcomb"].said_on == dt.date(2024, 3, 8)


def test_quotes_of_a_visit_the_lead_dates_take_its_day(nlp):
    text = (
        "On March 10, Acting Secretary Ana Kovac visited the Harbour Response Center to "
        "receive a brief on the storm.\n\n"
        "\u201cThank you to the men and women of the harbour for their tireless work,\u201d "
        "Kovac said."
    )
    assert statements(nlp, text)["Ana Kovac"].said_on == dt.date(2024, 3, 10)


def test_the_sentence_after_a_said_lead_can_give_the_day_the_words_were_spoken(nlp):
    text = (
        "President Ana Kovac said the country would reject any foreign military action on "
        "its soil.\n\n"
        "Kovac spoke to reporters on March 12 during her daily news conference in the capital."
        "\n\n\u201cWe do not agree with any kind of intervention or interference,\u201d Kovac "
        "added."
    )
    said = {s.kind: s.said_on for s in extract_all(nlp, text)}
    assert said == {"indirect": dt.date(2024, 3, 12), "direct": dt.date(2024, 3, 12)}


def test_quotes_after_a_lead_dated_on_a_weekday_take_its_day(nlp):
    text = (
        "Minister terms quota law a victory for the whole coast and its fleet\n\n"
        "HARBOURTOWN: Fisheries Minister Ana Kovac on Tuesday termed the new quota law a "
        "great victory for the coast and said the fleet would grow next year.\n\n"
        "\u201cThe opposition will remember this vote for a long time to come,\u201d she said "
        "at a press conference."
    )
    found = [s for s in extract_all(nlp, text) if s.kind == "direct"]
    assert [s.said_on for s in found] == [dt.date(2024, 3, 12)]


def test_quotes_after_a_lead_dating_the_broadcast_were_said_that_day(nlp):
    text = (
        "On Tuesday’s broadcast of the Harbour Hour, Spokesman Dan Moreau stated that the port "
        "would reopen.\n\n"
        "Moreau answered, “This has become a real threat in this vital waterway.”"
    )
    said = {s.cue: s.said_on for s in extract_all(nlp, text)}
    assert said == {"stated": dt.date(2024, 3, 12), "answered": dt.date(2024, 3, 12)}


def test_an_added_remark_has_the_day_of_the_statement_it_goes_on_from(nlp):
    text = (
        "\u201cWe are going to sell the grain at market prices,\u201d Minister Ana Kovac said "
        "last week. She added that the proceeds would be strictly controlled.\n\n"
        "\u201cThe clinic opens in May,\u201d Mayor Tomas Ruiz said on Monday. He added that "
        "the staff had been hired."
    )
    found = extract_all(nlp, text)
    added = {s.speaker.name: s for s in found if s.cue == "added"}
    assert added["Ana Kovac"].said_on is None
    assert added["Tomas Ruiz"].said_on == dt.date(2024, 3, 11)


def test_a_day_in_the_sentence_wins_over_a_vague_time_before_it(nlp):
    text = (
        "After decades of close alliance, President Ana Kovac denounced her neighbour for "
        "failing to curb smuggling, according to a determination her office sent to "
        "parliament on Monday."
    )
    s = statements(nlp, text)
    assert s["Ana Kovac"].said_on == dt.date(2024, 3, 11)
    assert "according to" not in text[s["Ana Kovac"].text_start : s["Ana Kovac"].text_end]


def test_a_time_inside_the_quote_does_not_date_its_attribution(nlp):
    text = (
        "\u201cWe have willing partners. We\u2019ve been working with them for decades,\u201d "
        "Minister Ana Kovac told reporters, voicing hope that the talks could resume."
    )
    found = extract_all(nlp, text)
    assert found and all(s.said_on == PUBLISHED for s in found), [
        (s.kind, s.said_on) for s in found
    ]


def test_the_same_speakers_next_quotes_have_the_day_of_the_first(nlp):
    text = (
        "The coast guard has begun a new patrol along the southern shore.\n\n"
        "\u201cI am announcing a new patrol,\u201d Minister Ana Kovac said Monday on X.\n\n"
        "\u201cThe mission protects our coast from the smugglers,\u201d Kovac said. \u201cWe "
        "will not stop until the sea is clean,\u201d she added.\n\n"
        "\u201cThe harbour reopens next week for every boat,\u201d Mayor Tomas Ruiz said."
    )
    found = extract_all(nlp, text)
    days = {text[s.text_start : s.text_start + 12]: s.said_on for s in found}
    assert days["I am announc"] == days["The mission "] == days["We will not "]
    assert days["The mission "] == dt.date(2024, 3, 11)
    assert days["The harbour "] == PUBLISHED  # another speaker: no cue carried


def test_earlier_in_the_day_is_the_same_day(nlp):
    text = (
        "\u201cThe era of giving in to pressure is over,\u201d Minister Ana Kovac said while "
        "delivering prepared remarks earlier in the day."
    )
    s = statements(nlp, text)
    assert (s["Ana Kovac"].said_on, s["Ana Kovac"].said_on_basis) == (PUBLISHED, "relative")
