"""Actors a speaker only refers a question to or declines to speak to, actors named only in an open
question, and titled people, EN and FR (actor_linker)."""

from __future__ import annotations

import pytest
from actor_support import check, ids, load_nlps, rows

from extract.pipeline import with_fields
from extract.records import Document


@pytest.fixture(scope="module")
def nlps():
    return load_nlps()


STORY_EN = "Hackers of the GRU broke into the ministry's network. "
STORY_FR = "Des pirates du GRU ont pénétré le réseau du ministère. "

REFERRALS = f"""
en | -FBI -DOJ | {STORY_EN}On the ransomware, I'd refer you to the FBI and the Department of Justice on that.
en | -FBI | {STORY_EN}That is a question the FBI would speak to.
en | -DOJ | {STORY_EN}The Department of Justice would have to speak to that.
en | -FBI | {STORY_EN}I'm going to defer to the FBI on the details.
fr | -ANSSI | {STORY_FR}Sur ce point, je vous renvoie à l'ANSSI.
fr | -ANSSI | {STORY_FR}L'ANSSI pourra vous répondre sur ce point.
# guards: a body that acts, or that will speak of something named, keeps its part
en | +FBI | The FBI said hackers of the GRU broke into the ministry's network.
en | +FBI | {STORY_EN}The FBI will address the intrusion in a joint advisory with partners.
en | +FBI | {STORY_EN}The FBI referred the case to prosecutors.
fr | +ANSSI | L'ANSSI a indiqué que des pirates du GRU ont pénétré le réseau du ministère.
"""


@pytest.mark.parametrize("line", [line for line in REFERRALS.strip().splitlines() if "|" in line])
def test_a_body_a_question_is_referred_to_plays_no_part(nlps, line):
    """ "I'd refer you to the FBI", "a question the FBI would speak to", « je vous renvoie à
    l'ANSSI », « l'ANSSI pourra vous répondre »: the speaker names who will answer, not an actor."""
    lang, expected, text = (part.strip() for part in line.split("|", 2))
    found = ids(nlps[lang](text))
    for item in expected.split():
        assert (item[1:] in found) == (item[0] == "+"), (item, found)


NSA = (
    "On Tuesday, May 6, National Security Advisor Liz Randall, Republic of Korea National Security "
    "Advisor Park Jinwoo, and Japanese National Security Advisor Okano Masataka met in Seoul and "
    "condemned North Korea's cyberattacks."
)
TITLED = f"""
en | -JAPANESE_NATIONAL_SECURITY | {NSA}
en | -JAPANESE_FOREIGN_MINISTER | Canadian Foreign Minister Anita Lanham, and Japanese Foreign Minister \
Hayashi Kenta condemned the Russian cyberattacks on the ministry.
fr | -CONSEILLER_JAPONAIS | La conseillère Anne Moreau, et le conseiller japonais à la sécurité \
nationale Okano Masataka ont condamné les cyberattaques nord-coréennes.
"""


@pytest.mark.parametrize("line", [line for line in TITLED.strip().splitlines() if "|" in line])
def test_a_title_with_a_country_before_a_listed_name_is_no_person(nlps, line):
    """ "Japanese National Security Advisor Okano Masataka" in a list of officials: the title
    phrase the NER took for an organisation is no person of the list; the name after it is."""
    lang, expected, text = (part.strip() for part in line.split("|", 2))
    found = ids(nlps[lang](text))
    for item in expected.split():
        assert (item[1:] in found) == (item[0] == "+"), (item, found)
    assert any(actor.startswith("OKANO") or actor.startswith("HAYASHI") for actor in found), found


TRANSCRIPTS = [
    # the speaker's "we" in a turn about the hack, in a White House transcript: the speaker and USA
    (
        "en",
        "Press Briefing by Press Secretary Dana Whitcombe",
        "The White House",
        "Q Thanks. On the hack of the Treasury networks by the Chinese group APT41 — any update?\n\n"
        "MS. WHITCOMBE: So we are not going to get ahead of the investigation.\n\n"
        "Q Will China face consequences?\n\nMS. WHITCOMBE: Again, I'd leave it there.",
        {"+DANA_WHITCOMBE", "+USA"},
    ),
    (
        "fr",
        "Point de presse du porte-parole Paul Garnier",
        "Ministère de l'Europe et des Affaires étrangères",
        "Q Sur la cyberattaque du groupe APT28 contre le ministère, avez-vous des éléments ?\n\n"
        "M. GARNIER : Nous ne commentons pas une enquête en cours.",
        {"+PAUL_GARNIER", "+FRA"},
    ),
    # guards: no publisher, no state; a question's "we" is the journalist's (the hack of a bank:
    # a state organ as the victim would bring its state)
    (
        "en",
        "Press Briefing by Press Secretary Dana Whitcombe",
        None,
        "Q On the hack of the bank by the Chinese group APT41 — any update?\n\n"
        "MS. WHITCOMBE: So we are not going to get ahead of the investigation.",
        {"+DANA_WHITCOMBE", "-USA"},
    ),
]


@pytest.mark.parametrize(("lang", "title", "publisher", "text", "expected"), TRANSCRIPTS)
def test_a_transcript_speaker_answering_a_cyber_question_speaks_for_the_publisher_s_state(
    nlps, lang, title, publisher, text, expected
):
    """ "Q ... the hack ...? MS. X: So we are not going to ...": the labelled speaker answers the
    question about the hack (his turn is about it), and his "we" (« nous ») is the state of the
    official body that publishes the transcript."""
    nlp = nlps[lang]
    document = Document(id="x", text=text, lang=lang, title=title, publisher=publisher)
    found = ids(nlp(with_fields(nlp, document)))
    for item in expected:
        assert (item[1:] in found) == (item[0] == "+"), (item, found)


CAMPAIGNS = """
en | +TRUMP_CAMPAIGN -DONALD_TRUMP | IRGC hackers broke into the Trump campaign's email accounts.
en | +TRUMP_CAMPAIGN -DONALD_TRUMP | Iranian hackers stole files from former President Trump's campaign.
fr | +TRUMP_CAMPAIGN -DONALD_TRUMP | Des pirates iraniens ont piraté la campagne de Donald Trump.
# guards: a campaign with its own complement is an operation, no candidate's
en | -PUTIN_CAMPAIGN | Vladimir Putin's campaign against Ukraine included cyberattacks by the GRU.
en | -CLINTON_CAMPAIGN +JOHN_PODESTA | Hackers stole the emails of Clinton campaign chairman John Podesta.
fr | -PUTIN_CAMPAIGN | La campagne de Vladimir Poutine contre l'Ukraine comprenait des cyberattaques du GRU.
"""


@pytest.mark.parametrize("line", [line for line in CAMPAIGNS.strip().splitlines() if "|" in line])
def test_a_candidate_s_campaign_is_an_organisation_not_the_candidate(nlps, line):
    """ "the Trump campaign", « la campagne de Donald Trump »: the campaign is hacked, not the
    candidate; "Putin's campaign against Ukraine" is no electoral campaign."""
    lang, expected, text = (part.strip() for part in line.split("|", 2))
    found = ids(nlps[lang](text))
    for item in expected.split():
        assert (item[1:] in found) == (item[0] == "+"), (item, found)


COMMUNIQUES = [
    ("en", "NATO Summit Communiqué", "We condemn Russia's cyberattacks.", {"+NATO"}),
    ("fr", "Déclaration des ministres du G7", "Nous condamnons les cyberattaques russes.", {"+G7"}),
    # guards: a title with no communiqué noun; a communiqué of two bodies says not which one speaks
    ("en", "NATO and the cyber threat", "We condemn Russia's cyberattacks.", {"-NATO"}),
    ("en", "G7 and NATO Joint Statement", "We condemn Russia's cyberattacks.", {"-NATO", "-G7"}),
]


@pytest.mark.parametrize(("lang", "title", "text", "expected"), COMMUNIQUES)
def test_a_communique_s_we_is_the_body_its_title_names(nlps, lang, title, text, expected):
    """ "NATO Summit Communiqué": "We condemn Russia's cyberattacks" — NATO
    speaks; « Déclaration des ministres du G7 » : « Nous condamnons » — the G7."""
    nlp = nlps[lang]
    found = ids(nlp(with_fields(nlp, Document(id="x", text=text, lang=lang, title=title))))
    for item in expected:
        assert (item[1:] in found) == (item[0] == "+"), (item, found)


AUTHORITY = """
fr | -AUTORITE_DU_GOUVERNEMENT | Des pirates du GRU ont attaqué le ministère. Une cellule a été créée sous \
l'autorité du Gouvernement pour attribuer les cyberattaques.
fr | -AUTORITE_DU_PREMIER_MINISTRE | Des pirates du GRU ont attaqué le ministère. Le service agit sous \
l'autorité du Premier ministre pour attribuer les cyberattaques.
en | -AUTHORITY_OF_THE_GOVERNMENT | GRU hackers attacked the ministry. A cell was set up under the authority \
of the Government to attribute the cyberattacks.
# guard: a descriptor before a proper name still names a body
fr | +UNIVERSITE_DE_RENNES | Des pirates du GRU ont attaqué les serveurs de l'université de Rennes.
"""


@pytest.mark.parametrize("line", [line for line in AUTHORITY.strip().splitlines() if "|" in line])
def test_the_authority_of_the_government_is_no_discovered_body(nlps, line):
    """« sous l'autorité du Gouvernement »: a descriptor before an institution noun names the
    institution's power, no body of its own; « l'université de Rennes » is one."""
    lang, expected, text = (part.strip() for part in line.split("|", 2))
    found = ids(nlps[lang](text))
    for item in expected.split():
        assert (item[1:] in found) == (item[0] == "+"), (item, found)


QUESTION_STORY_EN = "The DarkSide ransomware gang broke into the pipeline operator's network last week. "
QUESTION_STORY_FR = "Le gang DarkSide a pénétré le réseau de l'exploitant du pipeline la semaine dernière. "

QUESTIONS = f"""
en | -RUS | {QUESTION_STORY_EN}Q Do you have any information on whether the attack has ties to Russia?
en | -IRN | {QUESTION_STORY_EN}Q If it is determined that Iran was behind the hack, how would you respond?
fr | -RUS | {QUESTION_STORY_FR}Savez-vous si l'attaque a des liens avec la Russie ?
fr | -IRN | {QUESTION_STORY_FR}Si l'Iran était derrière l'attaque, comment le gouvernement réagirait-il ?
# guards: a question that says who did it, an actor also named outside the question, a statement
en | +RUS | Q Why did Russia hack the pipeline operator's network last week?
en | +RUS | Russia broke into the pipeline operator's network. Q Do you know whether Russia will stop?
en | +IRN | {QUESTION_STORY_EN}The FBI found that Iran was behind the hack, officials said.
fr | +RUS | La Russie a pénétré le réseau de l'exploitant. Savez-vous si la Russie va continuer ?
"""


@pytest.mark.parametrize("line", rows(QUESTIONS))
def test_an_actor_named_only_in_an_open_question_plays_no_part(nlps, line):
    """ "Do you know whether the attack has ties to Russia?", "If Iran was behind it, how would
    you respond?", « Savez-vous si l'attaque a des liens avec la Russie ? »: the journalist asks
    whether someone did it; the answer, not the question, tells the story."""
    check(nlps, line)


GRID_Q_EN = "Q Has Russia targeted the grid? MS. HOLT: "
GRID_Q_FR = "Q La Russie a-t-elle visé le réseau électrique ? Mme HOLT : "
DECLINED = f"""
en | -VLADIMIR_PUTIN +RUS | {GRID_Q_EN}I can’t speak to Putin or Russian leadership’s thinking on cyber.
en | -VLADIMIR_PUTIN +RUS | {GRID_Q_EN}I won’t comment on Putin’s plans for cyberattacks against the grid.
fr | -VLADIMIR_PUTIN | {GRID_Q_FR}Je ne peux pas me prononcer sur la stratégie cyber de Poutine.
# guards: a conversation with the person; a declined topic that names nobody
en | +VLADIMIR_PUTIN | {GRID_Q_EN}The President will speak to Putin about cyberattacks against the grid.
en | +GRU | {GRID_Q_EN}I can’t speak to that, but the GRU hacked the grid in 2016.
fr | +GRU | {GRID_Q_FR}Je ne peux pas me prononcer sur ce point, mais le GRU a piraté le réseau en 2016.
"""


@pytest.mark.parametrize("line", rows(DECLINED))
def test_a_person_a_speaker_declines_to_speak_to_plays_no_part(nlps, line):
    """What a speaker declines to speak to ("I can’t speak to Putin or Russian leadership’s
    thinking", "I won’t comment on Putin’s plans", « je ne peux pas me prononcer sur la stratégie
    de Poutine »: one of ``declined_preps`` on a negated one of ``answer_verbs``, the name inside
    its object) names no part in the story there; a conversation ("will speak to Putin") stays."""
    check(nlps, line)
