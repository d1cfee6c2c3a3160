"""Who claims an attack, the sanctioned and the designated, EN and FR (actor_linker): threat
groups named only as those who claim responsibility; persons and organisations named only as
what a sanction or a designation is aimed at; a victim described by its state's possessive."""

from __future__ import annotations

import pytest
from actor_support import check, ids, load_nlps, rows


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


MEASURED = """
en | +OLEG_IVANOVICH_SOROKIN | The Treasury designated Oleg Ivanovich Sorokin, a LockBit leader, for his role.
en | +DMITRY_OLEGOVICH_SOROKIN | OFAC designated Dmitry Olegovich Sorokin, a Russian national, for ransomware.
fr | +OLEG_SOROKIN | Le Trésor a désigné Oleg Sorokin, un ressortissant russe, pour son rôle dans le piratage.
en | +NETFORTRESS | Australia imposed sanctions on a hosting entity – Netfortress – for its role in the hack.
en | +COINBRIDGE_IO | OFAC sanctioned Coinbridge.io (Coinbridge), a mixer that launders funds for hackers.
en | +PYONGYANG_TRADING | Kim Ho worked for Pyongyang Trading, which OFAC is sanctioning for the cyber heists.
fr | +COINBRIDGE | Le Trésor a sanctionné Coinbridge, un mélangeur qui blanchit les fonds des pirates.
fr | +NETFORTRESS | L'Australie a imposé des sanctions contre Netfortress pour son rôle dans la cyberattaque.
# guards: a designation to an office, a sanction that tells no cyber story
en | -MR_HAMPTON | Mr Hampton says partners attributed the cyber-attack to the Russian Government.
en | -JANE_SMITH | The President designated Jane Smith as the new ambassador to Japan.
en | -ROSNEFT_TRADING | OFAC sanctioned Rosneft Trading, an oil trader, for its role in evading the embargo.
fr | -PETROLIA | Le Trésor a sanctionné Petrolia, un négociant en pétrole, pour avoir contourné l'embargo.
"""


@pytest.mark.parametrize("line", rows(MEASURED))
def test_what_a_sanction_or_a_designation_is_aimed_at_takes_part(nlps, line):
    check(nlps, line)


VICTIMS = """
en | +KYIVSTAR | Hackers of the GRU disrupted Kyivstar, Ukraine's biggest mobile operator, for two days.
en | +BEELINE | A hacking group claimed a cyberattack on Beeline, Kazakhstan's largest mobile operator.
fr | +KYIVSTAR | Des pirates du GRU ont paralysé Kyivstar, le plus grand opérateur mobile d'Ukraine.
"""


@pytest.mark.parametrize("line", rows(VICTIMS))
def test_an_organisation_described_with_its_state_s_possessive(nlps, line):
    check(nlps, line)


WEAK_ONLY = {
    "en": (
        "Foreign interference remains a threat to Canada. Canada continues to be targeted by foreign "
        "states such as Russia and China, which seek to advance their political and economic interests "
        "at the expense of Canadians. Russia and its intelligence services run disinformation campaigns "
        "about vaccines. The growing use of the internet and social media by these states is a challenge "
        "for the intelligence community, the minister wrote in a letter to all members of Parliament."
    ),
    "fr": (
        "L'ingérence étrangère demeure une menace pour le Canada. Le Canada continue d'être ciblé par des "
        "États étrangers, tels que la Russie et la Chine, qui cherchent à promouvoir leurs intérêts "
        "politiques et économiques au détriment des Canadiens. La Russie et ses services de renseignement "
        "mènent des campagnes de désinformation sur les vaccins. L'utilisation accrue de l'Internet et des "
        "médias sociaux par ces États est un défi pour le renseignement, écrit le ministre aux députés."
    ),
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_internet_alone_tells_no_cyber_story(nlps, lang):
    assert ids(nlps[lang](WEAK_ONLY[lang])) == set()
    hacked = WEAK_ONLY[lang].replace("internet", "hacking" if lang == "en" else "piratage informatique")
    assert {"RUS", "CHN"} <= ids(nlps[lang](hacked.replace("Internet", "piratage informatique")))


SERIAL_COMMA = """
en | +APT10 -JPN -BRA -CAN | The hackers of APT10 stole data from servers in Japan, Brazil, and Canada.
en | +APT10 -USA | APT10 hit targets worldwide, including in Europe, Asia, and the United States.
fr | +APT10 -JPN -BRA -CAN | Les pirates d'APT10 ont volé des données au Japon, au Brésil et au Canada.
# guards: a list of attacked states stays
en | +JPN +BRA +CAN | The hackers of APT10 attacked Japan, Brazil, and Canada.
"""


@pytest.mark.parametrize("line", rows(SERIAL_COMMA))
def test_a_serial_comma_keeps_a_list_of_places(nlps, line):
    check(nlps, line)


CASES = """
en | +TIANHE_DIGITAL_TECHNOLOGY_COMPANY | The defendants worked for Tianhe Digital Technology Company.
en | +ORION_TRADING_COMPANY | The indictment says that Orion Trading Company paid the officers.
fr | +TIANHE_NUMERIQUE | Les prévenus travaillaient pour une société chinoise appelée Tianhe Numérique.
"""


@pytest.mark.parametrize("line", rows(CASES))
def test_an_organisation_in_a_sentence_about_a_case_takes_part(nlps, line):
    check(nlps, line)


CUT_NAMES = """
fr | +RSA_SYSTEMS | Le groupe a piraté de nombreuses sociétés comme RSA Systems, Vallourec ou Nordic Tobacco.
en | +RSA_SYSTEMS | The group hacked many companies such as RSA Systems, Vallourec and Nordic Tobacco.
"""


@pytest.mark.parametrize("line", rows(CUT_NAMES))
def test_a_name_the_recogniser_cut_after_its_first_word(nlps, line):
    check(nlps, line)


LAUNCHERS = """
en | +RED_LOTUS_UNION | Red Lotus Union proceeded to launch a series of attacks on government websites.
en | +NIGHT_OWLS | Night Owls launched DDoS attacks on the websites of several banks.
fr | +LUNE_NOIRE | Lune Noire a lancé une vague d'attaques informatiques contre les sites des ministères.
# guards: what is launched is no attack; a person is no group
en | -NIGHT_OWLS | Night Owls launched a new album about hacking.
fr | -LUNE_NOIRE | Lune Noire a lancé un nouvel album sur le piratage informatique.
en | -JOHN_SMITH_GROUP -JOHN_SMITH | John Smith launched a new campaign about cyber hygiene.
"""


@pytest.mark.parametrize("line", rows(LAUNCHERS))
def test_who_launches_an_attack_is_a_group_of_the_story(nlps, line):
    check(nlps, line)


NEGOTIATIONS = """
en | -IRN | The malware infected computers in hotels that hosted the negotiations with Iran.
fr | -IRN | Le logiciel malveillant a infecté des hôtels qui accueillaient les négociations avec l'Iran.
# guard: the party named again where it acts stays
en | +IRN | The malware infected computers in hotels that hosted the negotiations with Iran; Iran hacked them.
"""


@pytest.mark.parametrize("line", rows(NEGOTIATIONS))
def test_the_other_party_of_negotiations_is_background(nlps, line):
    check(nlps, line)


NAMED_ACTIVITIES = """
en | -GHOSTWRITER | We denounced malicious cyber activities, collectively designated as Ghostwriter, in 2021.
fr | -GHOSTWRITER | Nous avons dénoncé des activités malveillantes, désignées sous le nom de Ghostwriter.
# guard: a group so designated is still the group
en | +GHOSTWRITER | The EU sanctioned the group designated as Ghostwriter for its cyberattacks on elections.
"""


@pytest.mark.parametrize("line", rows(NAMED_ACTIVITIES))
def test_a_name_given_to_activities_names_no_group(nlps, line):
    check(nlps, line)


@pytest.mark.parametrize(
    "lang, text",
    [
        (
            "en",
            "Canada imposed a cyber sanction on Russian national Pavel Orlovsky for his role in the hack "
            "of the insurer.",
        ),
        (
            "fr",
            "Le Canada a imposé une cybersanction contre le ressortissant russe Pavel Orlovsky pour son "
            "rôle dans le piratage de l'assureur.",
        ),
    ],
)
def test_a_sanctioned_national_the_recogniser_missed_is_a_person(nlps, lang, text):
    """'a sanction on Russian national X' with no entity on the name (the recogniser missed it, as
    it does in some texts): a person, not a discovered company that takes his id (and, with it,
    the person's later mentions)."""
    nlp = nlps[lang]
    with nlp.select_pipes(disable=["ner"]):
        doc = nlp(text)
    kinds = {s.kb_id_: s.label_ for s in doc.spans["actors"]}
    assert kinds.get("PAVEL_ORLOVSKY") == "person", kinds
