"""Who claims an attack, the sanctioned and the designated, EN and FR (actor_linker): threat
groups named only as those who claim responsibility."""

from __future__ import annotations

import pytest
from actor_support import check, load_nlps, rows


@pytest.fixture(scope="module")
def nlps():
    return load_nlps()


CLAIMERS = """
en | +ANONYMOUS +BRAVE_CODERS | The groups Anonymous and Brave Coders claimed responsibility for the hack.
en | +SUNWIND | The hacking group, Sunwind, claimed responsibility for the cyberattack on the mobile operator.
en | +NIGHT_OWLS_TEAM | The cyberattack on the ministry's servers was claimed by Night Owls Team.
fr | +FRONT_NUMERIQUE | Les cyberattaques contre les mairies, revendiquées par le Front numérique, ont duré.
fr | +LUNE_NOIRE | Le collectif Lune Noire a revendiqué l'attaque informatique contre l'opérateur.
fr | +SUNWIND | Sunwind a revendiqué la cyberattaque contre les serveurs du ministère.
# guards: a claim of a bombing is no cyber story; a pronoun claims nobody new
en | -NORTHERN_FRONT | The Northern Front claimed responsibility for the bombing of the embassy.
fr | -FRONT_DU_NORD | Le Front du Nord a revendiqué l'attentat contre l'ambassade.
en | -IT | It claimed responsibility for the cyberattack on the ministry.
fr | -VELORA | Le pirate informatique Velora a revendiqué la cyberattaque contre le ministère.
fr | -INEDITE | Inédite, ensuite, par le nombre de groupes d'hacktivistes revendiquant ces cyberattaques.
"""


@pytest.mark.parametrize("line", rows(CLAIMERS))
def test_who_claims_a_cyberattack_is_a_group_of_the_story(nlps, line):
    check(nlps, line)
