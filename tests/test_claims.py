"""Claim extraction through the real pipelines, one test per construction and language.

The sentences are written for these tests; each names actors the gazetteer knows.
"""

from __future__ import annotations

import json

import pytest

from extract.claims import LEXICON_DIR, claims_from_doc, load_lexicon
from extract.pipeline import load_pipeline
from extract.records import Claim


@pytest.fixture(scope="session")
def nlp_en():
    return load_pipeline("en")


@pytest.fixture(scope="session")
def nlp_fr():
    return load_pipeline("fr")


@pytest.fixture(scope="session")
def nlps(nlp_en, nlp_fr):
    return {"en": nlp_en, "fr": nlp_fr}


def read(nlp, text: str) -> list[Claim]:
    doc = nlp(text)
    found = claims_from_doc(doc)
    for claim in found:  # the evidence contract holds for every claim
        assert claim.evidence == doc.text[claim.start_char : claim.end_char]
        assert claim.cue in claim.evidence
    return found


def keys(found: list[Claim]) -> set[tuple[str, str, str]]:
    return {(c.claimant_id, c.stance, c.subject_id) for c in found}


def one(found: list[Claim], claimant: str, stance: str, subject: str) -> Claim:
    matches = [c for c in found if (c.claimant_id, c.stance, c.subject_id) == (claimant, stance, subject)]
    assert len(matches) == 1, f"expected {claimant} {stance} {subject} in {keys(found)}"
    return matches[0]


# ------------------------------------------------------------------ constructions


@pytest.mark.parametrize(
    "lang, text",
    [
        ("en", "The United Kingdom accused Russia of a cyberattack on the networks of its defence ministry."),
        (
            "fr",
            "La France accuse la Russie d'une cyberattaque contre les réseaux de son ministère des Armées.",
        ),
    ],
)
def test_active_accusation(nlps, lang, text):
    found = read(nlps[lang], text)
    claimant = {"en": "GBR", "fr": "FRA"}[lang]
    assert keys(found) == {(claimant, "accuses", "RUS")}


@pytest.mark.parametrize(
    "lang, text, claimant, subject",
    [
        ("en", "The hacking of the power grid was blamed on Iran by the United States.", "USA", "IRN"),
        (
            "en",
            "The ransomware attack on the hospital was attributed to North Korea by the FBI.",
            "FBI",
            "PRK",
        ),
        (
            "fr",
            "La cyberattaque contre le parlement a été attribuée à la Russie par l'Allemagne.",
            "DEU",
            "RUS",
        ),
    ],
)
def test_passive_accusation(nlps, lang, text, claimant, subject):
    assert keys(read(nlps[lang], text)) == {(claimant, "accuses", subject)}


@pytest.mark.parametrize(
    "lang, text",
    [
        ("en", "China rejected Washington's accusations of hacking."),
        ("fr", "La Chine a rejeté les accusations de piratage de Washington."),
    ],
)
def test_nominal_accusation_owner_accuses_the_denier(nlps, lang, text):
    found = read(nlps[lang], text)
    assert keys(found) == {("CHN", "denies", "CHN"), ("USA", "accuses", "CHN")}
    assert one(found, "CHN", "denies", "CHN").counterpart_id == "USA"


@pytest.mark.parametrize(
    "lang, text",
    [
        (
            "en",
            '"Russia carried out this cyberattack against our'
            ' elections," said Foreign Secretary Dominic Raab.',
        ),
        (
            "fr",
            "« La Russie a mené cette cyberattaque contre nos élections », a déclaré le ministre britannique "
            "des Affaires étrangères Dominic Raab.",
        ),
    ],
)
def test_quote_with_attribution_after(nlps, lang, text):
    claim = one(read(nlps[lang], text), "GBR", "accuses", "RUS")
    assert claim.speaker_id == "DOMINIC_RAAB"


@pytest.mark.parametrize(
    "lang, text",
    [
        (
            "en",
            "Foreign Secretary Dominic Raab said that Russia was"
            " responsible for the cyberattack on the parliament.",
        ),
        (
            "fr",
            "Le ministre britannique des Affaires étrangères Dominic Raab a déclaré : "
            "« La Russie est responsable de ce piratage. »",
        ),
    ],
)
def test_quote_with_attribution_before(nlps, lang, text):
    claim = one(read(nlps[lang], text), "GBR", "accuses", "RUS")
    assert claim.speaker_id == "DOMINIC_RAAB"
    assert claim.degree == "direct"


@pytest.mark.parametrize(
    "lang, text",
    [
        (
            "en",
            'Foreign Secretary Dominic Raab said:\n\n"We have looked at the evidence. '
            "The GRU carried out the hack of the parliament's email servers.\"",
        ),
        (
            "fr",
            "« Nous avons examiné les preuves. Le GRU a mené le piratage des serveurs du parlement. », "
            "a déclaré le ministre britannique des Affaires étrangères Dominic Raab.",
        ),
    ],
)
def test_multi_sentence_quote(nlps, lang, text):
    claim = one(read(nlps[lang], text), "GBR", "accuses", "GRU")
    assert claim.speaker_id == "DOMINIC_RAAB"
    assert "GRU" in claim.evidence and "Nous avons" not in claim.evidence


@pytest.mark.parametrize(
    "lang, text, claimants",
    [
        (
            "en",
            "The United States, the United Kingdom and Canada accused"
            " China of hacking Microsoft Exchange servers.",
            {"USA", "GBR", "CAN"},
        ),
        (
            "fr",
            "La France, l'Allemagne et le Canada accusent la Chine de cyberespionnage.",
            {"FRA", "DEU", "CAN"},
        ),
    ],
)
def test_coordinated_claimants_each_claim(nlps, lang, text, claimants):
    assert keys(read(nlps[lang], text)) == {(c, "accuses", "CHN") for c in claimants}


@pytest.mark.parametrize(
    "lang, text",
    [
        (
            "en",
            "Microsoft accused HAFNIUM, a hacking group linked to Beijing, of breaking into email servers.",
        ),
        (
            "fr",
            "Microsoft accuse Hafnium, un groupe de pirates informatiques lié à Pékin, "
            "d'avoir piraté des serveurs de messagerie.",
        ),
    ],
)
def test_group_to_state_link_accuses_both(nlps, lang, text):
    found = read(nlps[lang], text)
    assert keys(found) == {("MICROSOFT", "accuses", "HAFNIUM"), ("MICROSOFT", "accuses", "CHN")}
    assert one(found, "MICROSOFT", "accuses", "CHN").degree == "sponsored"


@pytest.mark.parametrize(
    "lang, text",
    [
        (
            "en",
            "Chinese foreign ministry spokesperson Zhao Lijian denied"
            " the hacking accusations made by Washington.",
        ),
        (
            "fr",
            "Le porte-parole de la diplomatie chinoise Zhao Lijian a démenti les accusations de piratage "
            "formulées par Washington.",
        ),
    ],
)
def test_speaker_speaks_for_the_state(nlps, lang, text):
    found = read(nlps[lang], text)
    denial = one(found, "CHN", "denies", "CHN")
    assert denial.speaker_id == "ZHAO_LIJIAN"
    assert denial.counterpart_id == "USA"
    assert not any(c.claimant_id == "ZHAO_LIJIAN" for c in found)


@pytest.mark.parametrize(
    "lang, text, state, speaker",
    [
        (
            "en",
            "London accused Moscow of hacking. Kremlin spokesman Dmitry Peskov rubbished the allegations.",
            "RUS",
            "DMITRY_PESKOV",
        ),
        (
            "fr",
            "Londres a accusé Moscou de piratage. Le porte-parole du Kremlin, Dmitri Peskov, a balayé ces "
            "allégations, les jugeant « absurdes ».",
            "RUS",
            "DMITRY_PESKOV",
        ),
        (
            "fr",
            "Londres a accusé Moscou de piratage. Le porte-parole du Kremlin, Dmitri Peskov, a réfuté ces "
            "allégations.",
            "RUS",
            "DMITRY_PESKOV",
        ),
        (
            "fr",
            "Washington a accusé Pékin de piratage. La porte-parole de la diplomatie chinoise, Hua Chunying, "
            "a contesté ces accusations.",
            "CHN",
            "HUA_CHUNYING",
        ),
    ],
)
def test_a_spokesperson_who_denies_with_any_denial_verb_is_its_speaker(nlps, lang, text, state, speaker):
    """A known spokesperson takes part in the story by denying in a sentence with no cyber word
    ('rubbished', « a balayé, réfuté, contesté »: every denial verb is a verb of speech): the
    denial's speaker, not a claimant of his own."""
    found = read(nlps[lang], text)
    denial = one(found, state, "denies", state)
    assert denial.speaker_id == speaker
    assert not any(c.claimant_id == speaker for c in found)


@pytest.mark.parametrize(
    "lang, text",
    [
        (
            "en",
            "The FBI said the intrusion into the bank's computer network"
            " was probably carried out by North Korea.",
        ),
        (
            "fr",
            "Selon le FBI, l'intrusion dans le réseau de la banque a"
            " probablement été menée par la Corée du Nord.",
        ),
    ],
)
def test_hedged_claim_from_a_source(nlps, lang, text):
    claim = one(read(nlps[lang], text), "FBI", "accuses", "PRK")
    assert claim.hedged
    assert claim.confidence < 0.8


@pytest.mark.parametrize(
    "lang, text",
    [
        ("en", "The EU said the cyberattacks against its members were conducted from Chinese territory."),
        ("fr", "L'UE a indiqué que les cyberattaques avaient été menées depuis le territoire chinois."),
    ],
)
def test_degree_territory(nlps, lang, text):
    claim = one(read(nlps[lang], text), "EU", "accuses", "CHN")
    assert claim.degree == "territory"
    assert not claim.hedged


@pytest.mark.parametrize(
    "lang, text",
    [
        (
            "en",
            "China rejected U.S. accusations of hacking and accused the United States of cyberattacks "
            "against Chinese universities.",
        ),
        (
            "fr",
            "La Chine a rejeté les accusations américaines de piratage et a accusé les États-Unis de "
            "cyberattaques contre des universités chinoises.",
        ),
    ],
)
def test_counter_accusation(nlps, lang, text):
    found = read(nlps[lang], text)
    assert keys(found) == {("CHN", "denies", "CHN"), ("CHN", "accuses", "USA"), ("USA", "accuses", "CHN")}
    assert one(found, "CHN", "denies", "CHN").counterpart_id == "USA"


@pytest.mark.parametrize(
    "lang, text",
    [
        ("en", "The Chinese embassy accused Australia of parroting American rhetoric."),
        ("en", "Britain accused Russia of the nerve agent attack in Salisbury."),
        (
            "fr",
            "L'ambassade de Chine a accusé l'Australie de répéter comme"
            " un perroquet la rhétorique américaine.",
        ),
        ("fr", "Le Royaume-Uni accuse la Russie de l'empoisonnement de Salisbury."),
    ],
)
def test_non_cyber_accusation_gives_nothing(nlps, lang, text):
    assert read(nlps[lang], text) == []


def test_operation_with_agent_in_a_quote(nlp_en):
    text = 'Foreign Secretary Dominic Raab said:\n\n"Iran\'s cyberattacks on Albania were reckless."'
    claim = one(read(nlp_en, text), "GBR", "accuses", "IRN")
    assert claim.speaker_id == "DOMINIC_RAAB"
    assert not any(c.subject_id == "ALB" for c in read(nlp_en, text))


def test_identity_said_by_a_source(nlp_en):
    text = (
        "The UK government said that the cyber actors behind the attacks on the chemical weapons "
        "watchdog were, in fact, the GRU."
    )
    assert ("GBR", "accuses", "GRU") in keys(read(nlp_en, text))


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "The Dutch government has said today that it has identified that a number of hacking groups "
            "widely known to have been conducting attacks on banks are, in fact, the Russian military "
            "intelligence service (GRU).",
            {("NLD", "accuses", "GRU"), ("NLD", "accuses", "RUS")},
        ),
        (
            "The NCSC has said today that it has identified that a number of hacking groups widely known "
            "to have been stealing money from banks are, in fact, the Reconnaissance General Bureau (RGB) "
            "of North Korea.",
            {("NCSC_UK", "accuses", "RGB"), ("NCSC_UK", "accuses", "PRK")},
        ),
    ],
)
def test_identity_whose_name_the_parser_hangs_elsewhere(nlp_en, text, expected):
    # the parser hangs the named actor on 'identified' or on the subject, not on 'are'
    assert keys(read(nlp_en, text)) == expected


def test_bare_copula_names_no_one(nlp_en):
    # 'are' with a place, not an actor, after it: no identity
    text = "The NCSC said that the hacking groups that attacked the banks are, in fact, in Moscow."
    assert not any(c.cue in ("are", "is") for c in read(nlp_en, text))


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "The attack on the bank was, as the FBI revealed, carried out by the Lazarus Group.",
            {("FBI", "accuses", "LAZARUS_GROUP")},
        ),
        (
            "As the FBI said on Monday, the Lazarus Group was behind the hack of the bank.",
            {("FBI", "accuses", "LAZARUS_GROUP")},
        ),
        (
            "APT28 stole documents from the parliament and, as Germany announced last week, the GRU was "
            "behind the attack on the party.",
            {("DEU", "accuses", "GRU")},
        ),
    ],
)
def test_source_in_an_as_clause(nlp_en, text, expected):
    assert keys(read(nlp_en, text)) == expected


def test_identify_as(nlp_en):
    text = "The FBI identified APT41 as the perpetrator of the hacking campaign."
    assert keys(read(nlp_en, text)) == {("FBI", "accuses", "APT41")}


@pytest.mark.parametrize(
    "lang, text",
    [
        ("en", "The FBI did not blame North Korea for the hack of the bank."),
        ("en", "The NCSC said Russia was not behind the cyberattack."),
        ("fr", "Le FBI n'a pas accusé la Corée du Nord du piratage de la banque."),
    ],
)
def test_negated_accusation_gives_nothing(nlps, lang, text):
    assert read(nlps[lang], text) == []


def test_narration_without_a_source_is_no_claim(nlp_en):
    assert read(nlp_en, "The group is probably linked to the GRU.") == []


def test_company_anaphor_is_the_claimant(nlp_fr):
    text = (
        "Microsoft a publié un correctif pour Exchange. "
        "L'entreprise a accusé un groupe de pirates informatiques lié à Pékin, Hafnium."
    )
    assert ("MICROSOFT", "accuses", "HAFNIUM") in keys(read(nlp_fr, text))


# ------------------------------------------------------------------ plumbing


def test_one_claim_per_claimant_stance_subject(nlp_en):
    text = (
        "The United States accused Russia of hacking the grid. "
        "The United States also blamed Russia for the cyberattack on the water system."
    )
    found = read(nlp_en, text)
    assert [(c.claimant_id, c.subject_id) for c in found] == [("USA", "RUS")]


def test_claims_survive_multiprocessing(nlp_en):
    texts = [
        "The United Kingdom accused Russia of a cyberattack on its parliament.",
        "The hacking of the power grid was blamed on Iran by the United States.",
    ]
    docs = list(nlp_en.pipe(texts, n_process=2))
    assert [keys(claims_from_doc(doc)) for doc in docs] == [
        {("GBR", "accuses", "RUS")},
        {("USA", "accuses", "IRN")},
    ]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_lexicons_load_and_name_every_stance(lang):
    lexicon = load_lexicon(lang)
    assert {cue.stance for cue in lexicon.cues.values()} == {"accuses", "denies"}


def test_bad_lexicon_entry_names_the_file(tmp_path, monkeypatch):
    bad = json.loads((LEXICON_DIR / "en.json").read_text(encoding="utf-8"))
    bad["cues"][0]["kind"] = "shout"
    (tmp_path / "xx.json").write_text(json.dumps(bad), encoding="utf-8")
    (tmp_path / "state_organs.json").write_text('{"agency_ids": []}', encoding="utf-8")
    monkeypatch.setattr("extract.claims.lexicon.LEXICON_DIR", tmp_path)
    load_lexicon.cache_clear()
    try:
        with pytest.raises(ValueError, match=r"xx\.json: cue #1"):
            load_lexicon("xx")
    finally:
        load_lexicon.cache_clear()


# ------------------------------------------------------------------ generalisation pass


@pytest.mark.parametrize(
    "lang, text, state, speaker",
    [
        (
            "en",
            "U.S. Ambassador Maria Delacroix said Iran was responsible for the cyberattack on Albania.",
            "USA",
            "MARIA_DELACROIX",
        ),
        (
            "en",
            "White House press secretary Tom Averill blamed Russia for the cyberattack.",
            "USA",
            "TOM_AVERILL",
        ),
        (
            "en",
            "Tom Averill, the UK ambassador to Albania, said Iran was behind the cyber attack.",
            "GBR",
            "TOM_AVERILL",
        ),
        (
            "fr",
            "L'ambassadeur américain Pierre Martinon a accusé l'Iran de la cyberattaque contre l'Albanie.",
            "USA",
            "PIERRE_MARTINON",
        ),
    ],
)
def test_titled_speaker_speaks_for_the_state(nlps, lang, text, state, speaker):
    claim = one(read(nlps[lang], text), state, "accuses", "IRN" if "Iran" in text else "RUS")
    assert claim.speaker_id == speaker


def test_acronym_with_an_acting_head_is_the_claimant(nlp_en):
    found = read(nlp_en, "U.S. officials say China was behind the hack of Microsoft Exchange servers.")
    assert ("USA", "accuses", "CHN") in keys(found)
    # an origin is nobody's claim
    assert read(nlp_en, "U.S. companies say their networks were hit by a cyberattack.") == []


@pytest.mark.parametrize(
    "lang, text",
    [
        ("en", "Microsoft said HAFNIUM exploited Exchange. The US said the hackers were linked to China."),
        (
            "fr",
            "Microsoft a identifié le groupe HAFNIUM. Les autorités américaines accusent ce groupe de "
            "hackers d'être lié à la Chine.",
        ),
    ],
)
def test_group_description_is_the_accused_group(nlps, lang, text):
    found = read(nlps[lang], text)
    assert {("USA", "accuses", "HAFNIUM"), ("USA", "accuses", "CHN")} <= keys(found)


@pytest.mark.parametrize(
    "lang, text, incident",
    [
        ("en", "The United States blamed Russia for the NotPetya cyberattack.", "NotPetya cyberattack"),
        ("en", "Britain accused Russia of the 2015 Bundestag hack.", "2015 Bundestag hack"),
        (
            "en",
            "The UK said the GRU was responsible for the cyber attack on the OPCW.",
            "cyber attack on the OPCW",
        ),
        (
            "fr",
            "Les États-Unis accusent la Russie de la cyberattaque contre TV5 Monde.",
            "cyberattaque contre TV5 Monde",
        ),
        (
            "fr",
            "Le Canada accuse la Russie du piratage informatique de l'AMA.",
            "piratage informatique de l'AMA",
        ),
        (  # an adjective between the operation and its target
            "fr",
            "Le Canada accuse la Russie des cyberattaques déstabilisantes contre la Géorgie.",
            "cyberattaques déstabilisantes contre la Géorgie",
        ),
        (
            "en",
            "Canada accused Russia of the destabilising cyberattacks against Georgia.",
            "cyberattacks against Georgia",
        ),
        (  # the target's own name in apposition after a description
            "en",
            "The United States condemns Iran's cyberattack against our NATO Ally, Albania.",
            "cyberattack against our NATO Ally, Albania",
        ),
    ],
)
def test_incident_named_in_the_sentence(nlps, lang, text, incident):
    found = read(nlps[lang], text)
    assert found and all(c.incident == incident for c in found)


def test_incident_from_the_paragraph_and_none_when_unnamed(nlp_en, nlp_fr):
    found = read(
        nlp_en, "Hackers deployed WannaCry across hospitals. Britain blamed North Korea for the attacks."
    )
    assert one(found, "GBR", "accuses", "PRK").incident == "WannaCry"
    # no name: an origin, a nationality or an attacker is not the operation's name
    for text in (
        "Britain blamed Russia for the Russian cyber attack.",
        "The UK said Russian hackers were responsible for cyber attacks on U.S. companies.",
        "The UK said the cyber operations of the GRU were reckless and Russia was responsible for the hack.",
    ):
        assert all(c.incident is None for c in read(nlp_en, text)), text
    assert all(
        c.incident is None
        for c in read(nlp_fr, "La France accuse la Russie de la cyberattaque de la Russie.")
    )


@pytest.mark.parametrize(
    "lang, text, expected",
    [
        (  # a dated operation noun points back over a paragraph break
            "en",
            "Britain condemned a cyber-attack against Georgia.\n\n"
            "Overnight, Canada blamed Russia for the October 2019 cyber-attack.",
            "cyber-attack against Georgia",
        ),
        (  # and so does a demonstrative
            "en",
            "Hackers defaced websites in the cyberattack on Georgia.\n\n"
            "Canada blamed Russia for this attack.",
            "cyberattack on Georgia",
        ),
        (
            "fr",
            "Des pirates ont mené une cyberattaque contre la Géorgie.\n\n"
            "Le Canada attribue cette cyberattaque à la Russie.",
            "cyberattaque contre la Géorgie",
        ),
        (  # 'the attacks' alone, after a paragraph break, may be the story's own: not pointing back
            "en",
            "It followed the attack on the OPCW.\n\nCanada blamed Russia for the cyberattacks.",
            None,
        ),
    ],
)
def test_a_pointing_operation_noun_takes_the_incident_told_before(nlps, lang, text, expected):
    found = read(nlps[lang], text)
    assert found and all(c.incident == expected for c in found), [(c.subject_id, c.incident) for c in found]


@pytest.mark.parametrize(
    "lang, text, accuser",
    [
        ("en", "Moscow denied accusations by the US that it hacked the DNC.", "USA"),
        (
            "en",
            "Russian President Vladimir Putin dismissed U.S. claims that Russia was behind the hack.",
            "USA",
        ),
        ("en", "China rejected the Pentagon's accusations of cyber attacks.", "USA"),
        ("fr", "La Russie a rejeté les accusations de Washington sur le piratage informatique.", "USA"),
        (
            "fr",
            "La Russie a nié les accusations portées par le Royaume-Uni concernant les cyberattaques.",
            "GBR",
        ),
    ],
)
def test_denial_names_its_accuser_as_counterpart(nlps, lang, text, accuser):
    found = read(nlps[lang], text)
    denial = one(
        found, "RUS" if "Chin" not in text else "CHN", "denies", "RUS" if "Chin" not in text else "CHN"
    )
    assert denial.counterpart_id == accuser


def test_the_acronym_us_is_a_claimant_not_the_pronoun_us(nlp_en):
    found = read(nlp_en, "The US blamed North Korea for the hack of Sony Pictures.")
    assert keys(found) == {("USA", "accuses", "PRK")}
    # the pronoun still stands for the source, not for the United States
    found = read(nlp_en, "Russia hacked us, the British Foreign Secretary Dominic Raab said.")
    assert ("USA", "accuses", "RUS") not in keys(found)


# ------------------------------------------------------------------ known gaps (victims, split parses)


@pytest.mark.parametrize(
    "lang, text, claimant",
    [
        ("fr", "La France accuse la Russie du piratage du Bundestag.", "FRA"),
        ("fr", "La France accuse la Russie d'être responsable du piratage du Bundestag.", "FRA"),
        ("fr", "L'Allemagne accuse la Russie du piratage informatique du Comité national démocrate.", "DEU"),
        ("fr", "La France accuse la Russie du piratage de l'Ukraine.", "FRA"),
        ("en", "France accused Russia of the hack of the Bundestag.", "FRA"),
        ("en", "Germany accused Russia of the 2015 hacking of the Bundestag.", "DEU"),
        ("en", "The UK said Russia was responsible for the hack of the Bundestag.", "GBR"),
    ],
)
def test_the_target_of_an_operation_is_not_accused(nlps, lang, text, claimant):
    assert keys(read(nlps[lang], text)) == {(claimant, "accuses", "RUS")}


@pytest.mark.parametrize(
    "text, counterpart",
    [
        # 'ces accusations' answers the accusation just before (issue: denials say whom they answer)
        ("Washington accuse la Chine de piratage informatique. Pékin a rejeté ces accusations.", "USA"),
        (
            "Washington accuse la Chine de piratage informatique. "
            "Pékin a rejeté les accusations de Washington.",
            "USA",
        ),
        ("Pékin a rejeté les accusations de piratage de Washington.", "USA"),
        ("Pékin a démenti les accusations de piratage de Washington.", "USA"),
        ("Pékin a rejeté ces accusations de piratage.", None),
    ],
)
def test_french_denial_with_a_detached_subject(nlp_fr, text, counterpart):
    found = read(nlp_fr, text)
    assert one(found, "CHN", "denies", "CHN").counterpart_id == counterpart
    assert {c.claimant_id for c in found} <= {"CHN", "USA"}


@pytest.mark.parametrize(
    "lang, text, state, speaker",
    [
        (
            "fr",
            "Moscou accuse l'Ukraine de cyberattaques. Le porte-parole du Kremlin, Dmitri Peskov, "
            "a démenti toute implication de la Russie.",
            "RUS",
            "DMITRY_PESKOV",
        ),
        (
            "fr",
            "Le porte-parole du Kremlin, Dmitri Peskov, a démenti toute implication de la Russie "
            "dans la cyberattaque.",
            "RUS",
            "DMITRY_PESKOV",
        ),
        (
            "fr",
            "La porte-parole de la diplomatie chinoise, Hua Chunying, a rejeté ces accusations de piratage.",
            "CHN",
            "HUA_CHUNYING",
        ),
        (
            "en",
            "The Chinese foreign ministry spokesperson, Wang Wenbin, rejected the hacking accusations.",
            "CHN",
            "WANG_WENBIN",
        ),
        (
            "en",
            "The Kremlin spokesman, Dmitry Peskov, denied any Russian involvement in the hack.",
            "RUS",
            "DMITRY_PESKOV",
        ),
    ],
)
def test_apposed_spokesperson_denies_for_the_state(nlps, lang, text, state, speaker):
    found = read(nlps[lang], text)
    assert one(found, state, "denies", state).speaker_id == speaker
    assert not any(c.claimant_id == speaker for c in found)


@pytest.mark.parametrize(
    "lang, text, denier, accuser",
    [
        ("en", "China called the hacking accusations by the United States groundless.", "CHN", "USA"),
        ("en", "China called the hacking accusations groundless.", "CHN", None),
        ("en", "Russia called the U.S. accusations of hacking baseless.", "RUS", "USA"),
        ("en", "Beijing called the allegations of cyber espionage by Washington unfounded.", "CHN", "USA"),
        ("fr", "La Chine a qualifié d'infondées les accusations de piratage des États-Unis.", "CHN", "USA"),
        ("fr", "Moscou a qualifié de « mensonges » les accusations de piratage de Londres.", "RUS", "GBR"),
        ("fr", "La Russie qualifie de calomnies les accusations de cyberattaques.", "RUS", None),
        ("en", "Russia called the claims that it hacked the DNC absurd and baseless.", "RUS", None),
    ],
)
def test_calling_an_accusation_groundless_is_a_denial(nlps, lang, text, denier, accuser):
    found = read(nlps[lang], text)
    assert one(found, denier, "denies", denier).counterpart_id == accuser
    expected = {(denier, "denies", denier)} | ({(accuser, "accuses", denier)} if accuser else set())
    assert keys(found) == expected


@pytest.mark.parametrize(
    "lang, text",
    [
        ("en", "The FBI said the hackers sent fabricated emails to the ministry."),
        ("en", "The NCSC called the leaked documents fabricated."),
        ("fr", "Le FBI a indiqué que les pirates avaient envoyé des courriels fabriqués."),
    ],
)
def test_a_baseless_word_without_an_accusation_is_no_denial(nlps, lang, text):
    assert not any(c.stance == "denies" for c in read(nlps[lang], text))


def test_an_operation_of_its_author_still_names_the_author(nlps):
    # the author of an operation ("of the GRU", an agency) is no victim
    found = read(nlps["fr"], "Londres accuse Moscou des cyberattaques du GRU.")
    assert keys(found) == {("GBR", "accuses", "RUS"), ("GBR", "accuses", "GRU")}
    found = read(nlps["en"], "The UK said the cyber operations of the GRU were reckless.")
    assert keys(found) == {("GBR", "accuses", "GRU")}


@pytest.mark.parametrize(
    ("lang", "text", "word", "cyber"),
    [
        ("en", "Prigozhin funds the Internet Research Agency, a troll farm.", "Internet", False),
        ("en", "The group spread the leaked files on the Internet.", "Internet", True),
        ("fr", "Prigojine finance l'Internet Research Agency, une ferme à trolls.", "Internet", False),
        ("fr", "Le groupe a diffusé les fichiers sur Internet.", "Internet", True),
        ("en", "The US sanctioned a network linked to Yevgeny Prigozhin.", "network", False),
        ("en", "Hackers hit the ministry's network.", "network", True),
        ("fr", "Washington sanctionne un réseau lié à Evgueni Prigojine.", "réseau", False),
        ("fr", "Des pirates ont infiltré le réseau du ministère.", "réseau", True),
    ],
)
def test_cyber_word_in_a_name_or_a_network_of_people(nlps, lang, text, word, cyber):
    """A cyber word says nothing of cyber inside a capitalised name ('the Internet Research Agency',
    a troll farm) or in a network of people ('a network linked to Yevgeny Prigozhin'): it does not
    make the sentence, or the ones after it, a cyber story."""
    from extract.claims.reader import DocReader

    nlp = nlps[lang]
    doc = nlp(text)
    component = nlp.get_pipe(next(n for n in nlp.pipe_names if "claim" in n))
    reader = DocReader(doc, component.lexicon, component.deps, component.cues_at(doc))
    token = next(t for t in doc if t.text == word)
    assert reader.is_cyber(token) is cyber
