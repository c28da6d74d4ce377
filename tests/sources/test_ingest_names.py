"""Names: what is not a person or organisation, and one record per actor (entities.py,
name_shapes.py, operations.py), on texts of our own."""

from sources.ingest.extract import extract
from sources.ingest.name_merges import surname_keys
from sources.ingest.org_forms import canonical_org_key, spells
from sources.ingest.textnorm import fold_text


def run(nlp, text):
    folded = fold_text(text)
    return extract(nlp(folded.text), folded, text, published=None)


def names(ex, label):
    return {e.name for e in ex.entities if e.label == label}


def test_storms_ships_events_and_places_are_not_people_or_organisations(nlp):
    text = (
        "Hurricane Nadia flooded the coast. Nadia weakened on Sunday.\n\n"
        "The crew of the cutter Mary Ellis seized the cargo.\n\n"
        "The delegates met at the Harbour Security Conference and at Lakeside Field."
    )
    ex = run(nlp, text)
    found = names(ex, "PERSON") | names(ex, "ORG")
    assert not found & {"Nadia", "Mary Ellis", "Harbour Security Conference", "Lakeside Field"}


def test_an_abbreviated_rank_alone_is_not_an_organisation(nlp):
    text = (
        '"The patrol was a success," said Rear Adm. Tomas Ruiz, the district commander. '
        '"We will be back," said Lt. Col. Ana Kovac.'
    )
    ex = run(nlp, text)
    assert not (names(ex, "ORG") | names(ex, "PERSON")) & {"Rear Adm.", "Lt. Col.", "Adm."}
    assert {"Tomas Ruiz", "Ana Kovac"} <= names(ex, "PERSON")


def test_abbreviated_police_ranks_make_the_name_a_person_even_when_it_is_a_city(nlp):
    text = (
        "Police deputy spokesperson Supt. Lina Madrid said the raids began in December.\n\n"
        '"We arrested 53 suspects in these operations," Madrid said.\n\n'
        "Det. Ana Cruz of the city police said the suspects resisted."
    )
    ex = run(nlp, text)
    assert {"Lina Madrid", "Ana Cruz"} <= names(ex, "PERSON")
    assert not names(ex, "ORG") & {"Lina Madrid"}
    assert {s.speaker.name for s in ex.statements} == {"Lina Madrid", "Ana Cruz"}


def test_a_region_named_by_its_direction_is_not_an_organisation(nlp):
    text = (
        "The cases cover crime rings operating in the Eastern, Southern, and Midwest regions "
        "of the country and throughout the Pacific Northwest, the Harbour Police Department said."
    )
    ex = run(nlp, text)
    found = names(ex, "ORG") | names(ex, "PERSON")
    assert not found & {"Eastern", "Southern", "Midwest", "Pacific Northwest"}
    assert "Harbour Police Department" in names(ex, "ORG")


def test_a_name_the_text_gives_a_ship_is_not_an_actor_anywhere_in_it(nlp):
    text = (
        "The crew of the Coast Guard Cutter Resolute offloaded 900 kilograms of cocaine in "
        "Miami on Friday. The Resolute's crew seized the drugs in the Caribbean, said Capt. "
        'Ana Kovac.\n\n"Resolute crew members did outstanding work," Kovac said.'
    )
    ex = run(nlp, text)
    assert not {n for n in names(ex, "ORG") | names(ex, "PERSON") if "Resolute" in n}
    assert "Coast Guard" in names(ex, "ORG")


def test_a_common_noun_opening_a_quoted_sentence_is_not_an_organisation(nlp):
    text = (
        '"Anger is growing in every district. Anger will fill the streets of the capital," '
        "said Mayor Ana Kovac of the Harbour Party."
    )
    assert "Anger" not in names(run(nlp, text), "ORG") | names(run(nlp, text), "PERSON")


def test_a_category_after_an_is_not_a_person(nlp):
    text = (
        "A shipping firm is suing the Finance Ministry after the agency blocked a payment "
        "involving an alleged Specially Designated Global Terrorist, according to court records."
    )
    assert not {n for n in names(run(nlp, text), "PERSON") if "Designated" in n}


def test_a_possessive_after_a_collective_noun_stays_inside_the_name(nlp):
    orgs = names(
        run(nlp, "Police detained leader Yaw Osei Boateng from the Guinea People's Party (PPG)."),
        "ORG",
    )
    assert "Guinea People's Party" in orgs
    assert not orgs & {"Guinea People", "Party"}


def test_a_full_name_tagged_an_organisation_is_the_person_its_surname_names(nlp):
    text = (
        "At least one man was critically wounded, according to Mamadou Sire Keita at the "
        'emergency room at Kati hospital.\n\n"He was shot in the stomach. He is bleeding but we '
        'do not have the means to treat him," Sire Keita said.'
    )
    ex = run(nlp, text)
    assert "Mamadou Sire Keita" in names(ex, "PERSON")
    assert "Mamadou Sire Keita" not in names(ex, "ORG")


def test_a_dateline_fused_with_an_organisation_is_cut_from_its_name(nlp):
    text = "MIAMI - Harbour Police Department agents said the port was closed."
    orgs = names(run(nlp, text), "ORG")
    assert "Harbour Police Department" in orgs
    assert not {o for o in orgs if "MIAMI" in o}


def test_a_byline_names_its_author(nlp):
    text = "Floods Close the Valley Road\n\nBy Sgt. Maria Olsen\n\nThe road was closed on Monday."
    assert "Maria Olsen" in names(run(nlp, text), "PERSON")


def test_a_dateline_is_not_an_organisation(nlp):
    text = "RIVERTON, Ore. - The county sheriff's office said the bridge would reopen."
    assert "RIVERTON" not in names(run(nlp, text), "ORG")


def test_a_surname_after_a_suffixed_full_name_is_the_same_person(nlp):
    text = (
        "Defense Minister Paul R. Hendricks Jr. visited the base. "
        "Hendricks said the troops were ready."
    )
    people = {e.name: e for e in run(nlp, text).entities if e.label == "PERSON"}
    assert set(people) == {"Paul R. Hendricks Jr."}


def test_surname_forms_skip_suffixes_and_keep_compound_surnames():
    assert surname_keys("lloyd k marsh iii")[0] == "marsh"
    assert "garcia lopez" in surname_keys("ana maria garcia lopez")
    assert "de vries" in surname_keys("piet de vries")


def test_an_acronym_spells_initials_or_syllables_of_a_name():
    assert spells("BOP", "Bureau of Prisons")
    assert spells("NAVCOM", "U.S. Naval Command")
    assert spells("JTF", "Joint Task Force")
    assert spells("USCG", "U.S. Coast Guard")  # the full stops are no letters
    assert not spells("ABC", "Department of Health")


def test_department_of_x_and_x_department_are_one_organisation():
    assert canonical_org_key("Department of Agriculture") == canonical_org_key(
        "Agriculture Department"
    )
    assert canonical_org_key("ACME Omaha Division") == canonical_org_key("Omaha Division")
    assert canonical_org_key("Drugs & Organised Crime Bureau") == canonical_org_key(
        "Drugs and Organised Crime Bureau"
    )


def test_an_organisation_spelled_out_before_a_long_acronym_is_one_record(nlp):
    text = (
        "Leaders met at U.S. Northern Command (NORTHCOM) on Friday. "
        "NORTHCOM hosts the meeting every year."
    )
    orgs = {e.name: e for e in run(nlp, text).entities if e.label == "ORG"}
    assert len(orgs) == 1
    assert "NORTHCOM" in next(iter(orgs.values())).aliases


def test_a_headline_verb_does_not_join_an_operation_name(nlp):
    text = (
        "Operation Iron Gate Sweeps the Border\n\n"
        "Agents in Operation Iron Gate arrested 12 people on Tuesday."
    )
    ex = run(nlp, text)
    assert [op.name for op in ex.operations] == ["Operation Iron Gate"]


def test_a_gang_named_like_a_person_is_an_organisation(nlp):
    text = "Police said the Rivera Cartels controlled the port. The Rivera Cartels denied it."
    ex = run(nlp, text)
    assert "Rivera Cartels" not in names(ex, "PERSON")


def test_an_unnamed_operation_is_named_by_its_description(nlp):
    text = (
        "Officials confirmed an aerial strike on a fuel depot near Port Sable on Friday. "
        "The commander said the strike destroyed three tanks."
    )
    ops = run(nlp, text).operations
    assert [op.name for op in ops] == ["Aerial strike on a fuel depot near Port Sable"]


def test_a_common_noun_opening_a_sentence_is_not_a_name(nlp):
    text = "Police seized more heroin this year. Heroin seizures rose by a third, police said."
    assert "Heroin" not in names(run(nlp, text), "PERSON") | names(run(nlp, text), "ORG")


def test_a_ship_after_a_navy_is_cut_from_the_organisation(nlp):
    text = "The Royal Navy HMS Kestrel seized the cargo off the coast on Monday."
    assert not any("Kestrel" in name for name in names(run(nlp, text), "ORG"))


def test_a_name_with_a_lower_case_particle_is_one_person(nlp):
    text = "The lawyer, João dos Santos, said the papers were filed. Santos left at noon."
    assert "João dos Santos" in names(run(nlp, text), "PERSON")
    assert "João" not in names(run(nlp, text), "PERSON")


def test_aka_makes_the_second_name_an_alias(nlp):
    text = "Prosecutors charged Marco Bellini, aka Franco Russo, with extortion on Monday."
    people = {e.name: e for e in run(nlp, text).entities if e.label == "PERSON"}
    assert len(people) == 1
    assert "Franco Russo" in next(iter(people.values())).aliases


def test_a_misspelt_given_name_is_the_same_person(nlp):
    text = (
        "President Nicolas Varga met the envoy. Critics said Nikolas Varga had ignored them. "
        "Varga did not answer."
    )
    assert len(names(run(nlp, text), "PERSON")) == 1


def test_an_occupation_before_a_name_makes_it_a_person(nlp):
    text = "French swimming sensation Marcel Aubin won four medals in Paris."
    assert "Marcel Aubin" in names(run(nlp, text), "PERSON")


def test_chants_and_games_are_not_organisations(nlp):
    text = (
        'The fans chanted "Go Rovers! Beat United!" before the Rovers-United football game. '
        "The Rovers Football Club said tickets were sold out."
    )
    orgs = names(run(nlp, text), "ORG")
    assert not orgs & {"Go Rovers", "Beat United", "Rovers-United"}


def test_an_operation_written_without_its_first_word_is_the_same_operation(nlp):
    text = "Operation Silver Harbor began in May. By June, Silver Harbor had cleared the port."
    ops = run(nlp, text).operations
    assert [op.name for op in ops] == ["Operation Silver Harbor"]
    assert ops[0].aliases == {"Silver Harbor"}
    assert len(ops[0].mentions) == 2


def test_a_place_followed_by_its_region_is_not_an_actor(nlp):
    text = "The surfer rode a huge wave in Teahupoo, Tahiti, on the last day."
    found = names(run(nlp, text), "PERSON") | names(run(nlp, text), "ORG")
    assert "Teahupoo" not in found


def test_an_age_before_a_name_makes_it_a_person(nlp):
    text = '"We lost everything in the fire," said 27-year-old Selin Arkan.'
    assert "Selin Arkan" in names(run(nlp, text), "PERSON")


def test_a_possessive_is_not_the_start_of_a_name(nlp):
    text = (
        "Ana Lopez, the most decorated U.S. women’s Olympic swimmer, celebrates a record–setting"
        " gold medal performance."
    )
    names = [e.name for e in run(nlp, text).entities]
    assert not any(name.startswith(("’", "'")) for name in names)


def test_a_rating_is_a_title_not_a_person_or_an_organisation(nlp):
    text = (
        "The crew includes Sonar Technician (Surface) 3rd Class Peter Osgood and Mass "
        "Communication Specialist 1st Class Rosa Lindqvist. Seaman Liam Farnsworth waved."
    )
    ex = run(nlp, text)
    found = names(ex, "PERSON") | names(ex, "ORG")
    assert {"Peter Osgood", "Rosa Lindqvist", "Liam Farnsworth"} <= names(ex, "PERSON")
    assert not {n for n in found if "Technician" in n or "Specialist" in n or "Seaman" in n}


def test_a_surname_after_a_title_is_a_person_when_the_model_misses_it(nlp):
    # The small model tags most surnames after a title, but not this one.
    text = (
        "Director Wray noted that the agency hired more staff this year. "
        '"Our people are the best in the service," Director Wray said.'
    )
    ex = run(nlp, text)
    assert "Wray" in names(ex, "PERSON")
    assert [s.speaker.name for s in ex.statements] == ["Wray", "Wray"]


def test_a_person_and_a_body_s_office_in_apposition_is_a_person(nlp):
    text = (
        "The group, which included Lena Brandt, the Treasury Department's assistant secretary "
        "for sanctions, and Matt Orlov, the Bureau of Industry and Security's assistant "
        "secretary for export enforcement, met officials in the country."
    )
    ex = run(nlp, text)
    assert {"Lena Brandt", "Matt Orlov"} <= names(ex, "PERSON")
    assert "Matt Orlov" not in names(ex, "ORG")


def test_a_body_its_unit_word_and_a_place_are_one_body(nlp):
    text = "Cmdr. Ruth Ames, Coast Guard Sector Miami chief of response, spoke on Friday."
    ex = run(nlp, text)
    assert "Coast Guard Sector Miami" in names(ex, "ORG")


def test_a_name_joined_to_a_place_is_a_place(nlp):
    text = (
        "Agent Rosa Lind heads the Dallas office and the offices under it, such as San Angelo "
        "and Wichita Falls."
    )
    ex = run(nlp, text)
    assert "Wichita Falls" not in names(ex, "PERSON") | names(ex, "ORG")


def test_a_name_with_and_without_its_middle_initial_is_one_person(nlp):
    text = (
        "Hal Brennick confirms the border will reopen\n\n"
        "Transport Secretary Hal J. Brennick on Friday confirmed that the border would reopen. "
        '"We have worked hard for this day," Brennick said.'
    )
    ex = run(nlp, text)
    people = [e for e in ex.entities if e.label == "PERSON"]
    assert [p.name for p in people] == ["Hal J. Brennick"]
    assert "Hal Brennick" in people[0].aliases


def test_two_different_middle_names_are_two_people(nlp):
    text = "Maria Elena Ruiz met Maria Teresa Ruiz in Lima on Monday."
    ex = run(nlp, text)
    assert {"Maria Elena Ruiz", "Maria Teresa Ruiz"} <= names(ex, "PERSON")


def test_drugs_listed_with_capitals_are_not_actors(nlp):
    text = (
        "Agents seized over 100 kilograms of Heroin, Meth, Cocaine and Marijuana, said Sheriff "
        "Dana Whitlock."
    )
    ex = run(nlp, text)
    assert not (names(ex, "PERSON") | names(ex, "ORG")) & {"Heroin", "Cocaine", "Marijuana"}


def test_where_a_body_sits_and_a_determiner_are_not_part_of_its_name(nlp):
    text = (
        "Staff should avoid the area and the vicinity of the Ministry of Defense in Sana'a, the "
        'embassy said. "As the mayor has said, this Department of Transport is devoted to '
        'safety," said Transport Secretary Ina Marsh.'
    )
    ex = run(nlp, text)
    assert {"Ministry of Defense", "Department of Transport"} <= names(ex, "ORG")


def test_a_person_with_an_office_of_a_body_s_unit_in_apposition_is_a_person(nlp):
    text = (
        "\u201cMisleading people to steal their money and destroy their dreams crosses the "
        "line,\u201d said Jessica Rich, Director of the FTC\u2019s Bureau of Consumer "
        "Protection. \u201cThe FTC is here to protect people from just these kinds of scams.\u201d"
    )
    ex = run(nlp, text)
    assert "Jessica Rich" in names(ex, "PERSON")


def test_a_legal_form_after_a_comma_belongs_to_the_company(nlp):
    text = "The complaint against Wise Media, LLC, Brian Buckley and Wes Deloney was filed."
    ex = run(nlp, text)
    assert "Wise Media, LLC" in names(ex, "ORG") and "LLC" not in names(ex, "ORG")
    kinds = {e.name: e.kind for e in ex.entities if e.label == "ORG"}
    assert kinds["Wise Media, LLC"] == "company"


def test_a_scheme_called_an_operation_is_not_one(nlp):
    text = (
        "The commission sued to shut down an operation that allegedly took in millions of "
        "dollars from charges on phone bills."
    )
    assert run(nlp, text).operations == []


def test_every_author_of_a_byline_is_a_person(nlp):
    text = "Harbour reopens\n\nBy Olga Marenko and Ivo Pirlaski\n\nThe harbour reopened on Tuesday."
    assert {"Olga Marenko", "Ivo Pirlaski"} <= names(run(nlp, text), "PERSON")


def test_a_body_cut_before_and_is_completed_up_to_its_acronym(nlp):
    text = (
        "U.S. Immigration and Customs Enforcement (ICE) announced the arrests on Thursday in a "
        "mandate that is Congressionally required."
    )
    ex = run(nlp, text)
    assert "U.S. Immigration and Customs Enforcement" in names(ex, "ORG")
    assert not names(ex, "ORG") & {"U.S. Immigration", "Congressionally"}


def test_a_hyphenated_modifier_stays_whole_in_a_described_operation(nlp):
    text = (
        "The agency announced the conclusion of a week-long targeted enforcement operation that "
        "resulted in the arrest of 170 people."
    )
    (operation,) = run(nlp, text).operations
    assert operation.name.startswith("Week-long")


def test_a_person_followed_by_a_place_and_an_office_is_a_person(nlp):
    text = (
        "The crew of USS Minneapolis-Saint Paul made the seizure.\n\n"
        "\u201cWe train diligently and stand ready,\u201d said Commander Steven Fresk, "
        "Minneapolis-Saint Paul commanding officer.\n\n"
        "Commander Walter Krollner, Tampa commanding officer, said the week was a success."
    )
    ex = run(nlp, text)
    assert {"Steven Fresk", "Walter Krollner"} <= names(ex, "PERSON")
    assert "Saint Paul" not in names(ex, "PERSON")  # the ship USS Minneapolis-Saint Paul


def test_ships_listed_after_a_plural_are_not_people(nlp):
    text = (
        "Participating in the operations were personnel aboard the cutters Mohawk, Sherman, "
        "Spencer and Stratton, said Capt. Nathan Moore, commanding officer of the Stratton."
    )
    ex = run(nlp, text)
    assert not (names(ex, "PERSON") | names(ex, "ORG")) & {"Sherman", "Spencer", "Stratton"}


def test_a_full_name_after_a_rank_that_the_model_missed_is_a_person(nlp):
    text = (
        "\u201cThe Waesche crew faced numerous challenges during this patrol,\u201d Capt. Tyson "
        "Scofield, commanding officer of the Coast Guard Cutter Waesche, said."
    )
    ex = run(nlp, text)
    assert "Tyson Scofield" in names(ex, "PERSON")
    assert not {n for n in names(ex, "PERSON") if "Cutter" in n}


def tagged(nlp, text, *spans):
    """`text` parsed, with the model's entities replaced by (first token, end, label): the
    model's mistakes seen on real articles, made on a text of our own."""
    from spacy.tokens import Span

    doc = nlp(text)
    doc.ents = [Span(doc, start, end, label=label) for start, end, label in spans]
    return doc


def test_a_spaced_dateline_dash_is_cut_but_a_hyphenated_name_is_whole(nlp):
    from sources.ingest.candidates import clean_mention

    doc = tagged(nlp, "By Jane Roe JTF-Delta Public Affairs", (3, 8, "ORG"))
    assert clean_mention(doc.ents[0], "ORG").text == "JTF-Delta Public Affairs"
    doc = tagged(nlp, "MIAMI - Harbour Police said", (0, 4, "ORG"))
    assert clean_mention(doc.ents[0], "ORG").text == "Harbour Police"


def test_an_office_before_a_name_tagged_a_body_is_a_person_with_that_office(nlp):
    from spacy.tokens import Span

    from sources.ingest.candidates import split_office

    # The model tags "Administrator Power" an organisation in real readouts; set that here.
    doc = nlp("Administrator Gilda Varga met partners, and Administrator Varga announced aid.")
    for start, end in ((0, 3), (7, 9)):
        span, label = split_office(Span(doc, start, end, label="ORG"), "ORG")
        assert (span.text, label) in {("Gilda Varga", "PERSON"), ("Varga", "PERSON")}
    press = nlp("Press Association reporters")
    assert split_office(Span(press, 0, 2, label="ORG"), "ORG")[1] == "ORG"


def test_governments_of_countries_are_not_organisations(nlp):
    text = "The event was co-hosted by the Governments of Norway and Chile in Oslo."
    assert not {n for n in names(run(nlp, text), "ORG") if n.startswith("Government")}


def test_a_generic_body_word_alone_is_not_a_name(nlp):
    text = "Officials listed the Harbor Cartel, the Delta Gang and the Cartel as targets."
    assert "Cartel" not in names(run(nlp, text), "ORG") | names(run(nlp, text), "PERSON")


def test_a_place_after_in_or_near_is_not_a_person(nlp):
    from sources.ingest.candidates import context_votes

    doc = tagged(nlp, "Officers arrested him near his residence in Brindlewood.", (7, 8, "PERSON"))
    assert context_votes(doc.ents[0])["PLACE"] >= 2


def test_the_places_an_office_is_of_are_not_people(nlp):
    text = (
        "The governors of Lempira and Valle attended, as did the health directors of "
        "Intibuca and Ocotepeque."
    )
    people = names(run(nlp, text), "PERSON")
    assert not people & {"Lempira", "Valle", "Intibuca", "Ocotepeque"}


def test_an_agency_acronym_before_a_city_is_a_field_office_not_a_person(nlp):
    text = (
        "HSI Brookfield arrested the suspect. HSI Brookfield said the case is open, and "
        "HSI Brookfield will continue its work."
    )
    ex = run(nlp, text)
    assert "HSI Brookfield" in names(ex, "ORG")
    assert not names(ex, "PERSON")


def test_a_body_the_model_tagged_a_person_is_a_body_among_bodies_or_after_an_article(nlp):
    text = (
        "The department announced the designation of Tren del Llano, Mara Kelvana (MK-9), "
        "Cártel de Tamaulipas, Cártel del Oriente and Cárteles Aliados as terrorist groups. "
        "Officials said Los Hermanos Verdes was next."
    )
    ex = run(nlp, text)
    assert not names(ex, "PERSON") & {"Tren del Llano", "Mara Kelvana", "Los Hermanos Verdes"}
    assert "Cártel del Oriente" in names(ex, "ORG")  # not "... Oriente and"


def test_a_body_the_text_names_with_its_country_is_that_body_without_it(nlp):
    from sources.ingest.people_and_orgs import find_entities

    text = "The U.S. Border Watch found him, and Border Watch agents moved him."
    doc = tagged(nlp, text, (1, 4, "ORG"), (8, 10, "PERSON"))
    assert [e.name for e in find_entities(doc) if e.label == "PERSON"] == []


def test_a_units_number_and_ordinal_are_part_of_its_name(nlp):
    text = (
        "Roe is being reassigned to the 7th Fleet staff, while the deputy commodore of "
        "Destroyer Squadron 15 takes command. Soldiers of the 82nd Airborne Division deployed."
    )
    orgs = names(run(nlp, text), "ORG")
    assert {"7th Fleet", "Destroyer Squadron 15", "82nd Airborne Division"} <= orgs


def test_a_body_after_an_office_and_of_keeps_its_whole_name(nlp):
    text = "Ana Duarte, director of Human Rights Watch in Peru, called the raid a tragedy."
    ex = run(nlp, text)
    assert "Human Rights Watch" in names(ex, "ORG")
    assert names(ex, "PERSON") == {"Ana Duarte"}


def test_a_hyphened_acronym_is_the_spelled_out_body(nlp):
    text = (
        "Joint Task Force-Delta hosted local leaders at the base. JTF-Delta commander "
        "Col. Ines Marlow welcomed them."
    )
    ex = run(nlp, text)
    orgs = [e for e in ex.entities if e.label == "ORG"]
    assert [(o.name, o.aliases) for o in orgs] == [("Joint Task Force-Delta", {"JTF-Delta"})]


def test_a_department_named_before_an_office_keeps_its_whole_name(nlp):
    text = "The following readout was provided by Department of Commerce Spokesman Tom Reyes:"
    ex = run(nlp, text)
    assert "Department of Commerce" in names(ex, "ORG")
    assert [(r.title, r.organisation.name) for r in ex.roles] == [
        ("Spokesman", "Department of Commerce")
    ]


def test_a_service_unit_named_by_its_place_is_a_body(nlp):
    text = (
        "\u201cThe crews worked well together,\u201d said Cmdr. Lena Ortiz, Sector San Juan "
        "chief of response. Boats from Station Miami Beach helped."
    )
    assert {"Sector San Juan", "Station Miami Beach"} <= names(run(nlp, text), "ORG")


def test_a_signature_line_names_the_person_it_gives_an_office(nlp):
    text = (
        "Sanctions On Harbor Smugglers\n\n"
        "Dana Whitcomb, Secretary of State\n\n"
        "February 20, 2025\n\n"
        "Today, the department is designating three smuggling networks."
    )
    ex = run(nlp, text)
    assert "Dana Whitcomb" in names(ex, "PERSON")


def test_two_people_tagged_side_by_side_are_one_person_with_a_compound_surname(nlp):
    doc = tagged(
        nlp,
        "Attorney General Maria Luisa Ortega Vidal joined the meeting.",
        (2, 4, "PERSON"),
        (4, 6, "PERSON"),
    )
    from sources.ingest.people_and_orgs import find_entities

    assert [e.name for e in find_entities(doc)] == ["Maria Luisa Ortega Vidal"]


def test_a_person_named_after_their_body_is_not_a_place_an_office_is_of(nlp):
    text = (
        "The prosecutor joined Director of the Justice Department's Narcotics Task Force "
        "Aaron Lindqvist in Dallas today."
    )
    assert "Aaron Lindqvist" in names(run(nlp, text), "PERSON")


def test_a_judicial_district_is_a_place(nlp):
    from sources.ingest.name_shapes import is_not_an_actor

    # The model tags "Eastern District" a person in real releases; set that here.
    doc = tagged(nlp, "He was indicted in the Eastern District of Texas.", (5, 7, "PERSON"))
    assert doc.ents[0].text == "Eastern District"
    assert is_not_an_actor(doc.ents[0])


def test_a_places_office_before_a_name_tagged_a_body_is_a_person(nlp):
    from sources.ingest.candidates import split_office

    doc = tagged(nlp, "He was flanked by Roe Springs Mayor Ada Lindqvist.", (4, 9, "ORG"))
    span, label = split_office(doc.ents[0], "ORG")
    assert (span.text, label) == ("Ada Lindqvist", "PERSON")


def test_an_ordinal_before_a_court_is_part_of_its_name(nlp):
    text = "The 1st District Court of Appeal stayed the ruling on Monday."
    assert "1st District Court of Appeal" in names(run(nlp, text), "ORG")


def test_places_after_in_and_after_the_towns_of_are_not_bodies(nlp):
    from sources.ingest.candidates import context_votes

    doc = tagged(nlp, "He was last in Roe Springs on Saturday.", (4, 6, "ORG"))
    assert context_votes(doc.ents[0])["PLACE"] >= 2
    doc = tagged(nlp, "Aid went to the towns of Wenona and Amberly.", (6, 7, "ORG"))
    assert context_votes(doc.ents[0])["PLACE"] >= 2
    doc = tagged(nlp, "He spoke in Congress on Monday.", (3, 4, "ORG"))
    assert context_votes(doc.ents[0])["PLACE"] == 0


def test_a_body_cut_before_its_head_word_is_the_body_and_keeps_its_full_name(nlp):
    text = (
        "The Fisheries Protection Administration opened the case. The suspect surrendered "
        "to U.S. Fisheries Protection agents in May."
    )
    orgs = [e for e in run(nlp, text).entities if e.label == "ORG"]
    assert [o.name for o in orgs] == ["Fisheries Protection Administration"]


def test_a_surname_after_a_title_is_the_person_named_with_that_title(nlp):
    text = (
        "The president was joined by Gov. Dale Marsh and his wife, Ann Marsh.\n\n"
        "Gov. Marsh recalled the storm and said the town would be rebuilt."
    )
    people = {e.name: e.aliases for e in run(nlp, text).entities if e.label == "PERSON"}
    assert "Marsh" in people["Dale Marsh"]
    assert "Marsh" not in people["Ann Marsh"]


def test_a_surname_two_people_share_goes_to_the_first_named_in_every_run(nlp):
    # Without a rule the winner followed the hash order of a set: it changed between runs.
    def owner(first, second):
        text = (
            f"The visitors were {first} Roe and {second} Roe, who toured the town.\n\n"
            "Roe promised help to everyone who lost a home."
        )
        people = {e.name: e.aliases for e in run(nlp, text).entities if e.label == "PERSON"}
        return [name for name, aliases in people.items() if "Roe" in aliases]

    assert owner("Dana", "Ilse") == ["Dana Roe"]
    assert owner("Ilse", "Dana") == ["Ilse Roe"]


def test_a_body_name_split_at_its_and_is_one_body(nlp):
    doc = tagged(
        nlp,
        "On Monday, a CBP Air and Marine Operations aircrew found the boat.",
        (4, 6, "ORG"),
        (7, 9, "ORG"),
    )
    from sources.ingest.people_and_orgs import find_entities

    assert [e.name for e in find_entities(doc)] == ["CBP Air and Marine Operations"]


def test_a_lower_case_noun_after_a_body_is_no_part_of_its_name(nlp):
    from sources.ingest.name_shapes import trim_org

    doc = tagged(nlp, "He faced a U.S. Department of Justice immigration judge.", (3, 8, "ORG"))
    assert trim_org(doc.ents[0]).text == "U.S. Department of Justice"


def test_a_numbered_acronym_spells_the_body_it_names():
    from sources.ingest.org_forms import spells

    assert spells("MS-13", "Mara Salvatrucha")
    assert not spells("MS-13", "Mountain Rescue")


def run_tagged(nlp, text, *spans):
    """`run` on a text whose entities the model tagged as `spans` (see `tagged`)."""
    folded = fold_text(text)
    return extract(tagged(nlp, folded.text, *spans), folded, text, published=None)


def test_a_given_name_between_an_office_and_the_tagged_name_is_the_persons(nlp):
    text = "Alliance Secretary General Jonas Berg Halvorsen told reporters on Monday."
    ex = run_tagged(nlp, text, (0, 1, "ORG"), (4, 6, "PERSON"))  # "Jonas" left out
    assert names(ex, "PERSON") == {"Jonas Berg Halvorsen"}
    assert {r.title for r in ex.roles} == {"Secretary General"}


def test_a_name_tagged_from_the_second_word_of_an_office_is_the_person(nlp):
    text = (
        "Attorney General Whitfield today announced new grants. \u201cWe will fund every "
        "county in the state,\u201d said Attorney General Dana Whitfield."
    )
    ex = run_tagged(nlp, text, (1, 3, "ORG"), (22, 24, "PERSON"))  # "[General Whitfield]"
    assert names(ex, "PERSON") == {"Dana Whitfield"}
    assert not names(ex, "ORG")


def test_an_office_a_person_holds_is_no_organisation(nlp):
    from sources.ingest.name_shapes import ends_in_a_title

    text = "The Federal Coordinating Officer for the recovery is Jesse Varga."
    ex = run_tagged(nlp, text, (1, 4, "ORG"), (8, 10, "PERSON"))
    assert not names(ex, "ORG")
    doc = nlp("the Office of the Inspector General and the Associated Press")
    assert not ends_in_a_title(doc[1:6], "ORG")
    assert not ends_in_a_title(doc[8:10], "ORG")


def test_names_listed_after_the_states_of_are_places_whatever_the_model_tagged(nlp):
    text = (
        "Most of the violence was in the northern states of Baja Verde, Tamarind and Oroluna "
        "where the Oroluna cartel fights."
    )
    spans = (10, 12, "ORG"), (13, 14, "ORG"), (15, 16, "PERSON"), (18, 19, "ORG")
    ex = run_tagged(nlp, text, *spans)
    assert names(ex, "ORG") == {"Oroluna cartel"}
    assert not names(ex, "PERSON")


def test_a_unit_written_after_its_parent_department_is_one_record_with_the_unit(nlp):
    text = (
        "Agents of the U.S. Department of State Consular Security Service arrested a clerk. "
        "Consular Security Service agents had searched the records for months."
    )
    ex = run(nlp, text)
    units = [e for e in ex.entities if "Consular Security Service" in {e.name, *e.aliases}]
    assert len(units) == 1
    assert "U.S. Department of State Consular Security Service" in {
        units[0].name,
        *units[0].aliases,
    }


def test_an_acronym_in_brackets_after_a_body_is_its_even_in_another_language(nlp):
    text = (
        "Talks between the government and the Popular Liberation Army (EPL) ended.\n\n"
        "In a statement on its website, EPL said the attacks took place within a conflict."
    )
    ex = run(nlp, text)
    army = next(e for e in ex.entities if e.name == "Popular Liberation Army")
    assert "EPL" in army.aliases
    assert [s.speaker.name for s in ex.statements] == ["Popular Liberation Army"]


def test_a_name_after_a_bodys_possessive_is_its_reporter_not_a_body(nlp):
    text = "Harbour News\u2019s Ana Castellano, reporting from the capital, said the talks ended."
    ex = run_tagged(nlp, text, (0, 2, "ORG"), (3, 5, "ORG"))
    assert names(ex, "PERSON") == {"Ana Castellano"}
    ex = run_tagged(
        nlp,
        "The Harbour Agency\u2019s Budget Division said it had no funds.",
        (1, 3, "ORG"),
        (4, 6, "ORG"),
    )
    assert "Budget Division" in names(ex, "ORG")


def test_a_department_cut_from_what_it_is_of_is_one_body(nlp):
    text = "The Harbour Department of the Fisheries\u2019s Office of Net Control fined two boats."
    ex = run_tagged(nlp, text, (0, 3, "ORG"), (4, 12, "ORG"))  # "[Department] of [the ...]"
    assert names(ex, "ORG") == {"Harbour Department of the Fisheries", "Office of Net Control"}


def test_a_spaced_dash_after_a_name_opens_an_aside_and_a_letter_alone_is_no_name(nlp):
    text = "Agents honoured Enrique Roe - the officer killed in 1985. The photo went to X.\nRoe"
    ex = run_tagged(nlp, text, (2, 6, "PERSON"), (15, 17, "PERSON"))
    assert names(ex, "PERSON") == {"Enrique Roe"}


def test_a_body_of_a_list_of_things_keeps_the_last_item_after_its_comma_and_and(nlp):
    text = "said Director Dan Roe of the Bureau of Salt, Sugar, Spices, and Herbs (BSSH) today."
    ex = run_tagged(nlp, text, (2, 4, "PERSON"), (5, 13, "ORG"))  # cut before ", and Herbs"
    assert names(ex, "ORG") == {"Bureau of Salt, Sugar, Spices, and Herbs"}


def test_the_country_the_model_left_out_of_a_bodys_name_is_part_of_it(nlp):
    text = "He appeared today in U.S. District Court in Boston before a judge."
    ex = run_tagged(nlp, text, (4, 5, "GPE"), (5, 7, "ORG"), (8, 9, "GPE"))
    [court] = [e for e in ex.entities if e.label == "ORG"]
    assert court.name == "U.S. District Court" and "District Court" in court.aliases


def test_the_names_of_a_wire_credit_after_the_last_quote_are_people(nlp):
    text = (
        "Minister Ana Ruiz spoke in the capital on Monday.\n\n"
        "\u201cIt is a lie from start to finish,\u201d Ruiz added. (Reporting by Mara Lind; "
        "writing by Otto Brenner; editing by Ilse Varga)"
    )
    spans = [
        (1, 3, "PERSON"),
        (22, 23, "PERSON"),
        (28, 30, "PERSON"),
        (33, 35, "ORG"),
        (38, 40, "ORG"),
    ]
    ex = run_tagged(nlp, text, *spans)
    assert names(ex, "PERSON") == {"Ana Ruiz", "Mara Lind", "Otto Brenner", "Ilse Varga"}


def test_a_body_named_like_a_landform_is_a_place(nlp):
    text = "Ruiz went to Harbour Hill to ask for money and praised the Northern Highlands."
    ex = run_tagged(nlp, text, (0, 1, "PERSON"), (3, 5, "ORG"), (11, 14, "ORG"))
    assert not names(ex, "ORG")


def test_a_line_with_a_sentence_in_it_is_no_headline():
    from sources.ingest.candidates import is_headline

    assert is_headline("U.S. Navy Seizes Cocaine Near Harbour Island")
    assert not is_headline(
        "\u201cLies,\u201d Ruiz added. (Reporting by Mara Lind; Editing by Otto Brenner)"
    )


def test_a_place_the_model_tagged_that_ends_in_a_bodys_head_noun_is_a_body(nlp):
    text = "Leaders of the Harbour Cartel and the Northern State Police met in the Soviet Union."
    spans = (2, 5, "FAC"), (6, 10, "GPE"), (12, 15, "GPE")
    ex = run_tagged(nlp, text, *spans)
    assert names(ex, "ORG") == {"Harbour Cartel", "Northern State Police"}


def test_a_title_case_dateline_before_a_body_is_cut_at_its_dash(nlp):
    from sources.ingest.candidates import clean_mention

    text = "Port Roe - The Harbour Workers Union said the strike was over."
    doc = tagged(nlp, text, (0, 7, "ORG"))
    assert clean_mention(doc.ents[0], "ORG").text == "Harbour Workers Union"


def test_a_body_named_by_the_words_before_its_of_and_with_or_without_the_is_one_record(nlp):
    text = (
        "The Joint Force of Armed Movements repelled the attack. A spokesman for the Joint "
        "Force of the Armed Movements said the Joint Force had lost two vehicles."
    )
    ex = run(nlp, text)
    bodies = [e for e in ex.entities if e.label == "ORG"]
    assert len(bodies) == 1, [(e.name, e.aliases) for e in bodies]
    assert canonical_org_key("Bureau of the Budget") == canonical_org_key("Bureau of Budget")


def test_every_name_in_an_aka_bracket_is_an_alias_whatever_the_model_tagged(nlp):
    text = (
        'Prosecutors named Harbour Expo Joint Venture (a.k.a Bay Expo Joint Venture or "HXV") '
        "on Monday. HXV denied it."
    )
    spans = (2, 6, "ORG"), (8, 12, "ORG"), (14, 15, "PERSON"), (20, 21, "PERSON")
    ex = run_tagged(nlp, text, *spans)
    [body] = ex.entities
    assert {body.name, *body.aliases} >= {"Harbour Expo Joint Venture", "HXV"}


def test_a_body_named_again_by_its_countrys_possessive_or_ie_is_one_record(nlp):
    text = (
        "The government, including La Unidad de Inteligencia Aduanera, Mexico\u2019s Customs "
        "Intelligence Unit, worked with the Policia Nacional de Roelandia, i.e., the Roelandian "
        "National Police, on the case."
    )
    ex = run(nlp, text)
    bodies = sorted(len(e.aliases | {e.name}) for e in ex.entities if e.label == "ORG")
    assert len(bodies) == 2 and min(bodies) >= 2, [(e.name, e.aliases) for e in ex.entities]


def test_a_given_name_the_model_left_out_of_a_listed_name_is_the_persons(nlp):
    text = "The charges name Carlos Roe Vidal, Diego Fernando Ceron Munoz and Ana Ruiz."
    spans = (3, 6, "PERSON"), (8, 11, "PERSON"), (12, 14, "PERSON")  # "Diego" left out
    ex = run_tagged(nlp, text, *spans)
    assert names(ex, "PERSON") == {"Carlos Roe Vidal", "Diego Fernando Ceron Munoz", "Ana Ruiz"}


def test_laws_sums_of_money_plural_abbreviations_and_areas_are_not_organisations(nlp):
    text = (
        "The commission relied on Section 117 of the Criminal Procedure Code (CPC) and the "
        "House Surveillance Order to hold him."
    )
    assert not names(run(nlp, text), "ORG")
    text = "Police seized S$636,000 and two MPs left the Harbour Council."
    ex = run_tagged(nlp, text, (2, 3, "ORG"), (5, 6, "ORG"), (8, 10, "ORG"))
    assert names(ex, "ORG") == {"Harbour Council"}
    text = "Troops cleared Kirfi Local Government Area and the Harbour Council met."
    ex = run_tagged(nlp, text, (2, 6, "ORG"), (8, 10, "ORG"))
    assert names(ex, "ORG") == {"Harbour Council"}


def test_a_court_or_office_named_for_an_office_keeps_its_possessive(nlp):
    text = (
        "He appeared at the Harbourton Magistrate\u2019s Court on Tuesday.\n\n"
        "The Royal Children\u2019s Hospital treated him."
    )
    orgs = names(run(nlp, text), "ORG")
    assert {"Harbourton Magistrate\u2019s Court", "Royal Children\u2019s Hospital"} <= orgs
    assert not orgs & {"Harbourton Magistrate", "Royal Children", "Court", "Hospital"}


def test_an_occupation_opening_a_sentence_is_not_part_of_the_name(nlp):
    ex = run(nlp, "Lawyer Tomas Ruiz said the magistrate refused the request.")
    assert names(ex, "PERSON") == {"Tomas Ruiz"}
    assert not ex.roles  # an occupation, not an office


def test_where_someone_is_sent_and_the_medals_they_won_are_not_people(nlp):
    text = (
        "He was deported to Guayaquil on Friday, and later flew to Rotterdam.\n\n"
        "The sergeant received three Bronze Stars and two Purple Hearts."
    )
    ex = run(nlp, text)
    assert not (names(ex, "PERSON") | names(ex, "ORG")) & {
        "Guayaquil",
        "Rotterdam",
        "Bronze Stars",
        "Purple Hearts",
    }


def test_an_office_and_a_comma_before_a_body_are_not_part_of_its_name(nlp):
    text = "According to the Coordinator, Harbour Media Operations, troops recovered arms."
    ex = run_tagged(nlp, text, (3, 8, "ORG"))
    assert names(ex, "ORG") == {"Harbour Media Operations"}


def test_a_hyphen_glued_to_one_word_only_ends_a_name(nlp):
    text = (
        "Others include Stephen Ogaga Roe- Former head of the County Treasury and Luke Mugo "
        "Doe - Acting Chief Officer.\n\nOthers are John Githua Vries -Lakeside Traders Ltd."
    )
    assert {"Stephen Ogaga Roe", "Luke Mugo Doe", "John Githua Vries"} <= names(
        run(nlp, text), "PERSON"
    )
    assert fold_text("Roe- Former, Doe -Acme, anti-war, -5").text == (
        "Roe - Former, Doe - Acme, anti-war, -5"
    )


def test_a_compound_surnames_first_half_alone_is_the_same_person(nlp):
    text = (
        "Station news coordinator and reporter Martin Cabrera Soto told Reuters in a message. "
        '"We were hiding in the basement for an hour," said Cabrera, who was off air.'
    )
    people = {e.name: e for e in run(nlp, text).entities if e.label == "PERSON"}
    assert set(people) == {"Martin Cabrera Soto"}
    assert "Cabrera" in people["Martin Cabrera Soto"].aliases


def test_the_office_of_someone_in_a_body_is_cut_from_the_bodys_name(nlp):
    text = (
        "A former Oregon Department of Corrections Officer was sentenced on Wednesday. "
        "Today, the Harbour Protection Agency Regional Administrator Jane Roe visited farms."
    )
    assert names(run(nlp, text), "ORG") == {
        "Oregon Department of Corrections",
        "Harbour Protection Agency",
    }


def test_two_bodies_joined_by_and_are_two_organisations(nlp):
    text = (
        "The department's Natural Soil Conservation Service and Farm Loan Agency have also held "
        "information sessions."
    )
    orgs = names(run(nlp, text), "ORG")
    assert {"Natural Soil Conservation Service", "Farm Loan Agency"} <= orgs
    assert not any(" and " in name for name in orgs)


def test_a_name_after_an_office_to_a_body_is_a_person(nlp):
    text = (
        "US Ambassador to the UN Nikki Haley reiterated calls for a severing of ties.\n\n"
        "Envoy to the EU Maria Lindqvist said the talks would resume."
    )
    ex = run(nlp, text)
    assert {"Nikki Haley", "Maria Lindqvist"} <= names(ex, "PERSON")
    assert names(ex, "ORG") <= {"UN", "EU"}


def test_a_court_named_only_in_a_judges_title_is_not_an_organisation(nlp):
    alone = run(nlp, "He was sentenced by U.S. District Court Judge Annemarie Axon to 20 years.")
    assert names(alone, "ORG") == set()
    assert names(alone, "PERSON") == {"Annemarie Axon"}
    acting = run(
        nlp,
        "The Supreme Court ruled on Monday, and Supreme Court Justice Jane Roe wrote the opinion.",
    )
    assert names(acting, "ORG") == {"Supreme Court"}


def test_an_office_cut_before_general_is_whole_in_the_bodys_name(nlp):
    text = (
        "The two officials were remiss in not doing more to prevent the fire, the Office of "
        "the Attorney General in Harbourland said Tuesday."
    )
    assert names(run(nlp, text), "ORG") == {"Office of the Attorney General"}


def test_a_city_the_model_tags_a_person_again_and_again_stays_a_place(nlp):
    text = (
        "Air defenses shot down all 10 missiles fired at Kyiv, according to the General Staff."
        "\n\nFalling debris injured 53 people, Kyiv Mayor Vitali Klitschko said on Telegram. "
        "Residential houses were damaged in several districts of Kyiv, mostly on the eastern "
        "bank of the river.\n\nThe attack on Kyiv came as aid stalled. Schools in two districts "
        "of Kyiv were closed, and power was cut in parts of Kyiv.\n"
    )
    ex = run(nlp, text)
    assert "Kyiv" not in names(ex, "PERSON") | names(ex, "ORG")
    assert "Vitali Klitschko" in names(ex, "PERSON")


def test_a_site_named_after_someone_is_neither_a_person_nor_a_body(nlp):
    text = "Dixon was an officer at the William E. Donaldson Correctional Facility in Bessemer."
    ex = run(nlp, text)
    assert not any("Facility" in name for name in names(ex, "PERSON") | names(ex, "ORG"))


def test_a_head_of_states_seat_is_a_place_even_when_it_speaks(nlp):
    text = (
        "The White House sent the report to Congress on Monday, and the White House said it "
        "would act. Kalinga Palace announced the visit. The House of Representatives voted. "
        "The president told reporters in the Oval Office that he would sign it."
    )
    ex = run(nlp, text)
    bodies = names(ex, "ORG") | names(ex, "PERSON")
    assert not bodies & {"White House", "Kalinga Palace", "Oval Office"}
    assert "Congress" in names(ex, "ORG")


def test_a_name_after_an_unclosed_bracket_starts_after_it(nlp):
    text = (
        "These officers were arrested by the Guatemalan National Police’s (PNC) Internal "
        "Affairs Unit for their complicity in the criminal network."
    )
    ex = run(nlp, text)
    assert not any(")" in name for name in names(ex, "ORG"))


def test_an_ambassadors_abbreviated_title_is_a_role_not_a_person(nlp):
    text = (
        "The delegation included the Civilian Deputy to the Commander, Amb. Liliana Reyes, "
        "and Command Senior Enlisted Leader, Sgt. Maj. Bryan T. Holt."
    )
    ex = run(nlp, text)
    people = names(ex, "PERSON")
    assert "Liliana Reyes" in people
    assert not people & {"Amb", "Amb.", "Civilian", "Civilian Deputy"}
    assert ("Liliana Reyes", "Amb.") in {(r.person.name, r.title) for r in ex.roles}


def test_a_bodys_office_tagged_a_person_is_neither_the_body_nor_a_person(nlp):
    text = (
        "Adm. Craig Holt visited Peru. His party included SOUTHCOM’s Civilian Deputy to the "
        "Commander, Ana Ruiz. SOUTHCOM said the visit went well."
    )
    ex = run(nlp, text)
    assert not any("Civilian" in name for name in names(ex, "PERSON"))
    assert "SOUTHCOM" in names(ex, "ORG")


def test_a_country_in_a_headline_tagged_a_person_is_not_someones_surname(nlp):
    text = (
        "Commander Visits Colombia, Ecuador\n\n"
        "Adm. Craig Holt visited Colombia and Ecuador and met leaders in both countries. "
        "The trip to Colombia was his second. In Colombia he met the defence minister."
    )
    ex = run(nlp, text)
    assert "Colombia" not in names(ex, "PERSON")


def test_a_dated_dateline_is_a_place(nlp):
    text = "By Public Affairs\n\nMIAMI (Apr. 26, 2019) -- Adm. Craig Holt visited Peru on Monday."
    ex = run(nlp, text)
    assert "MIAMI" not in names(ex, "ORG") | names(ex, "PERSON")


def test_a_commanding_officers_title_after_a_body_is_cut_from_its_name(nlp):
    text = (
        "Holt visited Peru along with U.S. Army South Commanding General, Maj. Gen. Mark "
        "Stammer, to attend the conference."
    )
    ex = run(nlp, text)
    assert "U.S. Army South" in names(ex, "ORG")
    assert not any("Commanding" in name for name in names(ex, "ORG"))


def test_a_groups_name_before_a_lower_case_gang_is_an_organisation(nlp):
    text = (
        "The strike hit a boat the government said was tied to the Venezuelan Tren de Roble "
        "gang, which it designated a terrorist organization. Officials in Caracas declined to "
        "comment on the Caracas gang."
    )
    ex = run(nlp, text)
    assert any("Tren de Roble" in {e.name, *e.aliases} for e in ex.entities if e.label == "ORG")
    assert "Caracas" not in names(ex, "ORG")


def test_a_model_number_and_its_name_are_a_machine_not_a_body(nlp):
    text = (
        "During a routine patrol Tuesday afternoon, the aircrew of a Coast Guard HC-144 Ocean "
        "Sentry aircraft detected a vessel. A UH-60 Black Hawk helicopter landed."
    )
    ex = run(nlp, text)
    assert "Coast Guard" in names(ex, "ORG")
    assert not (names(ex, "ORG") | names(ex, "PERSON")) & {"Ocean Sentry", "UH-60 Black Hawk"}


def test_a_republics_body_keeps_the_whole_name_of_the_country(nlp):
    text = (
        "The Coast Guard transferred 33 of the migrants to a Dominican Republic Navy vessel "
        "just off Punta Cana on Thursday."
    )
    assert "Dominican Republic Navy" in names(run(nlp, text), "ORG")


def test_the_staff_line_under_a_byline_names_the_outlet(nlp):
    text = (
        "Colombia Extradites Cartel Leader\n\nBy Eric Holt\nHarbour File Staff Writer\n\n"
        "Washington -- Colombia has extradited one of the accused leaders of a drug cartel."
    )
    ex = run(nlp, text)
    assert "Harbour File" in names(ex, "ORG")
    assert "Eric Holt" in names(ex, "PERSON")


def test_a_state_in_a_stations_dateline_is_a_place(nlp):
    text = "PORT ROYAL, FLA. (WXYZ) - The U.S. Coast Guard offloaded drugs on Monday."
    ex = run(nlp, text)
    assert "FLA" not in names(ex, "ORG") | names(ex, "PERSON")


def test_the_object_of_an_office_fused_with_the_name_goes_back_to_the_office(nlp):
    text = "Director of National Intelligence Tulsi Gabbard applauded the crew members."
    ex = run(nlp, text)
    assert "Tulsi Gabbard" in names(ex, "PERSON")


def test_a_services_acronym_before_a_rank_is_part_of_the_rank(nlp):
    text = '"Every seizure saves lives," said USCG Rear Adm. Jeffrey Ruiz on Monday.'
    ex = run(nlp, text)
    assert "Jeffrey Ruiz" in names(ex, "PERSON")
    assert not any("USCG" in name for name in names(ex, "ORG"))


def test_a_services_members_after_its_name_are_not_part_of_it(nlp):
    text = (
        "U.S. Army Reserve Soldiers from different units conducted training lanes. The lanes "
        "forced the Soldiers to accomplish their mission under stress."
    )
    ex = run(nlp, text)
    assert "U.S. Army Reserve" in names(ex, "ORG")
    assert not any("Soldiers" in name for name in names(ex, "ORG") | names(ex, "PERSON"))


def test_brands_the_text_calls_medications_are_not_bodies(nlp):
    text = (
        'The agency said fake pills are "made to look identical to real prescription '
        'medications - including OxyContin, Percocet, and Xanax - but only contain filler." '
        "The Drug Enforcement Administration seized 50 million pills."
    )
    ex = run(nlp, text)
    assert not names(ex, "ORG") & {"OxyContin", "Percocet", "Xanax"}
    assert "Drug Enforcement Administration" in names(ex, "ORG")


def test_a_name_the_text_calls_an_organisation_is_a_body_whatever_the_model_tagged(nlp):
    text = (
        "The Treasury is cracking down on violent organizations, including Tren de Roble, the "
        "Lobo Cartel and their facilitators. Tren de Roble is a transnational criminal "
        "organization."
    )
    ex = run(nlp, text)
    assert "Tren de Roble" not in names(ex, "PERSON")
    assert "Tren de Roble" in names(ex, "ORG")


def test_the_word_before_a_surnames_particle_names_the_person_alone(nlp):
    text = (
        "Brazilian President Luiz Carlos Ramos da Cunha condemned the strike on Saturday. "
        'Writing on X, Ramos said, "This action is a remnant of the worst moments of our past."'
    )
    ex = run(nlp, text)
    assert "Ramos" not in names(ex, "PERSON") | names(ex, "ORG")
    quoted = [s.speaker.name for s in ex.statements if s.kind == "direct"]
    assert quoted == ["Luiz Carlos Ramos da Cunha"]
    said = [s for s in ex.statements if s.cue.lower() == "writing"]
    assert not said  # "on X" is where the words went


def test_names_after_offices_of_several_portfolios_are_people(nlp):
    text = (
        "The agency is seeking the arrests of Maduro, Minister of Interior, Justice and Peace "
        "Diosdado Cabello Rondón and Minister of Defense Vladimir Padrino López."
    )
    people = names(run(nlp, text), "PERSON")
    assert {"Diosdado Cabello Rondón", "Vladimir Padrino López"} <= people
    assert not any(name.startswith("Peace") for name in people | names(run(nlp, text), "ORG"))


def test_a_given_name_an_editor_put_in_brackets_is_part_of_the_name(nlp):
    text = (
        "\u201cPresident (Donald) Trump ordered action, and we are delivering,\u201d Defense "
        "Secretary Pete Roe said. LONDON (Reuters) Britain said it would send a ship."
    )
    ex = run(nlp, text)
    assert "Donald Trump" in names(ex, "PERSON")
    assert not {"Donald", "Trump"} & (names(ex, "PERSON") | names(ex, "ORG"))
    trump = next(e for e in ex.entities if e.name == "Donald Trump")
    assert all("Trump" in text[m.start : m.end] for m in trump.mentions)


def test_a_country_and_a_portfolio_before_an_office_are_no_body(nlp):
    text = (
        "Roe made the announcement during a joint press conference with Panamanian Public "
        "Security Minister Frank Abrego."
    )
    ex = run(nlp, text)
    assert "Frank Abrego" in names(ex, "PERSON")
    assert not names(ex, "ORG")


def test_an_agencys_acronym_and_a_country_are_its_field_office(nlp):
    text = (
        "Oct. 24-25. HSI Guatemala executed the operation in conjunction with the national "
        "police. The FBI said Peru would help."
    )
    ex = run(nlp, text)
    assert "HSI Guatemala" in names(ex, "ORG")
    assert not any("Peru" in name for name in names(ex, "ORG"))


def test_a_rank_abbreviation_before_a_name_the_model_read_as_a_body_makes_a_person(nlp):
    text = (
        "\u201cStopping the flow of drugs is a challenging mission that requires teamwork,"
        "\u201d said Cmdr. Nolan Reyes, Vigilance's commanding officer."
    )
    ex = run(nlp, text)
    assert "Nolan Reyes" in names(ex, "PERSON")
    assert not any("Cmdr" in name for name in names(ex, "PERSON") | names(ex, "ORG"))


def test_a_defendant_named_in_capitals_is_a_person(nlp):
    text = (
        "The U.S. Attorney announced that TOMAS ELIAS BARRERA, a/k/a \u201cTEB,\u201d was "
        "sentenced today to 30 years in prison. BARRERA is the former mayor of Portoviejo. "
        "Barrera was arrested in 2022."
    )
    ex = run(nlp, text)
    barrera = next(e for e in ex.entities if e.key == "tomas elias barrera")
    assert barrera.label == "PERSON"
    assert "TEB" in barrera.aliases
    assert not names(ex, "ORG") & {"TEB", "Tomas Elias Barrera", "TOMAS ELIAS BARRERA"}


def test_an_acronym_defined_in_quotes_inside_brackets_is_the_bodys(nlp):
    text = (
        "Jane Moor, the head of the National Liberation Army (\u201cELN\u201d), was arrested. "
        "The ELN said it would respond."
    )
    ex = run(nlp, text)
    army = next(e for e in ex.entities if e.name == "National Liberation Army")
    assert "ELN" in army.aliases
    assert "ELN" not in names(ex, "PERSON") | names(ex, "ORG")


def test_a_surge_or_patrol_with_an_aim_or_a_place_is_a_described_operation(nlp):
    text = (
        "The agency announced the results of a week-long operational surge aimed at "
        "dismantling the Harbour Cartel. Separately, the cutter returned from a 40-day "
        "counterdrug patrol in the Caribbean Sea."
    )
    (operation,) = run(nlp, text).operations
    assert operation.name.startswith("Week-long operational surge aimed at dismantling")
    # The head words name it too, and the patrol is an alias of the one described operation.
    assert "week-long operational surge" in operation.aliases
    assert "40-day counterdrug patrol in the Caribbean Sea" in operation.aliases


def test_a_body_s_routine_mission_is_no_operation(nlp):
    text = "The mission of the agency is to protect consumers. Its mission is to inform."
    assert run(nlp, text).operations == []


def test_a_described_operation_keeps_its_place_and_country_and_its_number(nlp):
    text = "The command conducted one airstrike in the vicinity of Galkayo, Somalia, on Sunday."
    (operation,) = run(nlp, text).operations
    assert operation.name == "Airstrike in the vicinity of Galkayo, Somalia"
    assert "one airstrike in the vicinity of Galkayo, Somalia" in operation.aliases


def test_an_offensive_against_a_group_is_a_described_operation(nlp):
    text = "Ten nations joined the U.S. in launching the counteroffensive against cartels."
    (operation,) = run(nlp, text).operations
    assert operation.name == "Counteroffensive against cartels"


def test_military_bases_and_stations_are_places_not_actors(nlp):
    text = (
        "Adm. Jane Roe visited the fleet's headquarters onboard Naval Station Portmere. "
        "The unit moved from Fort Hale to Camp Rendo and then to Kessel Air Force Base."
    )
    ex = run(nlp, text)
    bases = {"Naval Station Portmere", "Fort Hale", "Camp Rendo", "Kessel Air Force Base"}
    assert not (names(ex, "PERSON") | names(ex, "ORG")) & bases


def test_a_gang_named_with_letters_and_a_number_is_a_criminal_group(nlp):
    text = (
        "Officers arrested the 24-year-old member of the notorious MS-13 street gang at his "
        "home. The MQ-9 drone watched."
    )
    ex = run(nlp, text)
    gang = next(e for e in ex.entities if e.name == "MS-13")
    assert gang.label == "ORG" and gang.kind == "criminal_group"
    assert "MQ-9" not in names(ex, "ORG")


def test_a_patrol_named_as_a_body_is_an_organisation(nlp):
    text = (
        "Border Patrol apprehended him in the valley as a child. Later that month, Border "
        "Patrol officials transferred him to the city's custody."
    )
    ex = run(nlp, text)
    assert "Border Patrol" in names(ex, "ORG")
    assert "Border Patrol" not in names(ex, "PERSON")


def test_a_given_name_and_initial_an_editor_put_in_square_brackets_is_part_of_the_name(nlp):
    text = (
        "\u201cPresident [Donald J.] Trump gave us a charge, and we are meeting it,\u201d "
        "Defense Secretary Pete Roe said."
    )
    ex = run(nlp, text)
    assert "Donald J. Trump" in names(ex, "PERSON")
    assert not any("]" in name for name in names(ex, "PERSON") | names(ex, "ORG"))
