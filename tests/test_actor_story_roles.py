"""Who plays a role in the cyber story, EN and FR (actor_linker): named French agencies, a
state's administrations hit by an attack, heads of state who act, states named only in the
background of a war or a summit."""

from __future__ import annotations

import pytest
from actor_support import ids, load_nlps


@pytest.fixture(scope="module")
def nlps():
    return load_nlps()


def check(pipelines: dict, line: str) -> None:
    lang, expected, text = (part.strip() for part in line.split("|", 2))
    found = ids(pipelines[lang](text))
    for item in expected.split():
        assert (item[1:] in found) == (item[0] == "+"), (item, found, text)


def rows(table: str) -> list[str]:
    return [line for line in table.strip().splitlines() if "|" in line and not line.startswith("#")]


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
