"""Quote layouts of press releases and news, on texts of our own (statements.py)."""

import pytest

from sources.ingest.extract import extract
from sources.ingest.textnorm import fold_text


def extracted(nlp, text):
    folded = fold_text(text)
    return extract(nlp(folded.text), folded, text, published=None)


def quotes(nlp, text):
    ex = extracted(nlp, text)
    return [
        (s.speaker.name, " ".join(text[a:b] for a, b in (s.parts or [(s.text_start, s.text_end)])))
        for s in ex.statements
        if s.kind == "direct"
    ]


def test_a_second_quote_after_the_attribution_keeps_its_speaker(nlp):
    text = (
        "\u201cThe harbour will reopen on schedule for every vessel,\u201d said Port Director "
        "Helena Brandt. \u201cWe have worked through the night with the crews to clear it.\u201d"
    )
    found = quotes(nlp, text)
    assert [speaker for speaker, _ in found] == ["Helena Brandt", "Helena Brandt"]
    assert "worked through the night" in found[1][1]


def test_a_quote_continued_in_the_next_paragraph_keeps_its_speaker(nlp):
    text = (
        "\u201cWe will rebuild every school that the flood destroyed,\u201d Mayor Tomas Ruiz "
        "said.\n\n\u201cThe money is already in the budget for this year and the next.\u201d"
    )
    assert [speaker for speaker, _ in quotes(nlp, text)] == ["Tomas Ruiz", "Tomas Ruiz"]


def test_a_quote_followed_by_a_dash_and_a_name(nlp):
    text = (
        "The agency published its yearly review.\n\n"
        "\u201cOur inspectors visited more farms than in any year before.\u201d \u2013 "
        "Commissioner Laila Haddad"
    )
    assert quotes(nlp, text) == [
        ("Laila Haddad", "Our inspectors visited more farms than in any year before.")
    ]


def test_a_quote_introduced_by_a_name_and_a_colon(nlp):
    text = (
        "From Chairwoman Greta Lind: \u201cThis settlement returns the money to the families "
        "who lost it.\u201d"
    )
    assert [speaker for speaker, _ in quotes(nlp, text)] == ["Greta Lind"]


def test_a_statement_a_body_releases_from_its_secretary_is_the_secretarys(nlp):
    text = (
        "Statement on the Budget\n\n"
        "WASHINGTON - The Department of Water (DOW) today released the following statement "
        "from U.S. Secretary of Water Lena Paulsen on President Roe's 2027 Budget released "
        "this morning:\n\n"
        "\u201cThis budget gives the department what it needs to rebuild the dams and to "
        "keep the rivers clean for every family.\u201d"
    )
    assert [speaker for speaker, _ in quotes(nlp, text)] == ["Lena Paulsen"]


def test_a_quote_under_a_paragraph_announcing_the_following_statement(nlp):
    text = (
        "Today, Secretary of Roads Ivan Holm released the following statement following the "
        "Senate's passage of the highway bill.\n\n"
        "\u201cToday, members of both parties voted to rebuild the roads and bridges this "
        "country depends on, and to put thousands of people to work.\u201d"
    )
    assert [speaker for speaker, _ in quotes(nlp, text)] == ["Ivan Holm"]


def test_a_mistyped_closing_mark_still_closes_the_quote(nlp):
    text = (
        "\u201cThe new wardens will restore order in the prisons within a year, \u201c said "
        "Attorney General Paul Okafor on Monday."
    )
    found = quotes(nlp, text)
    assert found and found[0][0] == "Paul Okafor"
    assert found[0][1].startswith("The new wardens")


def test_a_rank_abbreviation_does_not_cut_the_speaker_off(nlp):
    text = "\u201cThe crew found the cargo hidden under the nets,\u201d said Cmdr. Peter Holm."
    assert [speaker for speaker, _ in quotes(nlp, text)] == ["Peter Holm"]


@pytest.mark.parametrize(
    "text",
    [
        'He said "this will never end and nobody can stop it.\n\nThe next day was quiet.',
        '\u201cOne \u201ctwo \u201d three\u201d four \u201d " \u201c',
        'Officials said ""  "" and left.',
    ],
)
def test_unbalanced_and_mixed_quote_marks_load_without_error(nlp, text):
    quotes(nlp, text)  # no exception, whatever the marks


def test_a_speech_that_reopens_its_mark_at_each_paragraph_is_one_quote(nlp):
    text = (
        "Mayor Tomas Ruiz spoke at the harbour on Monday.\n\n"
        "\u201cWe were always ready to rebuild every school that the flood destroyed.\n\n"
        "\u201cThe money is already in the budget for this year and the next,\u201d Ruiz said."
    )
    [(speaker, quote)] = quotes(nlp, text)
    assert speaker == "Tomas Ruiz"
    assert quote.startswith("We were always ready") and quote.endswith("and the next,")


def test_an_unclosed_quote_does_not_swallow_the_next_paragraphs(nlp):
    text = (
        'Mayor Tomas Ruiz said the bridge would "stay closed until the engineers sign off.\n\n'
        "Later in the week the council met. The budget passed without debate. " * 3
    )
    for _, quote in quotes(nlp, text):
        assert "\n" not in quote


def test_a_long_article_without_quotes_loads(nlp):
    paragraph = "The committee met in the morning and reviewed the figures for the harbour."
    text = "\n\n".join([paragraph] * 200)
    assert quotes(nlp, text) == []


def test_the_secretary_refers_to_the_person_named_with_that_title(nlp):
    text = (
        "Secretary of Energy Carla Nunes met Gen. Omar Petit in the morning.\n\n"
        "The secretary and Gen. Omar Petit spoke to reporters after the meeting.\n\n"
        "\u201cThe grid will hold through the winter months,\u201d the secretary said."
    )
    assert [speaker for speaker, _ in quotes(nlp, text)] == ["Carla Nunes"]


def test_an_attribution_after_the_closing_mark_names_the_speaker(nlp):
    text = (
        "\u201cWe expect the first ships to dock here by the end of the month, but more will "
        "come back in the spring,\u201d Nunes said. Secretary of Energy Carla Nunes left."
    )
    assert [speaker for speaker, _ in quotes(nlp, text)] == ["Carla Nunes"]


def reported(nlp, text):
    return [
        (s.speaker.name, text[s.text_start : s.text_end]) for s in extracted(nlp, text).statements
    ]


def test_a_claim_before_a_name_in_apposition_and_said(nlp):
    text = (
        "With the harbour reopened, the fleet is back at sea for the first time this year, "
        "Adm. Ruth Calder, the head of the fleet, said."
    )
    found = reported(nlp, text)
    assert found and found[0][0] == "Ruth Calder"
    assert "Calder" not in found[0][1]


def test_called_it_reports_a_characterisation(nlp):
    text = "Gen. Ruth Calder visited the port. The general called it a remarkable recovery."
    assert ("Ruth Calder", "a remarkable recovery") in reported(nlp, text)


def test_a_participle_inside_reported_content_is_not_a_second_statement(nlp):
    text = (
        "Chilean President Ana Roca says she will appeal a court ruling last week rejecting"
        " a planned deployment of Chilean soldiers to Peru."
    )
    found = reported(nlp, text)
    assert [content for _, content in found] == [
        "she will appeal a court ruling last week rejecting a planned deployment of Chilean"
        " soldiers to Peru"
    ]


def test_a_participle_with_its_own_clause_is_a_statement(nlp):
    found = reported(nlp, "The minister, Ana Roca, resigned on Monday, saying she was tired.")
    assert ("Ana Roca", "she was tired") in found


def test_a_quote_and_its_paraphrase_are_one_statement(nlp):
    text = (
        "Mayor Ana Roca said the new bridge will open to traffic in early May. “The new bridge"
        " will open to traffic in early May,” Roca told reporters on Tuesday. Roca also said"
        " the old ferry will stop running."
    )
    found = reported(nlp, text)
    assert len(found) == 2
    assert ("Ana Roca", "the old ferry will stop running") in found


def test_a_quote_in_a_while_clause_is_the_outer_speakers(nlp):
    text = (
        "Foreign Minister Paula Mendes said Ortega and his allies continue to falsely claim"
        " victory in the vote while his police force “has engaged in widespread abuses,"
        " including beatings and mass arrests of students.”"
    )
    assert quotes(nlp, text) == [
        (
            "Paula Mendes",
            "has engaged in widespread abuses, including beatings and mass arrests of students.",
        )
    ]


def test_a_phrase_quoted_again_inside_the_full_quote_is_one_statement(nlp):
    text = (
        'Mayor Ana Kovac said the new tolls "were never a surprise to anyone," adding that the '
        "council had warned drivers for a year.\n\n"
        '"Let us be clear that the new tolls were never a surprise to anyone," she said.'
    )
    found = quotes(nlp, text)
    assert [q.rstrip(",") for _, q in found] == [
        "Let us be clear that the new tolls were never a surprise to anyone"
    ]


def test_adding_something_to_a_list_is_not_speech(nlp):
    text = (
        "The Finance Ministry announced on Tuesday that it had added 12 shipping firms to its "
        "list of sanctioned companies."
    )
    assert [s.cue for s in extracted(nlp, text).statements] == ["announced"]


def test_the_bodys_leader_said_is_the_person_named_with_that_body(nlp):
    text = (
        "The leader of the country's opposition HDP party Daniel Brooks has called for new "
        'elections.\n\n"The figures we publish today show what the port authority hid from '
        'everyone for years," said the HDP leader.'
    )
    assert [speaker for speaker, _ in quotes(nlp, text)] == ["Daniel Brooks"]


def test_he_is_never_someone_named_inside_a_quote(nlp):
    text = (
        'Mayor Daniel Brooks spoke to reporters on Monday. "Tomas Ruiz has been hiding the '
        'accounts from the council for years," the city council said in a statement.\n\n'
        'The ledger, he said, "was kept in a locked drawer at the harbour office."'
    )
    found = quotes(nlp, text)
    assert found == [("Daniel Brooks", "was kept in a locked drawer at the harbour office.")]


def test_a_speech_verb_inside_a_quote_is_not_another_statement(nlp):
    text = (
        '"The chief of police, John Miller, told reporters that the port would close, and we '
        'believed him," said Mayor Daniel Brooks.'
    )
    ex = extracted(nlp, text)
    assert [(s.kind, s.speaker.name) for s in ex.statements] == [("direct", "Daniel Brooks")]


def test_an_office_fused_with_the_name_or_written_as_an_acronym_still_names_the_speaker(nlp):
    text = (
        '"We are pursuing them with everything that we have," Special Agent in Charge Marta '
        'Quiroga said.\n\n"It is a way that they reach our children," SAC Quiroga said.'
    )
    assert [speaker for speaker, _ in quotes(nlp, text)] == ["Marta Quiroga", "Marta Quiroga"]


def test_a_quote_under_four_words_is_no_statement_direct_or_reported(nlp):
    text = '"It hurts," said Ensign Tomas Varga. "We leave at dawn and return in spring," he added.'
    said = [(s.kind, text[s.text_start : s.text_end]) for s in extracted(nlp, text).statements]
    assert said == [("direct", "We leave at dawn and return in spring,")]


def test_the_speaker_after_a_verb_the_parser_reads_as_its_object(nlp):
    text = (
        "The crew, commanded by Daniel J. Okafor, has been preparing for this deployment.\n\n"
        '"I have a great crew and we are ready for this deployment," praised Okafor. '
        '"The ship can do everything."'
    )
    assert [s for s, _ in quotes(nlp, text)] == ["Daniel J. Okafor", "Daniel J. Okafor"]


def test_a_verb_that_reports_speech_only_with_a_clause_is_not_speech_with_an_object(nlp):
    ex = extracted(
        nlp,
        "Mayor Ana Kovac noted that during a time when other cities have struggled to recruit "
        "and retain employees, the Harbour Authority continues to attract applicants in record "
        "numbers and maintain a low attrition rate among its pilots.",
    )
    assert [(s.speaker.name, s.kind) for s in ex.statements] == [("Ana Kovac", "indirect")]


def test_a_body_that_opens_a_person_s_office_is_not_the_speaker(nlp):
    text = (
        "LAREDO, Texas \u2013 Two men have been sent to federal prison, announced Drug "
        "Enforcement Administration (DEA) Special Agent in Charge Daniel C. Comeaux, Houston "
        "Division and U.S. Attorney Jennifer B. Lowery."
    )
    assert reported(nlp, text) == [
        ("Daniel C. Comeaux", "Two men have been sent to federal prison")
    ]


def test_a_named_department_the_model_missed_is_not_an_anaphor(nlp):
    text = (
        "Official Urges Congress to Pass Pending Legislation on Aid\n\n"
        "The Defense Department urges Congress to quickly pass the supplemental request, Press "
        "Secretary Ina Marsh said at a press briefing today."
    )
    assert [s.speaker.name for s in extracted(nlp, text).statements] == ["Ina Marsh"]


def test_a_long_office_between_the_body_and_the_name_still_gives_the_person(nlp):
    text = (
        "\u201cThe agency continues to protect communities by taking criminals off the streets,"
        "\u201d said ICE Senior Official Performing the Duties of the Director Tony H. Pham."
    )
    assert [speaker for speaker, _ in quotes(nlp, text)] == ["Tony H. Pham"]


def test_a_dateline_s_news_agency_is_not_the_speaker(nlp):
    text = (
        "Opposition claims power after storming government buildings\n\n"
        "By Olga Marenko and Ivo Pirlaski\n\n"
        "BISHKEK (Reuters) \u2013 Opposition groups said they had seized power in the country on "
        "Tuesday after taking control of government buildings during post-election protests.\n"
    )
    assert reported(nlp, text) == []


def test_the_government_is_no_antecedent(nlp):
    text = (
        "Reuters was the first to see the unrest. President Ana Kovac called for calm after unrest "
        "in which the government said one person was killed."
    )
    assert all(speaker == "Ana Kovac" for speaker, _ in reported(nlp, text))


def test_an_office_as_subject_is_not_the_person_named_later_in_its_clause(nlp):
    from sources.ingest.people_and_orgs import find_entities
    from sources.ingest.speakers import Resolver
    from sources.ingest.textnorm import keep_text

    text = (
        "Marc Aubry met Delia Rodr\u00edguez in Lima. The Secretary of State is also "
        "coordinating with Rodr\u00edguez the release of prisoners."
    )
    doc = nlp(text)
    keep_text(doc, text)
    resolver = Resolver(doc, find_entities(doc))
    secretary = next(t for t in doc if t.text == "Secretary")
    found = resolver.entity_of_phrase(secretary)  # the secretary named before, or no one
    assert found is None or found.name != "Delia Rodr\u00edguez"


def test_the_attorney_general_refers_to_the_person_with_that_whole_office(nlp):
    text = (
        "The suit was filed by State Attorney General Dana Whitcomb and Gen. Ivo Mertens.\n\n"
        "\u201cThe rule was arbitrary and it was mean-spirited,\u201d the attorney general said."
    )
    assert [speaker for speaker, _ in quotes(nlp, text)] == ["Dana Whitcomb"]


def test_a_countrys_president_refers_to_the_president_named_before(nlp):
    text = (
        "President Tomas Arguedas said on Monday that his country would leave the pact.\n\n"
        "\u201cThe silence of the secretary-general put our sovereignty at risk,\u201d "
        "Paraguay's president said."
    )
    assert [speaker for speaker, _ in quotes(nlp, text)] == ["Tomas Arguedas"]


def test_a_name_right_after_said_is_the_speaker_whatever_the_parser_hangs_it_on(nlp):
    text = (
        "\u201cWe joined this lawsuit to fight a rule that would tear apart families,\u201d "
        "said Rita Vantongeren of advocacy group Build the Bridge."
    )
    assert [speaker for speaker, _ in quotes(nlp, text)] == ["Rita Vantongeren"]


def test_an_infinitive_of_purpose_is_not_something_said(nlp):
    text = (
        "Administrator Nell Okafor attended the meetings. Administrator Okafor announced "
        "$40 million in new assistance to respond to the drought in the region."
    )
    found = [text[s.text_start : s.text_end] for s in extracted(nlp, text).statements]
    assert found and not any(f.startswith("to the drought") for f in found)


def test_a_body_of_an_organisation_speaks_for_it(nlp):
    text = (
        "The Harbor Alliance's oversight body said it was alarmed by the deadly raid and "
        "called for an inquiry."
    )
    assert [(s.speaker.name, s.kind) for s in extracted(nlp, text).statements] == [
        ("Harbor Alliance", "indirect")
    ]


def test_a_statement_saying_something_is_its_issuers_speech(nlp):
    text = (
        "Agency spokesman Pavel Ostrow issued a statement saying the agency expects the "
        "council to honour its agreement."
    )
    found = [
        (s.speaker.name, text[s.text_start : s.text_end]) for s in extracted(nlp, text).statements
    ]
    assert found == [("Pavel Ostrow", "the agency expects the council to honour its agreement")]


def test_the_service_refers_back_to_the_branch(nlp):
    text = (
        "The Navy relieved the commanding officer of the destroyer on Monday. The service "
        "announced Tuesday that it had removed the officer from his post."
    )
    assert [s.speaker.name for s in extracted(nlp, text).statements] == ["Navy"]


def test_a_meeting_after_the_announcement_is_its_circumstance_not_its_content(nlp):
    text = (
        "Foreign Minister Nadia Kerrow announced the decision after meeting with "
        "Secretary-General Tomas Ibarra about the commission."
    )
    found = [text[s.text_start : s.text_end] for s in extracted(nlp, text).statements]
    assert found == ["the decision"]


def test_what_a_readout_says_was_discussed_is_reported_but_a_plan_to_discuss_is_not(nlp):
    text = (
        "In a meeting with Foreign Minister Ilse Varga, Administrator Nell Okafor discussed "
        "the agency's plan to expand aid to farmers in the north. Later, Okafor met the "
        "council to discuss the budget."
    )
    found = reported(nlp, text)
    assert found == [("Nell Okafor", "the agency's plan to expand aid to farmers in the north")]


def test_a_quote_below_a_sentence_announcing_a_statement_is_its_subjects(nlp):
    text = (
        "Today, Harbour Secretary Jane Roe released the following statement on Port Director "
        "Ana Ruiz\u2019s announcement that she plans to retire at the end of June:\n\n"
        "\u201cAna Ruiz led the port through a hard decade with skill and care.\n\n"
        "\u201cI thank her for her service and wish her well in all she does next.\u201d"
    )
    assert [speaker for speaker, _ in quotes(nlp, text)] == ["Jane Roe"]


def test_two_apostrophes_written_for_a_quote_mark_open_and_close_a_quote(nlp):
    text = (
        "Secretary Jane Roe met the mayor on Tuesday.\n\n"
        "''Your hard work is making a real difference to the harbour,'' she wrote."
    )
    assert quotes(nlp, text) == [
        ("Jane Roe", "Your hard work is making a real difference to the harbour,")
    ]


def test_a_double_prime_closes_a_quote_and_the_next_quotes_keep_their_pairs(nlp):
    text = (
        '"We have agreed on a text. Now the next host takes over\u2033, said President Ana '
        'Ruiz.\n\nThe leaders adopted it. "We concurred that the reform of trade is '
        'paramount", she said.'
    )
    assert quotes(nlp, text) == [
        ("Ana Ruiz", "We have agreed on a text. Now the next host takes over"),
        ("Ana Ruiz", "We concurred that the reform of trade is paramount"),
    ]


def test_a_quote_the_text_never_closes_is_the_paragraphs_it_opened(nlp):
    # A stored copy cut at its last paragraph, and a closing mark the writer forgot.
    text = (
        "Following the raids, Assistant Commissioner Jane Roe said:\n\n"
        "\u201cThis operation shows the link between illegal firearms and the drugs trade."
    )
    assert quotes(nlp, text) == [
        ("Jane Roe", "This operation shows the link between illegal firearms and the drugs trade.")
    ]
    text = (
        "\u201cThe harbour will reopen on schedule for every vessel,\u201d said Port Director "
        "Helena Brandt.\n\n\u201cWe have worked through the night with the crews to clear it."
        "\n\nThe port closed on Monday after the storm."
    )
    assert [q for _, q in quotes(nlp, text)] == [
        "The harbour will reopen on schedule for every vessel,",
        "We have worked through the night with the crews to clear it.",
    ]


def test_assured_and_restated_report_speech_but_assuring_safety_does_not(nlp):
    text = (
        "\u201cThe harbour has proven to be an important partner for the whole region,\u201d "
        "Gen. Jane Roe assured.\n\nRoe restated her commitment to the peace process. "
        "The troops assured the safety of the convoy."
    )
    found = {(s.speaker.name, s.kind, s.cue) for s in extracted(nlp, text).statements}
    assert found == {("Jane Roe", "direct", "assured"), ("Jane Roe", "indirect", "restated")}


def test_the_second_half_of_a_claim_hung_on_the_speech_verb_is_reported_too(nlp):
    text = (
        "Harbour Bank Governor Jane Roe says the region can expect inflation to rise, but "
        "unemployment to fall past its current low of 5.3 per cent.\n\n"
        "Prime Minister Tomas Ruiz said he wanted reforms not for his own interest but for "
        "ensuring fair and transparent elections in the country.\n\n"
        "Roe said the bridge would reopen in May, but the council rejected the plan."
    )
    assert {content for _, content in reported(nlp, text)} == {
        "the region can expect inflation to rise, but unemployment to fall past its current "
        "low of 5.3 per cent",
        "he wanted reforms not for his own interest but for ensuring fair and transparent "
        "elections in the country",
        "the bridge would reopen in May",  # the council's rejection is the reporter's
    }


def test_a_hard_wrapped_text_is_read_as_sentences_not_as_lines(nlp):
    text = (
        "By Jane Roe\n"
        "HARBOURTOWN Oct 10 A judge sentenced the former harbour\n"
        "master Tomas Ruiz to ten years in prison for bribery on\n"
        "Thursday, one of the longest such sentences ever handed to\n"
        "an official of the port, in a case that shook the town.\n"
        "Judge Ana Kovac granted the term sought by the prosecutors,\n"
        "who said the bribes had cost the port millions of dollars.\n"
        '"He chose to waste his talents on his own enrichment and\n'
        'that of his friends," the judge added in her ruling today.\n'
        "Ruiz, 43, had been a rising star of the town council.\n"
    )
    assert [s for s, _ in quotes(nlp, text)] == ["Ana Kovac"]
    assert fold_text(text).text.count("\n") < text.count("\n")
    assert fold_text("Short lines\nare kept\nas they are.\n").text.count("\n") == 3


def test_the_statement_said_is_its_authors(nlp):
    text = (
        "The Harbour Police Service said in a statement that officers seized six tonnes of "
        "cocaine on Monday.\n\nTwo of the boats were found near the port.\n\n"
        "\u201cThe operation took three months of work,\u201d the Harbour Police Service said."
        "\n\nSmuggler Tomas Ruiz ran the boats from the port.\n\n"
        "The statement also said the crews of the boats were arrested."
    )
    # (the body that issued it, not the person named since)
    assert ("Harbour Police Service", "the crews of the boats were arrested") in reported(nlp, text)


def test_who_said_in_a_relative_clause_and_clarified_report_speech(nlp):
    text = (
        "The bill was opposed by Senator Ana Kovac, who said that it would raise taxes.\n\n"
        "Earlier, Speaker Tomas Ruiz clarified that there were requests from members to "
        "attend the sitting today.\n\n"
        "The troops recovered arms, Coordinator Maj. Gen. John Roe, who disclosed this "
        "yesterday in the capital at the headquarters, told reporters."
    )
    assert set(reported(nlp, text)) == {
        ("Ana Kovac", "it would raise taxes"),
        ("Tomas Ruiz", "there were requests from members to attend the sitting today"),
        ("John Roe", "The troops recovered arms"),  # what he told reporters
    }  # not "this" ("disclosed this": what it refers to was said before)


def test_told_an_outlet_in_a_message_reports_nothing_by_itself(nlp):
    text = (
        "Gunmen stormed the studio on Tuesday. Station editor Jane Roe told the Harbour Times "
        'in a message. "We were able to hide," Roe said.'
    )
    # Whom she told and how are not what she said.
    assert reported(nlp, text) == [("Jane Roe", "We were able to hide,")]


def test_a_quote_inside_a_reported_clause_with_words_of_its_own_is_both(nlp):
    text = (
        "In an interview at the harbour, Admiral Jane Roe said the drills were part of a "
        'response to "a more assertive northern neighbour."\n\n'
        'The treaty, Roe said, "applies to every vessel in the strait."'
    )
    found = {(s.kind, text[s.text_start : s.text_end]) for s in extracted(nlp, text).statements}
    # The quoted words are a statement, and so is the clause that says more around them; a
    # quote that is the whole predicate ("The treaty ... applies to") is a quote only.
    assert found == {
        ("direct", "a more assertive northern neighbour."),
        ("mixed", 'the drills were part of a response to "a more assertive northern neighbour'),
        ("direct", "applies to every vessel in the strait."),
    }


def test_the_office_a_person_was_named_with_stands_for_them(nlp):
    text = (
        "HARBOURTON - Port Administrator Jane Roe briefed the media this morning.\n\n"
        '"We are seeing some barges that may have broken loose from their moorings," said the '
        "Administrator."
    )
    assert quotes(nlp, text) == [
        ("Jane Roe", "We are seeing some barges that may have broken loose from their moorings,")
    ]


def test_an_ambassador_to_a_body_then_the_name_is_the_speaker(nlp):
    text = (
        '"For the third time this year, this council had no choice but to act," Britain\'s '
        "Deputy Ambassador to the UN Peter Walsh said."
    )
    assert quotes(nlp, text) == [
        ("Peter Walsh", "For the third time this year, this council had no choice but to act,")
    ]


def test_a_quote_after_the_same_speakers_reported_paragraph_continues_their_words(nlp):
    text = (
        '"This council had no choice but to take decisive action," Ambassador Jane Roe said.\n\n'
        "The measures would cut off the revenue of the regime, Roe added.\n\n"
        '"Let me be clear: the choice on the way forward is theirs alone to make."'
    )
    assert [speaker for speaker, _ in quotes(nlp, text)] == ["Jane Roe", "Jane Roe"]


def test_a_clause_around_a_quote_of_the_same_words_is_kept_beside_it(nlp):
    text = (
        "Governor Jane Roe declared a state of emergency on Thursday. She called on the police "
        "to reclaim public spaces “that have been attacked and controlled by organized crime "
        "and its gangs”.\n\n"
        "On the 26th, Roe stated in a radio interview that “we destroyed a significant site "
        "from which boats were leaving” two days earlier, while talking about the patrols."
    )
    found = [(s.kind, text[s.text_start : s.text_end]) for s in extracted(nlp, text).statements]
    # The call on the police says more than its quoted words; the interview's clause is the
    # quote and when it was said, nothing more (NOTES rule 6).
    assert [kind for kind, words in found if "reclaim" in words or "attacked" in words] == [
        "direct",
        "mixed",
    ]
    assert [kind for kind, words in found if "destroyed" in words] == ["direct"]


def test_a_line_quoted_first_and_again_inside_the_whole_answer_is_two_quotes(nlp):
    text = (
        'Spokesman Jane Roe said: "We have no sign that the raiders are going to stop these '
        'attacks."\n\n'
        "Asked about the blast, Roe answered, “This has become a real threat in a vital "
        "waterway. We have no sign that the raiders are going to stop these attacks. It is "
        "important that they stop immediately.”"
    )
    found = [words for speaker, words in quotes(nlp, text)]
    assert found == [
        "We have no sign that the raiders are going to stop these attacks.",
        "This has become a real threat in a vital waterway. We have no sign that the raiders "
        "are going to stop these attacks. It is important that they stop immediately.",
    ]


def test_a_quote_after_a_paragraph_only_naming_the_last_speaker_is_not_theirs(nlp):
    text = (
        '"I have signed more than six hundred bills into law this session," said Governor '
        "Jane Roe.\n\n"
        "Governor Roe has signed 606 bills and vetoed eight of them.\n\n"
        'Other bills have been "held by the governor for review" until the next session.'
    )
    assert [words for _, words in quotes(nlp, text)] == [
        "I have signed more than six hundred bills into law this session,"
    ]


def test_a_quote_after_adding_is_a_statement_of_its_own(nlp):
    text = (
        "Attorney General Jane Holt said Tomas Roe is alleged to have trafficked in drugs that "
        '"tear at the fabric of society and draw the innocent away from safe lives," adding: '
        '"Those who violate our drug laws should never believe they are beyond the reach of '
        'justice."'
    )
    found = quotes(nlp, text)
    assert len(found) == 2, found
    assert {speaker for speaker, _ in found} == {"Jane Holt"}
    assert found[0][1].startswith("tear at the fabric") and "Those who" not in found[0][1]


def test_a_claim_before_its_speaker_and_a_place_is_what_was_said(nlp):
    text = (
        "The State Department is designating two criminal groups as foreign terrorist "
        "organizations, Secretary of State Mara Lindqvist announced in the capital, Quito, on "
        "Thursday."
    )
    found = reported(nlp, text)
    assert found, found
    speaker, content = found[0]
    assert speaker == "Mara Lindqvist"
    assert content.startswith("The State Department is designating")
    assert "Quito" not in content


def test_speech_in_single_marks_is_quoted_and_apostrophes_are_not_marks(nlp):
    text = (
        "'This newly unsealed complaint reveals a plot against the harbour,' said Attorney "
        "General Jane Holt. 'Thanks to the officers' diligence, it was stopped.'\n\n"
        "'With today's complaint, people can see the results of months of work,' said "
        "Director Tomas Roe."
    )
    found = quotes(nlp, text)
    assert ("Jane Holt", "This newly unsealed complaint reveals a plot against the harbour,") in (
        found
    )
    assert ("Jane Holt", "Thanks to the officers' diligence, it was stopped.") in found
    assert (
        "Tomas Roe",
        "With today's complaint, people can see the results of months of work,",
    ) in (found)


def test_a_speech_noun_inside_a_quote_is_not_its_owners_statement(nlp):
    text = (
        "\"The Treasury will continue to execute on President Ana Kovac's pledge to put the "
        'country first by cracking down on violent organizations," said Secretary Tomas Roe.'
    )
    found = extracted(nlp, text).statements
    assert [s.speaker.name for s in found] == ["Tomas Roe"]


def test_a_claim_before_a_titled_speaker_the_parser_lost_is_reported(nlp):
    text = (
        "The measures from the Treasury Department's Office of Foreign Assets Control are "
        "aimed at stifling a network known for sending drugs across the border to Dallas and "
        "Houston, as well as to other cities including Chicago and Atlanta, Treasury "
        "Secretary Janet Yellen said."
    )
    found = reported(nlp, text)
    assert [speaker for speaker, _ in found] == ["Janet Yellen"]
    assert found[0][1].startswith("The measures") and found[0][1].endswith("Atlanta")


def test_a_body_named_again_by_one_word_of_its_name_speaks(nlp):
    text = (
        "The measures come from the US Treasury Department's Office of Foreign Assets "
        "Control.\n\nThe participants then pay money to the cartel, the Treasury said in a "
        "statement. The sanctions target key lieutenants whom Treasury said had meaningfully "
        "engaged in the drug trade. The U.S. says it has sanctioned 180 officials."
    )
    found = reported(nlp, text)
    assert ("US Treasury Department", "The participants then pay money to the cartel") in found
    assert ("US Treasury Department", "had meaningfully engaged in the drug trade") in found
    assert len(found) == 2  # "The U.S." is a country, not the department


def test_according_to_an_office_and_its_holder_is_the_holder(nlp):
    text = (
        'The agency seized enough fentanyl "to kill everyone in the whole country," according '
        "to DEA Administrator Anne Roe, including 10,000 pounds of powder."
    )
    assert [speaker for speaker, _ in quotes(nlp, text)] == ["Anne Roe"]


def test_the_agency_is_the_body_named_before_a_long_quote(nlp):
    text = (
        "The Drug Enforcement Administration seized a record amount of fentanyl this year.\n\n"
        '"In the past year, our agents worked to seize record amounts," Anne Roe said in a '
        'statement. "These seizures reflect our commitment to pursue the traffickers. We '
        'will not stop."\n\n'
        'The agency noted that the pills are frequently "made to look identical to real '
        'prescription medications but only contain filler."'
    )
    found = quotes(nlp, text)
    assert (
        "Drug Enforcement Administration",
        "made to look identical to real prescription medications but only contain filler.",
    ) in found


def test_a_question_whether_is_no_reported_claim(nlp):
    text = (
        "Defense Secretary Pete Roe did not say whether the survivor was rescued. He said "
        "that the strike hit a vessel carrying drugs."
    )
    found = reported(nlp, text)
    assert found == [("Pete Roe", "the strike hit a vessel carrying drugs")]


def test_what_a_speaker_says_they_asked_is_the_statement_not_a_second_one(nlp):
    text = (
        "Mexican President Ana Kovac said on Tuesday that she asked the foreign affairs "
        "secretary and the navy to meet with the ambassador to discuss the latest strike."
    )
    found = reported(nlp, text)
    assert found == [
        (
            "Ana Kovac",
            "she asked the foreign affairs secretary and the navy to meet with the ambassador "
            "to discuss the latest strike",
        )
    ]


def test_what_a_speaker_described_as_something_is_part_of_the_claim(nlp):
    text = (
        "President Ana Kovac said Tuesday that the navy struck a vessel in the southern sea "
        "carrying what she described as a drug shipment."
    )
    assert reported(nlp, text) == [
        (
            "Ana Kovac",
            "the navy struck a vessel in the southern sea carrying what she described as a drug "
            "shipment",
        )
    ]


def test_the_bodys_chief_is_the_person_named_before_and_a_spokesman_the_body(nlp):
    text = (
        "Defense Secretary Pete Roe announced the strike on Tuesday.\n\n"
        "The Pentagon chief said he watched the attack live from the command center.\n\n"
        "A Pentagon spokesman said the vessel carried three tons of cocaine."
    )
    found = dict((content[:8], speaker) for speaker, content in reported(nlp, text))
    assert found["he watch"] == "Pete Roe"
    assert found["the vess"] == "Pentagon"


def test_a_claim_before_according_to_at_the_end_is_reported(nlp):
    text = (
        "The Treasury Department announced new sanctions on Monday.\n\n"
        "The Lobo Cartel, a violent and powerful cartel, is responsible for trafficking drugs "
        "into the country, according to the Treasury Department."
    )
    found = reported(nlp, text)
    assert (
        "Treasury Department",
        "The Lobo Cartel, a violent and powerful cartel, is responsible for trafficking drugs "
        "into the country",
    ) in found
