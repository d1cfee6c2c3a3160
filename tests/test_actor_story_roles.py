"""Who plays a role in the cyber story, EN and FR (actor_linker): named French agencies, a
state's administrations hit by an attack, heads of state who act, states named only in the
background of a war or a summit."""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest
import spacy
from actor_support import check, ids, load_nlps, rows
from spacy.tokens import Doc, Span

from extract.actor_context import load_context
from extract.actor_lists import listed_people
from extract.actor_officers import service_officer
from extract.pipeline import with_fields
from extract.records import Document


@pytest.fixture(scope="module")
def nlps():
    return load_nlps()


AGENCIES = """
fr | +SGDSN | Le SGDSN a indiqué que des pirates du GRU avaient pénétré les réseaux d'un ministère.
fr | +SGDSN | Le Secrétariat général de la défense et de la sécurité nationale attribue l'intrusion au GRU.
en | +SGDSN | France's SGDSN said that hackers of the GRU broke into a ministry's network.
fr | +FRA | Des attaques informatiques menées par le GRU ont visé plusieurs administrations françaises.
en | +FRA | Hackers of the GRU targeted several French administrations in a cyber campaign.
# guards: firms of a country are its origin, not the state
fr | -FRA | Des attaques informatiques menées par le GRU ont visé plusieurs entreprises françaises.
"""


@pytest.mark.parametrize("line", rows(AGENCIES))
def test_a_french_agency_and_a_state_s_administrations(nlps, line):
    """The SGDSN is a French agency of the gazetteer; « des administrations françaises » hit by an
    attack are the French state's, as « le gouvernement français » is."""
    check(nlps, line)


NCA = """
en | +NCA_UK -GBR | The takedown of the LockBit ransomware gang was led by the UK's National Crime Agency.
en | +NCA_UK | The takedown of the LockBit ransomware gang was led by the UKʼs National Crime Agency.
en | +NCA_UK | The NCA said the LockBit ransomware gang had attacked thousands of victims.
fr | +NCA_UK | Le démantèlement du gang LockBit a été mené par la National Crime Agency britannique.
fr | +NCA_UK | Selon l'Agence nationale de lutte contre la criminalité (NCA), LockBit a attaqué des hôpitaux.
"""


@pytest.mark.parametrize("line", rows(NCA))
def test_the_uk_national_crime_agency_is_an_agency_of_the_gazetteer(nlps, line):
    """The UK's National Crime Agency (also written with U+02BC in 'UKʼs', as some releases do)
    leads ransomware takedowns; it was discovered as 'UKS_NATIONAL_CRIME_AGENCY' or not at all."""
    check(nlps, line)


ACTING = """
en | +JOE_BIDEN | President Biden directed the resources of the government to investigate the incident.
en | +VLADIMIR_PUTIN | Analysts said that Vladimir Putin personally ordered the campaign against the vote.
fr | +JOE_BIDEN | Le président Joe Biden a ordonné une enquête sur l'incident.
fr | +VLADIMIR_PUTIN | Selon eux, Vladimir Poutine a personnellement ordonné cette campagne contre le scrutin.
# guards: the incident is in another subject's clause; an act with no incident or campaign
en | -JOE_BIDEN | President Biden met the minister, and the White House condemned the attack on the ministry.
en | -JOE_BIDEN | President Biden signed a new executive order on trade with the region.
fr | -JOE_BIDEN | Le président Joe Biden a rencontré le ministre, et la Maison-Blanche a condamné l'attaque.
fr | -JOE_BIDEN | Le président Joe Biden a signé un décret sur le commerce avec la région.
"""


@pytest.mark.parametrize("line", rows(ACTING))
def test_a_person_who_acts_on_the_incident_takes_part(nlps, line):
    """A person who does something to the incident or the campaign itself ("directed ... to
    investigate the incident", « a ordonné la campagne ») takes part in the story, with no cyber
    word in the sentence; not when the incident is in another subject's clause."""
    check(nlps, line)


# (the story, then a sentence of something else: a sentence beside a cyber word is the story's)
HEIST_EN = "Hackers of Lazarus Group stole data from the bank. The summit lasted two days. "
HEIST_FR = "Des pirates du groupe Lazarus ont volé des données à la banque. Le sommet a duré deux jours. "

BACKGROUND = f"""
en | -RUS -UKR | {HEIST_EN}They also discussed troop deployments to Russia and to Ukraine.
en | -RUS | {HEIST_EN}The leaders also noted the distrust between Russia and its neighbours.
fr | -RUS | {HEIST_FR}Les dirigeants ont aussi évoqué la méfiance entre la Russie et ses voisins.
fr | -UKR | {HEIST_FR}Ils ont aussi parlé des troupes déployées en direction de l'Ukraine.
en | -RUS | {HEIST_EN}The President condemned the deployment of thousands of DPRK troops to Russia.
en | -RUS | {HEIST_EN}The President condemned Russia's ballistic missile tests this year.
fr | -RUS | {HEIST_FR}Le président a condamné les essais de missiles balistiques de la Russie cette année.
# guards: a threat, an attribution's word, a known incident, the state's institutions, a
# condemnation of a cyber act
en | +RUS | {HEIST_EN}The President condemned Russia for the cyberattack on the power grid.
fr | +RUS | {HEIST_FR}Le président a condamné la Russie pour la cyberattaque contre le réseau électrique.
en | +RUS | {HEIST_EN}Russia remains the main threat to the region.
en | +PRK | {HEIST_EN}The leaders denounced North Korea for WannaCry.
en | +RUS | {HEIST_EN}The Russian government noted the distrust between the two neighbours.
en | +USA -RUS | {HEIST_EN}US intelligence agencies have cited Russia since 2002.
en | +JPN | {HEIST_EN}The Ministry of Foreign Affairs of Japan noted the distrust between the neighbours.
en | -SYR | {HEIST_EN}They asked about the problems with the President of Syria.
fr | +RUS | {HEIST_FR}La Russie demeure la principale menace pour la région.
fr | +JPN | {HEIST_FR}Le ministère des Affaires étrangères du Japon a évoqué la méfiance entre voisins.
fr | +RUS | {HEIST_FR}Le gouvernement russe a évoqué la méfiance entre les deux voisins.
"""


@pytest.mark.parametrize("line", rows(BACKGROUND))
def test_a_state_named_only_in_the_background_is_no_actor(nlps, line):
    """A state named by its name in no sentence that tells of the cyber story (a war, a summit's
    other business, a condemnation of missile tests) is no actor; a threat, a word of an
    attribution or a perpetrator (not a condemnation alone: ``condemn_cues``), a known incident's
    name, or the state's institutions keep it."""
    check(nlps, line)


NEIGHBOURS = """
en | +CHN | Hackers stole files from a ministry. Officials later pointed the finger at Beijing.
fr | +CHN | Des pirates ont volé les fichiers d'un ministère. Washington a ensuite désigné Pékin.
"""


@pytest.mark.parametrize("line", rows(NEIGHBOURS))
def test_a_state_beside_a_cyber_sentence_stays(nlps, line):
    """What a sentence right after the story says of a state is still the story's ("Hackers stole
    ... Washington pointed at Beijing")."""
    check(nlps, line)


def test_a_state_the_title_names_stays(nlps):
    """ "a meeting between the United States and Japan": what the document is about."""
    nlp = nlps["en"]
    text = f"{HEIST_EN}The advisers reaffirmed the commitment of Japan to the region."
    untitled = ids(nlp(text))
    titled = ids(nlp(with_fields(nlp, Document(id="t", text=text, title="Meeting between Japan and Korea"))))
    assert "JPN" not in untitled and "JPN" in titled


TRANSCRIPTS = [
    # a speaker whose first turn has no "we": a later turn of the same label has one
    (
        "en",
        "Press Briefing by Press Secretary Dana Whitcombe",
        "The White House",
        "Q On the hack of the Treasury networks by the Chinese group APT41 — any update?\n\n"
        "MS. WHITCOMBE: Give me one second.\n\nQ Sure.\n\n"
        "MS. WHITCOMBE: So we are not going to get ahead of the investigation.",
        {"+DANA_WHITCOMBE", "+USA"},
    ),
    # a title alone as the label: "THE PRESIDENT:", « LE PRÉSIDENT DE LA RÉPUBLIQUE : »
    (
        "en",
        "Remarks by the President on the Pipeline",
        "The White House",
        "Q With the latest hack of the pipeline, is it the Russians?\n\n"
        "THE PRESIDENT: We are not sure who did it yet.\n\nQ Thank you.",
        {"+USA"},
    ),
    (
        "fr",
        "Déclaration du Président de la République",
        "Présidence de la République française",
        "Q Cette cyberattaque contre les hôpitaux est-elle russe ?\n\n"
        "LE PRÉSIDENT DE LA RÉPUBLIQUE : Nous ne sommes pas encore sûrs de ses auteurs.",
        {"+FRA"},
    ),
    # a labelled official who says no "we": his "I" speaks for the publisher's state
    (
        "en",
        "Press Briefing by Press Secretary Dana Whitcombe",
        "The White House",
        "Q On the hack of the ministry's networks by the Chinese group APT41 — any update?\n\n"
        "MS. WHITCOMBE: I have nothing further on the hack today.",
        {"+DANA_WHITCOMBE", "+USA"},
    ),
    (
        "fr",
        "Point de presse de la porte-parole Claire Vautrin",
        "Présidence de la République française",
        "QUESTION : Sur le piratage des réseaux du ministère par le groupe chinois APT41, du nouveau ?\n\n"
        "MME VAUTRIN : Je n'ai rien à ajouter sur ce piratage aujourd'hui.",
        {"+CLAIRE_VAUTRIN", "+FRA"},
    ),
    # guards: no publisher, no state; a title label whose turn is about something else
    (
        "en",
        "Press Briefing by Press Secretary Dana Whitcombe",
        None,
        "Q On the hack of the ministry's networks by the Chinese group APT41 — any update?\n\n"
        "MS. WHITCOMBE: I have nothing further on the hack today.",
        {"+DANA_WHITCOMBE", "-USA"},
    ),
    (
        "en",
        "Remarks by the President on the Pipeline",
        None,
        "Q With the latest hack of the pipeline, is it the Russians?\n\n"
        "THE PRESIDENT: We are not sure who did it yet.",
        {"-USA"},
    ),
    (
        "en",
        "Remarks by the President",
        "The White House",
        "The hack of the pipeline by the Russians is confirmed, officials said.\n\n"
        "Q How was the trip?\n\nTHE PRESIDENT: We had a wonderful time in the orchards.",
        {"-USA"},
    ),
]


@pytest.mark.parametrize(("lang", "title", "publisher", "text", "expected"), TRANSCRIPTS)
def test_a_transcript_s_we_is_the_publisher_s_state_in_any_turn(nlps, lang, title, publisher, text, expected):
    """The labelled speaker's "we" in any of his turns about the story (with no "we", his "I"),
    and a head of state's label with no name ("THE PRESIDENT:"), speak for the state of the
    official publisher."""
    nlp = nlps[lang]
    found = ids(
        nlp(with_fields(nlp, Document(id="x", text=text, lang=lang, title=title, publisher=publisher)))
    )
    for item in expected:
        assert (item[1:] in found) == (item[0] == "+"), (item, found)


MODERATORS = [
    # a moderator's turn ends at the next question: the answer comes from another speaker
    (
        "en",
        "Press Briefing by Press Secretary Dana Whitcombe and Deputy Adviser Omar Castell",
        "MS. WHITCOMBE: We have time for one more.\n\n"
        "Q On the hack of the Treasury networks by the Chinese group APT41 — any update?\n\n"
        "MR. CASTELL: We know the group did it, and we will respond.",
        {"-DANA_WHITCOMBE", "+OMAR_CASTELL"},
    ),
    (
        "en",
        "Department Press Briefing by Spokesperson Dana Whitcombe and Adviser Omar Castell",
        "MS. WHITCOMBE: Last question, please.\n\n"
        "QUESTION: On the hack of the Treasury networks by the Chinese group APT41 — any update?\n\n"
        "MR. CASTELL: We know the group did it, and we will respond.",
        {"-DANA_WHITCOMBE", "+OMAR_CASTELL"},
    ),
    (
        "fr",
        "Point de presse de la porte-parole Claire Vautrin et du conseiller Paul Garnier",
        "MME VAUTRIN : Nous avons le temps pour une dernière question.\n\n"
        "QUESTION : Sur le piratage des réseaux du Trésor par le groupe chinois APT41, du nouveau ?\n\n"
        "M. GARNIER : Nous savons que le groupe en est l'auteur, et nous répondrons.",
        {"-CLAIRE_VAUTRIN", "+PAUL_GARNIER"},
    ),
    # guard: a turn that speaks of the hack before the next question
    (
        "en",
        "Press Briefing by Press Secretary Dana Whitcombe and Deputy Adviser Omar Castell",
        "MS. WHITCOMBE: The hack by APT41 is serious. One more question.\n\n"
        "Q On the hack of the Treasury networks by the Chinese group — any update?\n\n"
        "MR. CASTELL: We know the group did it, and we will respond.",
        {"+DANA_WHITCOMBE", "+OMAR_CASTELL"},
    ),
]


@pytest.mark.parametrize(("lang", "title", "text", "expected"), MODERATORS)
def test_a_moderator_s_turn_ends_at_the_next_question(nlps, lang, title, text, expected):
    """A labelled speaker's turn ends at the next journalist's question ("Q ...", "QUESTION:",
    « QUESTION : »): a moderator who only gives the floor ("We have time for one more.") answers
    no question on the hack and is no actor; the speaker who answers it is."""
    nlp = nlps[lang]
    found = ids(nlp(with_fields(nlp, Document(id="x", text=text, lang=lang, title=title))))
    for item in expected:
        assert (item[1:] in found) == (item[0] == "+"), (item, found)


INVOLVED = """
en | +VLADIMIR_PUTIN | Vladimir Putin accepted no responsibility for any of it, officials said.
en | +VLADIMIR_PUTIN | Are you confident that Vladimir Putin was not involved?
fr | +VLADIMIR_PUTIN | Vladimir Poutine n'a reconnu aucune responsabilité, selon les responsables.
fr | +VLADIMIR_PUTIN | Êtes-vous certain que Vladimir Poutine n'était pas impliqué ?
# guard: responsibility of something else than the person's act
en | -JOE_BIDEN | President Biden met the minister responsible for trade.
"""


@pytest.mark.parametrize("line", rows(INVOLVED))
def test_a_person_whose_responsibility_is_in_question_takes_part(nlps, line):
    """ "X accepted no responsibility", "was X involved?", « X n'était pas impliqué »: whether the
    person is behind the operation is what the sentence says."""
    check(nlps, line)


CAMPAIGN_TO = """
en | +TRUMP_CAMPAIGN -DONALD_TRUMP | Hackers sent files from former President Trump's campaign to reporters.
# guard: "to" and a verb: the campaign is a drive
en | -PUTIN_CAMPAIGN | Vladimir Putin's campaign to undermine the vote included cyberattacks by the GRU.
"""


@pytest.mark.parametrize("line", rows(CAMPAIGN_TO))
def test_a_campaign_sent_to_someone_is_still_the_candidate_s(nlps, line):
    """ "sent files from X's campaign to reporters": "to" names where the files went, not what
    the campaign is for ("X's campaign to undermine the vote" is an operation)."""
    check(nlps, line)


CAMPAIGN_BLOCKERS = """
en | +TRUMP_CAMPAIGN | Officials disclosed the breach of the Trump campaign on June 14th.
en | +TRUMP_CAMPAIGN | Iranian hackers breached the Trump campaign on Tuesday and stole internal documents.
fr | -POUTINE_CAMPAIGN | Selon le FBI, des pirates menaient la campagne de Vladimir Poutine contre l'Ukraine.
# guards: a blocker before no date; a French campaign and its date
en | -PUTIN_CAMPAIGN | The FBI said hackers ran Putin's campaign on social media against the election.
fr | +TRUMP_CAMPAIGN | Selon le FBI, des pirates iraniens ont piraté la campagne de Donald Trump le 19 août.
"""


@pytest.mark.parametrize("line", rows(CAMPAIGN_BLOCKERS))
def test_a_campaign_s_blocker_is_read_after_its_name_and_not_before_a_date(nlps, line):
    """A date after a blocker says when something befell the campaign ("the breach of the Trump
    campaign on June 14th"), not what the campaign is about ("Putin's campaign on social media");
    in French the blocker follows the name (« la campagne de Vladimir Poutine contre l'Ukraine »
    is an operation, no candidate's campaign)."""
    check(nlps, line)


WRITTEN_QUESTIONS = """
fr | +JEAN_DUPONT | M. Jean Dupont attire l'attention de M. le ministre sur la cyberattaque contre la chaîne.
# guard: what draws people is no speaker
fr | -JEAN_DUPONT | Le concert de Jean Dupont attire des fans malgré la cyberattaque contre la salle.
"""


@pytest.mark.parametrize("line", rows(WRITTEN_QUESTIONS))
def test_the_author_of_a_written_question_speaks(nlps, line):
    """« M. X attire l'attention de M. le ministre sur ... »: a deputy's written question opens
    with its author, who speaks."""
    check(nlps, line)


ROE = "Ransoms were paid.\\n\\nFBI Director Jane Roe\\n\\nJane Roe: "
ROUX = "Des rançons ont été payées.\\n\\nLa directrice Jeanne Roux\\n\\nJeanne Roux: "
LABELLED_TURNS = f"""
en | +JANE_ROE | {ROE}They thought they could hide; digital money can be traced.
fr | +JEANNE_ROUX | {ROUX}Les criminels pensaient se cacher ; les données numériques se tracent.
# guard: a turn about something else
en | -JANE_ROE | {ROE}We had a wonderful trip to the orchards.
"""


@pytest.mark.parametrize("line", rows(LABELLED_TURNS))
def test_a_labelled_turn_about_the_story_is_a_speaker_s(nlps, line):
    """ "Jane Roe: ... digital money can be traced": a speaker label whose turn has a story word
    (not only a cyber word) speaks in the story."""
    check(nlps, line.replace("\\n", "\n"))


BROADCASTERS = """
en | +BBG | Jane Roe, chair of the Broadcasting Board of Governors (BBG), said hackers attacked the website.
fr | +BBG | Le Broadcasting Board of Governors a indiqué que des pirates avaient attaqué le site web.
fr | +GENDARMERIE_NATIONALE | Le démantèlement de LockBit a impliqué la gendarmerie nationale et le FBI.
en | +GENDARMERIE_NATIONALE | The French Gendarmerie took down the servers of the LockBit hacking group.
"""


@pytest.mark.parametrize("line", rows(BROADCASTERS))
def test_the_us_broadcasting_agency_and_the_french_gendarmerie_are_known(nlps, line):
    """The Broadcasting Board of Governors (BBG), the U.S. agency over its public broadcasters; the
    Gendarmerie nationale, a French police force (« la gendarmerie nationale », in lower case)."""
    check(nlps, line)


SOCIETIES = """
en | +NORTHLAND_COMPUTER_SOCIETY | The Northland Computer Society registered the hackers' website in May.
# guard: a society that is no name
en | -CIVIL_SOCIETY | Civil society groups criticised the cyberattack on the ministry.
"""


@pytest.mark.parametrize("line", rows(SOCIETIES))
def test_a_named_society_is_an_organisation(nlps, line):
    """ "the X Computer Society": a name ending in "Society" is an institution's."""
    check(nlps, line)


# (lang, text, the span texts the discovered or named actor must not have)
NOT_THE_ACTOR = [
    # a company's short form that the entity recogniser reads as a place there is the place
    (
        "en",
        "Hackers breached the networks of Harbin Group, the steel maker, in a ransomware attack. "
        "The attackers were later traced to servers in Harbin.",
        "Harbin",
    ),
    (
        "fr",
        "Des pirates ont pénétré les réseaux de Harbin Group, le sidérurgiste, lors d'une attaque par "
        "rançongiciel. Les attaquants ont été localisés à Harbin.",
        "Harbin",
    ),
    # a descriptive noun before a name of its own is no anaphor of the company named before
    (
        "fr",
        "Mandiant a publié un rapport sur APT1. La société américaine de cybersécurité Fireye attribue "
        "ces cyberattaques au groupe APT1.",
        "La société",
    ),
    (
        "en",
        "Mandiant published a report on APT1. The company Fireye attributed the cyberattacks to APT1.",
        "The company",
    ),
]


@pytest.mark.parametrize(("lang", "text", "not_actor"), NOT_THE_ACTOR)
def test_places_and_descriptions_are_not_the_actor(nlps, lang, text, not_actor):
    spans = [span.text for span in nlps[lang](text).spans["actors"]]
    assert not_actor not in spans, spans


def test_the_company_after_its_name_is_still_an_anaphor(nlps):
    spans = {
        span.text: span.kb_id_
        for span in nlps["fr"](
            "Mandiant a publié un rapport sur APT1. "
            "La société estime que le groupe travaille pour l'armée chinoise."
        ).spans["actors"]
    }
    assert spans.get("La société") == "MANDIANT", spans


SIGNATORIES = """
en | +EST +JPN | Russia's cyber attacks on Georgia are unacceptable.\\n\\nSigned by:\\nEstonia\\nJapan
fr | +EST +JPN | Les cyberattaques russes sont inacceptables.\\n\\nSignataires :\\nEstonie\\nJapon
# guard: a list of places with no heading of signatories is still background
en | -EST -JPN | Russia's cyber attacks on Georgia are unacceptable.\\n\\nVisited:\\nEstonia\\nJapan
"""


@pytest.mark.parametrize("line", rows(SIGNATORIES))
def test_states_listed_as_signatories_sign(nlps, line):
    lang, expected, text = (part.strip() for part in line.split("|", 2))
    check(nlps, f"{lang} | {expected} | {text.replace(chr(92) + 'n', chr(10))}")


NAMING_AND_DISCOVERY = """
# a company that only named a malware is no part in the story
en | -DRAGOS | The wiper hit Ukraine's grid in a cyberattack. Security firm Dragos named it Crashoverride.
fr | -DRAGOS | Le maliciel a visé le réseau ukrainien. La société Dragos a baptisé ce maliciel Crashoverride.
# guards: a company that attributes stays, with its description or without
en | +ESET | The cyberattack on the grid was attributed to Sandworm by security company ESET.
fr | +ESET | La cyberattaque contre le réseau a été attribuée au groupe Sandworm par la société ESET.
en | +MICROSOFT | Microsoft named the hacking group Hafnium and attributed its cyberattacks to China.
"""


@pytest.mark.parametrize("line", rows(NAMING_AND_DISCOVERY))
def test_companies_that_only_name_a_malware(nlps, line):
    check(nlps, line)


ORGAN_STATES = """
# a state organ in the story brings its state, which the text need not name
en | +DOJ +USA | The Justice Department charged two hackers of APT41 with cyber espionage.
fr | +DOJ +USA | Le département de la Justice a inculpé deux pirates d'APT41 pour cyberespionnage.
# guard: a cyber agency publishing its own findings does not
en | +CISA -USA | CISA said APT41 hacked the networks of state agencies.
fr | +CISA -USA | Selon la CISA, APT41 a piraté les réseaux de plusieurs agences.
"""


@pytest.mark.parametrize("line", rows(ORGAN_STATES))
def test_a_state_organ_brings_its_state(nlps, line):
    check(nlps, line)


GROUP_TARGETS = """
# what a threat group targets is a victim, though its sentence has no cyber word; a state's name
# before the organisation's ("Brazil's Ministry of X") is its owner, not a relation
en | +MINISTRY_OF_HEALTH | Reuters said OceanLotus had targeted the Ministry of Health to learn about Zika.
en | +MINISTRY_OF_HEALTH | Reuters said OceanLotus had targeted Brazil's Ministry of Health and a city hall.
fr | +MINISTERE_DE_LA_SANTE | Selon Reuters, OceanLotus a ciblé le Ministère de la Santé pour s'informer.
# guard: a ministry a minister visits is no victim
en | -MINISTRY_OF_HEALTH | Reuters said the minister had visited Brazil's Ministry of Health to learn more.
"""


@pytest.mark.parametrize("line", rows(GROUP_TARGETS))
def test_what_a_threat_group_targets_is_a_victim(nlps, line):
    """ "OceanLotus had targeted China's Ministry of X": what a threat group targets it targets in
    cyberspace (the victim cues ask for a cyber word near the name: the group is one), and a
    state's possessive names the ministry's owner ("our NATO Ally" is a relation, "Brazil's
    Ministry" a name). French already read « OceanLotus avait ciblé le Ministère de ... »."""
    check(nlps, line)


MET_EN = (
    "On Monday, Foreign Minister Anna Berg, Foreign Minister Karl Holm and Foreign Minister Lena "
    "Sund met in Oslo for talks on trade and energy. {then}"
)
MET_FR = (
    "Lundi, la ministre des Affaires étrangères Anna Berg et le ministre des Affaires étrangères "
    "Karl Holm se sont réunis à Oslo pour parler de commerce et d'énergie. {then}"
)
CYBER_EN = "The ministers condemned the malicious cyber activities of North Korea."
CYBER_FR = "Les ministres ont condamné les cyberactivités malveillantes de la Corée du Nord."
STATE_EN = (
    "On Monday, Secretary of State Anna Berg met the Foreign Minister in Oslo for talks on trade. "
    "The United States condemned the malicious cyber activities of North Korea."
)
TITLE_PLURALS = f"""
en | +ANNA_BERG +KARL_HOLM | {MET_EN.format(then=CYBER_EN)}
fr | +ANNA_BERG +KARL_HOLM | {MET_FR.format(then=CYBER_FR)}
# guards: the plural in a sentence of no cyber act; a state's name is no plural of a title
en | -ANNA_BERG -KARL_HOLM | {MET_EN.format(then="The ministers condemned the missile tests of North Korea.")}
en | -ANNA_BERG | {STATE_EN}
"""


@pytest.mark.parametrize("line", rows(TITLE_PLURALS))
def test_the_plural_of_their_title_acts_for_the_officials(nlps, line):
    """A readout names its officials once by title and lets the plural act for them: "The
    National Security Advisors condemned the DPRK's malicious cyber activities", « Les ministres
    ont condamné les cyberactivités »: each official so titled takes part in the story."""
    check(nlps, line)


BRACKETED_ASIDES = """
# a descriptor in apposition after a bracketed aside ('X (aka Y), a front company') names an
# organisation the gazetteer lacks, as 'Netwatch Labs, a cybersecurity firm,' does
en | +NORDWIND_TRADING | The hacker worked for Nordwind Trading (aka Nordwind Export), a government front \
company, to support the cyber operations of the regime.
fr | +NORDWIND_TRADING | Le pirate travaillait pour Nordwind Trading (alias Nordwind Export), une société \
écran du gouvernement, au service des cyberopérations du régime.
# guard: no descriptor, no organisation
en | -NORDWIND_TRADING | The hacker worked for Nordwind Trading (aka Nordwind Export) in 2015 to support \
the cyber operations of the regime.
"""


@pytest.mark.parametrize("line", rows(BRACKETED_ASIDES))
def test_a_descriptor_after_a_bracketed_aside_names_an_organisation(nlps, line):
    """ "Chosun Expo Joint Venture (aka Korea Expo Joint Venture), a North Korean government front
    company,": the aside (an alias, an acronym) stands between the name and its apposition."""
    check(nlps, line)


BODIES_IN_ACCUSATIONS = """
# an international body takes part in a sentence of an accusation, though it has no cyber word
en | +NATO +EU | Russia called the accusations unfounded, and neither NATO nor European Commission \
experts were able to find proof of its involvement.
fr | +NATO +EU | La Russie a qualifié les accusations d'infondées, et ni les experts de l'OTAN ni ceux \
de la Commission européenne n'ont trouvé de preuve de son implication.
fr | +EU | Selon la presse, ce groupe serait à l'origine du vol de la messagerie du président de la \
Commission européenne en juillet.
# guard: a body in a sentence of its own, with no story
en | -NATO -EU | Russia called the accusations unfounded. NATO held a summit in Vilnius in July, and \
European Commission experts met in Brussels.
"""


@pytest.mark.parametrize("line", rows(BODIES_IN_ACCUSATIONS))
def test_an_international_body_takes_part_in_a_sentence_of_an_accusation(nlps, line):
    """International bodies are actors where they take part in the story: a sentence with a
    cyber or story word, and now also one with the words of an accusation (``perpetrator_cues``:
    'accusations', « à l'origine »): "neither NATO nor European Commission experts were able to
    find any proof", the EU as a victim "à l'origine du vol" of its president's mail."""
    check(nlps, line)


BLAMED_EN = "The United States formally blamed North Korea for the ransomware attack on the hospitals. "
BLAMED_FR = "Les États-Unis ont accusé la Corée du Nord de la cyberattaque contre les hôpitaux. "
OP_ED_EN = 'wrote an op-ed about this charge, saying "We do not make it lightly."'
OP_ED_FR = "a écrit une tribune sur cette accusation, affirmant qu'elle était fondée."
TITLED_EN = "The President's Homeland Security Advisor, Jane Keller, said the hackers were North Korean."
PARTICIPLES = f"""
en | +JANE_KELLER | {BLAMED_EN}Jane Keller, the adviser, {OP_ED_EN}
fr | +JEANNE_KELLER | {BLAMED_FR}La conseillère du président, Jeanne Keller, {OP_ED_FR}
en | +JANE_KELLER -HOMELAND_SECURITY_ADVISOR | {TITLED_EN}
# guards: writing with no speech participle
en | -JANE_KELLER | {BLAMED_EN}Jane Keller, the adviser, wrote a book about her childhood.
fr | -JEANNE_KELLER | {BLAMED_FR}La conseillère du président, Jeanne Keller, a écrit un livre sur son enfance.
"""


@pytest.mark.parametrize("line", rows(PARTICIPLES))
def test_the_subject_of_a_speech_participle_speaks(nlps, line):
    """The subject of a verb a speech participle goes with speaks ("X wrote an op-ed about this
    charge, saying ...", « X a écrit une tribune ..., affirmant que ... »: ``speech_participles``),
    so takes part in the story though the sentence has no cyber word; and an entity that ends
    with a title, before a person's name in apposition ("the President's Homeland Security
    Advisor, Jane Roe,"), is that person's title, not a second person listed with her."""
    check(nlps, line)


GRU_EN = "GRU officers Ivan Petrovich Sidorov (Иван Петрович Сидоров) and Oleg Nikolayevich Smirnov"
GRU_FR = "Les officiers du GRU Ivan Petrovitch Sidorov et Oleg Smirnov"
FSB_EN = "a reward for information on Federal Security Service (FSB) officers"
FSB_FR = "une récompense pour des informations sur les officiers du Service fédéral de sécurité (FSB)"
NAMES_EN = "Ivan Petrovich Sidorov, Oleg Nikolayevich Smirnov, and Boris Ilyich Volkov"
NAMES_FR = "Ivan Petrovitch Sidorov, Oleg Nikolaïevitch Smirnov et Boris Ilitch Volkov"
PAIR = "-IVAN_SIDOROV -OLEG_SMIRNOV"
OFFICERS = f"""
en | +IVAN_PETROVICH_SIDOROV +OLEG_NIKOLAYEVICH_SMIRNOV | {GRU_EN} (Олег Николаевич Смирнов) were \
members of a conspiracy that deployed destructive malware against victim computers.
en | +IVAN_PETROVICH_SIDOROV +BORIS_ILYICH_VOLKOV | The State Department is offering {FSB_EN} \
{NAMES_EN} for their alleged involvement in computer intrusions against an energy company.
fr | +IVAN_PETROVITCH_SIDOROV +OLEG_SMIRNOV | {GRU_FR} ont déployé un logiciel malveillant \
contre des ordinateurs.
fr | +IVAN_PETROVITCH_SIDOROV +BORIS_ILITCH_VOLKOV | Les États-Unis offrent {FSB_FR} {NAMES_FR}, \
impliqués dans des intrusions informatiques.
# guards: the same titles in a sentence with no cyber word, and officers of a body that is no service
en | {PAIR} | GRU officers Ivan Sidorov and Oleg Smirnov attended a football match in Moscow last year.
fr | {PAIR} | Les officiers du GRU Ivan Sidorov et Oleg Smirnov ont assisté à un match de football à Moscou.
en | {PAIR} | Bank officers Ivan Sidorov and Oleg Smirnov found malware on the servers of the GRU.
"""


@pytest.mark.parametrize("line", rows(OFFICERS))
def test_officers_of_an_offensive_service_named_in_a_cyber_sentence_take_part(nlps, line):
    """Names listed under a title of membership ("officers", ``member_role_nouns``) of a threat
    group or an offensive service ("GRU officers X and Y", "Federal Security Service (FSB)
    officers X, Y and Z", « les officiers du GRU X et Y ») in a sentence with a cyber word are the
    story's people, whatever the parser hangs the list on and over each name's own script in
    brackets; such titles with no cyber word, or of a body that is no service, name nobody."""
    check(nlps, line)


SANCTIONS_EN = "\n\nThe United States is imposing sanctions on the GRU for its cyber attacks on our networks."
REWARD_EN = (
    "\n\nThe Department of State is offering a reward for information on GRU hackers who hit our networks."
)
SANCTIONS_FR = "\n\nLa France condamne les cyberattaques du GRU contre nos réseaux."
BYLINES = [
    ("en", "+JANE_Q_ROE", "Jane Q. Roe, Secretary of State" + SANCTIONS_EN),
    ("en", "+JACK_DOE", "Jack Doe, Department Spokesperson" + REWARD_EN),
    ("fr", "+JEANNE_ROE", "Jeanne Roe, ministre des Affaires étrangères" + SANCTIONS_FR),
    # guards: a byline with no title word (a journalist's), a name with a title in the text's body
    ("en", "-JACK_DOE", "Jack Doe, Staff Writer" + SANCTIONS_EN),
    (
        "en",
        "-JANE_Q_ROE",
        SANCTIONS_EN.strip() + " Jane Q. Roe, Secretary of State, visited Paris on Monday.",
    ),
]


@pytest.mark.parametrize("lang, expected, text", BYLINES)
def test_the_byline_of_a_statement_speaks(nlps, lang, expected, text):
    """A statement whose first line is only a name and a title ("Jane Q. Roe, Secretary of State",
    « Jeanne Roe, ministre des Affaires étrangères ») is that official's: he speaks in all of it
    when it has a cyber word; a name whose title has no title word (a journalist's byline) or a
    name with a title in the body does not speak by that."""
    check(nlps, f"{lang} | {expected} | {text}")


TABRIZI = "+REZA_HOSSEINI_TABRIZI +ALI_KARIMI"
STATE_ACTORS = f"""
en | {TABRIZI} | The Department seeks information on Iranian cyber actors Reza Hosseini Tabrizi and \
Ali Karimi, contractors of a company who took part in an operation to interfere with the election.
fr | {TABRIZI} | Le département cherche des informations sur les acteurs cyber iraniens Reza Hosseini \
Tabrizi et Ali Karimi, qui ont participé à une opération visant à perturber l'élection.
# guards: such heads in a sentence with no cyber word, a state's officials
en | {PAIR} | Russian spies Ivan Sidorov and Oleg Smirnov attended a football match in Moscow.
fr | {PAIR} | Les espions russes Ivan Sidorov et Oleg Smirnov ont assisté à un match de football.
en | -REZA_TABRIZI -ALI_KARIMI | Iranian officials Reza Tabrizi and Ali Karimi met the minister.
"""


@pytest.mark.parametrize("line", rows(STATE_ACTORS))
def test_a_states_cyber_actors_named_in_a_cyber_sentence_take_part(nlps, line):
    """Names listed right after a state's (or a group's) cyber actors ("Iranian cyber actors X and
    Y", « les acteurs cyber iraniens X et Y »: ``actor_heads``, the nationality in the head's
    phrase) in a sentence with a cyber word are the story's people, as officers of a service are;
    such heads with no cyber word, or a state's officials, name no one by that."""
    check(nlps, line)


# The recogniser's slips in lists of names glossed in their own script, set by hand: a name glued to
# its gloss and taken for one organisation's name, a first name left out of a person's name.
GLOSSES = "Ivan Petrovich Sidorov ( Иван Сидоров ) {} Petr Nikolayevich Orlov ( Петр Орлов )"
GLUED = [
    ("en", "officers " + GLOSSES.format(", and") + " hacked"),
    ("fr", "les officiers " + GLOSSES.format("et") + " ont"),
]


@pytest.mark.parametrize("lang, words", GLUED)
def test_a_listed_name_glued_to_its_gloss_is_a_person(lang, words):
    """A name the recogniser glued to its gloss ("Petr Nikolayevich Orlov (Петр Орлов", taken for
    an organisation) is read up to the bracket: listed after a person, it is a person too."""
    tokens = words.split()
    doc = Doc(spacy.blank(lang).vocab, words=tokens)
    first = tokens.index("Ivan")
    glued = tokens.index("Petr")
    people = [Span(doc, first, first + 3, label="PERSON")]
    ents = [*people, Span(doc, glued, tokens.index("Орлов") + 1, label="ORG")]
    context = load_context(lang)
    found = listed_people(doc, ents, people, context["list_words"], set(), set())
    assert [span.text for span in found] == [" ".join(tokens[glued : glued + 3])]


@pytest.mark.parametrize("lang, words", GLUED)
def test_a_first_name_the_recogniser_cut_off_keeps_the_list_under_its_title(lang, words):
    """Back from the last name of a list of officers ("GRU officers Ivan | Petrovich Sidorov (...)
    and Petr Orlov"), a first name the recogniser left out of the name before it is crossed to
    reach the title."""
    words = words.replace("officers", "GRU officers").replace("officiers", "officiers du GRU")
    tokens = words.split()
    doc = Doc(spacy.blank(lang).vocab, words=tokens, sent_starts=[True] + [False] * (len(tokens) - 1))
    service = tokens.index("GRU")
    mentions = [(Span(doc, service, service + 1, label="agency", kb_id="GRU"), "name")]
    cut = tokens.index("Ivan") + 1  # the recogniser's "Petrovich Sidorov", without "Ivan"
    last = tokens.index("Petr")
    people = [Span(doc, cut, cut + 2, label="PERSON"), Span(doc, last, last + 3, label="PERSON")]
    context = {**load_context(lang), "cyber": re.compile("hack|ont")}  # (the sentence's cyber word)
    gazetteer = SimpleNamespace(offensive={"GRU"})
    assert service_officer(doc, last, people, mentions, context, gazetteer)


def test_a_name_glued_to_its_gloss_alone_stays_what_it_was():
    """Guard: a name glued to its gloss that no list joins to a person is no person."""
    tokens = "Ivan Sidorov said the attack on Rosneft Oil Company ( Роснефть ) was claimed".split()
    doc = Doc(spacy.blank("en").vocab, words=tokens)
    people = [Span(doc, 0, 2, label="PERSON")]
    ents = [*people, Span(doc, 6, 11, label="ORG")]
    assert listed_people(doc, ents, people, load_context("en")["list_words"], set(), set()) == []
