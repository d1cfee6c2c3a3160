"""Actors the linker should not find, EN and FR (actor_linker), with guards that keep the real
ones: an offensive service in a text that tells of no operation, a union's adjective in a list
before plural bodies, a maker named in camel case in a list before a product noun, a body named as
the author of standing sanctions or resolutions, states in a list that ends with "elsewhere", an
agency named only as who counts incidents, a school named only as where hackers graduated, who
published the document a name appears in, a sponsor named by nobody, a group named only as what
another is compared with, the parent body of a person's office, the other party of a cooperation,
sanctions aimed at no one named, an agency in the title of an official who is no subject, a
department acting for its state named outside the story, a state named after its own agency,
a newspaper named only as the venue of a piece, victims in an aside on a group's other
operations, a state after a site in a locative, a unit named after its owner's possessive, a
nominee and the bodies of the post, a body of a person's former post, a body that only
administers a programme, whom someone meets or calls; and, the other way, the cyber activities
of a named state make a story."""

from __future__ import annotations

import pytest
from actor_support import check, load_nlps, rows


@pytest.fixture(scope="module")
def nlps():
    return load_nlps()


# (long enough to be judged: the linker reads a text of 60 tokens or more for a cyber story)
FORCE_EN = (
    "The vision of the national cyber strategy is that the country will remain a responsible and "
    "democratic cyber power, able to protect its interests in and through cyberspace. The new "
    "cyber force is one of the elements that contribute to the strategy. It draws together "
    "personnel from {agency} and the defence ministry under one command, and it has helped to "
    "build a more integrated use of capabilities. The field remains new, and much is still to be "
    "learnt about how these capabilities can be used well.{extra}"
)
FORCE_FR = (
    "La stratégie nationale de cybersécurité veut que le pays reste une puissance cyber "
    "responsable et démocratique, capable de protéger ses intérêts dans le cyberespace. La "
    "nouvelle force cyber est l'un des éléments qui y contribuent. Elle réunit du personnel du "
    "{agency} et du ministère de la défense sous un commandement unique, et elle a aidé à mieux "
    "intégrer l'emploi des capacités. Le domaine reste nouveau, et il reste beaucoup à apprendre "
    "sur la façon de bien employer ces capacités.{extra}"
)

OFFENSIVE = f"""
en | -GCHQ | {FORCE_EN.format(agency="GCHQ", extra="")}
en | -GRU | {FORCE_EN.format(agency="GRU", extra="")}
fr | -GCHQ | {FORCE_FR.format(agency="GCHQ", extra="")}
fr | -GRU | {FORCE_FR.format(agency="GRU", extra="")}
# guards: the same texts once they tell of an operation
en | +GRU | {FORCE_EN.format(agency="GRU", extra=" The GRU targeted the networks of a ministry.")}
fr | +GRU | {FORCE_FR.format(agency="GRU", extra=" Le GRU a ciblé les réseaux d'un ministère.")}
"""


@pytest.mark.parametrize("line", rows(OFFENSIVE))
def test_an_offensive_service_in_a_text_of_no_operation_names_nobody(nlps, line):
    """A service known for offensive operations (GCHQ, the GRU) names someone behind an operation
    only in a text that tells of one (a story word: an attack, a target, a network, data...): a
    strategy's foreword that says who staffs a cyber force tells no story, and has no actors."""
    check(nlps, line)


MEMBERS = """
en | -EU | The group infiltrated systems in campaigns targeting European and Asian governments.
fr | -EU | Le groupe a infiltré des systèmes en ciblant les gouvernements européens et asiatiques.
en | -EU | The hackers targeted Asian and European ministries in a cyber espionage campaign.
# guards: the union's own bodies, named or described
en | +EU | The European Union condemned the cyber attacks on the ministries of its members.
fr | +EU | L'Union européenne a condamné les cyberattaques contre les ministères de ses membres.
en | +EU | European authorities condemned the cyber attacks on the ministries of its members.
"""


@pytest.mark.parametrize("line", rows(MEMBERS))
def test_a_union_s_adjective_in_a_list_before_plural_bodies_names_its_members(nlps, line):
    """ "European and Asian governments", « les gouvernements européens et asiatiques »: the
    governments of member states, as "European governments" are, not the union's own."""
    check(nlps, line)


MAKERS = """
en | -MICROSOFT | Hackers of APT28 exploited vulnerabilities in Microsoft, VMware and Fortinet software.
fr | -MICROSOFT | Les pirates d'APT28 ont exploité des failles des logiciels de VMware et de Microsoft.
# guards: the company that speaks or is hit
en | +MICROSOFT | Microsoft said that hackers of APT28 exploited vulnerabilities in VMware software.
fr | +MICROSOFT | Microsoft dit que des pirates d'APT28 ont exploité des failles des logiciels de VMware.
"""


@pytest.mark.parametrize("line", rows(MAKERS))
def test_a_list_of_makers_before_a_product_noun_holds_names_in_camel_case(nlps, line):
    """A name written in camel case ("VMware") is a name of the list of makers before a product
    noun ("Microsoft, VMware and Fortinet software"), as a capitalised one is."""
    check(nlps, line)


REGIMES = """
en | -UN | Under the pressure of robust U.S. and UN sanctions, North Korea has relied on cybercrime.
en | -UN | The hackers of Lazarus Group work for the RGB, a U.S.- and UN-designated intelligence bureau.
en | -UN | Lazarus hackers stole funds, and the transfers violate United Nations Security Council resolutions.
fr | -UN | Sous la pression des sanctions de l'ONU, la Corée du Nord s'appuie sur la cybercriminalité.
fr | -UN | Des pirates du groupe Lazarus ont volé des fonds, en violation des résolutions de l'ONU.
# guards: a body that acts, and sanctions aimed at hackers
en | +UN | The UN Security Council condemned the cyber attacks by North Korean hackers.
en | +EU | The EU sanctions against the hackers of APT28 took effect today.
fr | +EU | Les sanctions de l'UE contre les pirates d'APT28 sont entrées en vigueur.
fr | +UN | Le Conseil de sécurité a condamné les cyberattaques des pirates nord-coréens.
"""


@pytest.mark.parametrize("line", rows(REGIMES))
def test_a_body_named_as_the_author_of_standing_sanctions_is_no_actor(nlps, line):
    """ "U.S. and UN sanctions", "UN-designated", "UN Security Council resolutions", « les
    sanctions de l'ONU », « les résolutions du Conseil de sécurité »: the body stands for a regime
    of measures, not for an actor of the cyber story; sanctions whose phrase names hackers or a
    cyber word keep it ("the EU sanctions against the hackers of APT28")."""
    check(nlps, line)


ELSEWHERE = """
en | -CHN | Park and his co-conspirators operated from North Korea, China, and elsewhere to hack banks.
fr | -CHN -IRN | Les pirates ont opéré depuis la Chine, l'Iran et ailleurs pour mener leurs attaques.
# guards: a list that goes on with a verb, 'elsewhere' after the verb
en | +CHN | China and Russia hacked networks in Europe and elsewhere.
fr | +CHN | La Chine et la Russie ont piraté des réseaux en Europe et ailleurs.
"""


@pytest.mark.parametrize("line", rows(ELSEWHERE))
def test_a_list_of_states_that_ends_with_elsewhere_is_a_list_of_places(nlps, line):
    """ "operated from North Korea, China, and elsewhere", « depuis la Chine, l'Iran et
    ailleurs »: the list's members are where something happens, as "elsewhere" is."""
    check(nlps, line)


HACK_EN, HACK_FR, NCSC = (
    "APT28 hacked the ministry. ",
    "APT28 a piraté le ministère. ",
    "the National Cyber Security Centre",
)
COUNTERS = f"""
en | -NCSC_UK | {HACK_EN}A third of the 396 incidents recorded by {NCSC} were linked to states.
en | -NCSC_UK | {HACK_EN}Criminals are behind most of the incidents that firms report to {NCSC}.
en | -NCSC_UK | Ransomware hit a firm. Criminals run most of the incidents New Zealanders report to {NCSC}.
fr | -ANSSI | {HACK_FR}Un tiers des incidents signalés à l'ANSSI étaient liés à des États.
fr | -ANSSI | {HACK_FR}Un tiers des incidents recensés par l'ANSSI étaient liés à des États.
# guards: the agency that acts on an incident, or attributes it
en | +NCSC_UK | The National Cyber Security Centre recorded the incident and attributed it to APT28.
en | +NCSC_UK | APT28 hacked the ministry, which reported the incident to the National Cyber Security Centre.
fr | +ANSSI | L'ANSSI a recensé les incidents et les a attribués à APT28.
"""


@pytest.mark.parametrize("line", rows(COUNTERS))
def test_an_agency_named_only_as_the_counter_of_incidents_is_no_actor(nlps, line):
    """ "the 396 incidents recorded by the NCSC", "the incidents firms report to the NCSC", « les
    incidents signalés à l'ANSSI »: a statistic's source, no part in the story; the agency that
    acts on an incident ("reported the incident to the NCSC") stays."""
    check(nlps, line)


UNI_EN, UNI_FR = "the University of Automation", "l'Université de l'automatisation"
SCHOOLS = f"""
en | -UNIVERSITY_OF_AUTOMATION | Bureau 121 conducts cyber attacks. Its hackers are graduates of {UNI_EN}.
fr | -UNIVERSITE_DE_L_AUTOMATISATION | Ses pirates sont des diplômés triés sur le volet de {UNI_FR}.
# guards: the institution that is hit
en | +UNIVERSITY_OF_AUTOMATION | Bureau 121 hackers stole the data of {UNI_EN}.
"""


@pytest.mark.parametrize("line", rows(SCHOOLS))
def test_a_school_named_only_as_where_hackers_graduated_is_no_actor(nlps, line):
    """ "graduates of the University of X", « des diplômés triés sur le volet de l'Université de
    X »: where the hackers studied, an affiliation, no part in the story."""
    check(nlps, line)


NAME_SOURCES = """
en | -WIKILEAKS | APT1 hacked firms. Its other name appears in a 2008 cable that WikiLeaks released.
fr | -WIKILEAKS | APT1 a piraté des firmes. Ce nom est évoqué dans un câble de 2008 dévoilé par Wikileaks.
# guards: what WikiLeaks does in the story
en | +WIKILEAKS | APT28 hacked the party, and WikiLeaks published the stolen emails.
fr | +WIKILEAKS | APT28 a piraté le parti, et Wikileaks a publié les courriels volés.
"""


@pytest.mark.parametrize("line", rows(NAME_SOURCES))
def test_who_published_the_document_a_name_appears_in_is_a_naming_source(nlps, line):
    """ "the latter name appears in a 2008 cable released by WikiLeaks", « ce nom est évoqué dans
    un câble dévoilé par Wikileaks »: a clause about a name, over the mention; a naming source (also
    an organisation of kind 'other'), no part in the story."""
    check(nlps, line)


# (long enough to be judged: a text of 60 tokens or more is read for someone behind an operation)
ATTRIBUTION_FR = (
    "Après la détection d'une cyberattaque, il est essentiel de remonter à l'instigateur afin de lancer "
    "des poursuites ou de préparer une réponse adaptée. La décision d'attribution formelle d'une "
    "attaque majeure à son auteur ou à son commanditaire reste une décision politique. Les services "
    "de renseignement peuvent agir avec toute la palette de leurs capacités propres pour compléter "
    "les indices.{extra} La France n'a jamais entrepris d'attribution publique de cyberattaques."
)
SPONSORS = f"""
fr | -FRA | {ATTRIBUTION_FR.format(extra="")}
# guards: a sponsor who is named
fr | +RUS | {ATTRIBUTION_FR.format(extra=" La Russie est le commanditaire de ces attaques.")}
"""


@pytest.mark.parametrize("line", rows(SPONSORS))
def test_a_sponsor_named_by_nobody_tells_no_story(nlps, line):
    """« l'attribution d'une attaque à son auteur ou à son commanditaire »: the word of a sponsor
    (« commanditaire », as 'sponsor' in English) names someone behind an operation only with a
    named actor in its phrase or as its subject (« La Russie est le commanditaire »); a text on
    attribution in general has no actors."""
    check(nlps, line)


COMPARISONS = """
en | +APT29 -APT28 | APT29 hacked the ministry. Its toolset is reminiscent of the toolset of APT28.
en | -APT28 | APT29 hacked a ministry. Its toolset is reminiscent of APT28, which also uses the tool Xagent.
en | +APT29 -APT28 | APT29 hacked the ministry with tools similar to those of APT28.
fr | +APT29 -APT28 | APT29 a piraté le ministère. Ses outils ressemblent à ceux d'APT28.
fr | +APT29 -APT28 | APT29 a piraté le ministère avec des outils semblables à ceux d'APT28.
# guards: the group that is compared acts elsewhere; the one compared with acts too
en | +APT28 | APT28 hacked the ministry. Its toolset is reminiscent of older tools.
en | +APT28 | APT29 hacked the ministry. The toolset is similar to that of APT28, which hacked the Bundestag.
"""


@pytest.mark.parametrize("line", rows(COMPARISONS))
def test_a_group_named_only_as_what_another_is_compared_with_is_no_actor(nlps, line):
    """ "reminiscent of the toolset of Fancy Bear", "similar to those of APT28", « ressemblent à
    ceux d'APT28 »: the term of a comparison, no part in the story; a group that acts in the same
    sentence or elsewhere stays."""
    check(nlps, line)


CHAINS = """
en | -DOD | Officials charged APT10 hackers. It was announced by Director Jane Roe of the Defense \
Criminal Investigative Service (DCIS) of the U.S. Department of Defense.
fr | -ANSSI | Des responsables ont inculpé des pirates d'APT10. L'annonce a été faite par la directrice \
Marie Durand du Centre de coordination des crises cyber (C4) de l'ANSSI.
# guards: the body that speaks
en | +DOD | The U.S. Department of Defense said that APT10 hackers stole the data.
fr | +ANSSI | L'ANSSI a indiqué que des pirates d'APT10 avaient volé les données.
"""


@pytest.mark.parametrize("line", rows(CHAINS))
def test_the_parent_of_a_person_s_office_is_an_affiliation_too(nlps, line):
    """ "Director X of the Defense Criminal Investigative Service (DCIS) of the U.S. Department of
    Defense", « la directrice X du Centre ... (C4) de l'ANSSI »: the body the person's office
    belongs to is his affiliation as the office is, no part of its own."""
    check(nlps, line)


COOPERATION = f"""
en | -AUS | {HACK_EN}The United States and Japan remain committed to trilateral cooperation with Australia.
fr | -AUS | {HACK_FR}Les États-Unis et le Japon restent attachés à la coopération avec l'Australie.
# guards: a partner in a sentence that tells an attribution
en | +AUS | {HACK_EN}In cooperation with Australia, the UK attributed the hack to APT28.
"""


@pytest.mark.parametrize("line", rows(COOPERATION))
def test_the_other_party_of_a_cooperation_is_a_partner(nlps, line):
    """ "trilateral cooperation with Australia", « la coopération avec l'Australie »:
    a partner, as "in cooperation with" makes one, no part in the story outside an attribution."""
    check(nlps, line)


AUTHORITIES_EN = (
    "The Department of State works with the Department of the Treasury and other U.S. government "
    "agencies to identify individuals and entities whose conduct meets the criteria of the "
    "sanctions programs listed below{designate}. Executive Order 14000, issued in 2015, authorizes "
    "sanctions on individuals and entities responsible for or complicit in malicious "
    "cyber-enabled activities. {last}"
)
AUTHORITIES_FR = (
    "Le département d'État travaille avec le département du Trésor et d'autres agences du "
    "gouvernement américain pour identifier les personnes et entités dont la conduite répond aux "
    "critères des autorités énumérées ci-dessous. Le décret présidentiel 14000, pris en 2015, "
    "autorise des sanctions contre les personnes et entités responsables d'activités malveillantes "
    "dans le cyberespace ou complices de celles-ci. {last}"
)
RULE_EN = AUTHORITIES_EN.format(
    designate=", and designates them for sanctions",
    last="A later order authorizes sanctions on persons who interfere with election processes.",
)
RULE_FR = AUTHORITIES_FR.format(
    last="Un décret ultérieur autorise des sanctions contre les personnes qui interfèrent avec les élections."
)
ON_RUSSIA_EN = AUTHORITIES_EN.format(
    designate="",
    last="In 2018 the Treasury imposed sanctions on Russia for the hack of the election systems.",
)
OFFICERS_EN = AUTHORITIES_EN.format(
    designate="",
    last="In 2018 the Treasury designated three officers of the Russian government for sanctions "
    "over the hack of the election systems.",
)
ON_RUSSIA_FR = AUTHORITIES_FR.format(
    last="En 2018, le Trésor a imposé des sanctions contre la Russie pour le piratage des systèmes "
    "électoraux."
)
GENERIC_SANCTIONS = f"""
en | -USA -TREASURY | {RULE_EN}
fr | -USA -TREASURY | {RULE_FR}
# guards: a measure aimed at a named actor
en | +TREASURY +RUS | {ON_RUSSIA_EN}
en | +TREASURY | {OFFICERS_EN}
fr | +TREASURY +RUS | {ON_RUSSIA_FR}
"""


@pytest.mark.parametrize("line", rows(GENERIC_SANCTIONS))
def test_sanctions_aimed_at_no_one_named_tell_no_story(nlps, line):
    """ "authorizes sanctions on individuals and entities responsible for malicious cyber-enabled
    activities", "the sanctions programs listed below", "designates them for sanctions", « autorise
    des sanctions contre les personnes et entités responsables »: a page on sanctions authorities
    names no measure taken against someone, and no perpetrator."""
    check(nlps, line)


GRU_EN = "Hackers of the GRU broke into the ministry's network. "
PREFIX_TITLES = f"""
en | -FBI | {GRU_EN}I am joined in this announcement by FBI Deputy Director Jane Holt.
en | -FBI | {GRU_EN}I am joined by Special Agent in Charge of the FBI’s Denver Field Office John Roe.
# guards: the official speaks for his agency
en | +FBI | FBI Director Jane Holt said hackers of the GRU broke into the ministry's network.
en | +FBI | {GRU_EN}Special Agent in Charge of the FBI’s Denver Field Office John Roe said so.
en | +FBI | Hackers of the GRU broke into the ministry's network, FBI Director Jane Holt said.
"""


@pytest.mark.parametrize("line", rows(PREFIX_TITLES))
def test_an_agency_in_the_title_of_an_official_who_is_no_subject_is_an_affiliation(nlps, line):
    """ "I am joined by FBI Deputy Director Jane Holt", "Special Agent in Charge of the FBI’s
    Denver Field Office John Roe": the official is present, the agency in his title plays no part;
    "FBI Director Jane Holt said" speaks for it. (An English construction: French names the agency
    after its title, « le directeur du FBI », which the 'of' rule reads.)"""
    check(nlps, line)


HPSCI = "House Permanent Select Committee on Intelligence"
COMMITTEE_CHAIRS = f"""
en | -HPSCI | {GRU_EN}Rep. Jane Holt, the Chairman of the {HPSCI}, said so.
en | -SSCI | Senator John Roe, chair of the Senate Intelligence Committee, said hackers of the GRU did it.
# guards: the committee itself speaks; an agency's director speaks for it
en | +HPSCI | {GRU_EN}The {HPSCI} said so.
en | +CISA | {GRU_EN}Jane Holt, the director of the Cybersecurity and Infrastructure Security Agency, said so.
"""


@pytest.mark.parametrize("line", rows(COMMITTEE_CHAIRS))
def test_a_legislature_s_committee_is_its_chairman_s_affiliation(nlps, line):
    """A legislator named with the committee he chairs speaks for himself ("Rep. X, the Chairman
    of the House Intelligence Committee, said": ``committee_words``); the committee plays no part
    there, as an agency does for its director ("X, the director of CISA, said"). (French
    committees, « la commission du renseignement », are not in the gazetteer.)"""
    check(nlps, line)


# (a long text with no other perpetrator word: the possessive before 'cyber activities' names one)
JOINT_EN = (
    "The two leaders pledged to deepen cooperation on critical and emerging technologies, including "
    "semiconductors, batteries and quantum science, and welcomed a new dialogue led by their national "
    "security advisors. They reaffirmed the importance of aligning export controls while keeping "
    "supply chains resilient. The leaders expressed concern regarding {owner} illicit cyber activities "
    "that fund weapons programs, and committed to expanding information sharing."
)
JOINT_FR = (
    "Les deux dirigeants se sont engagés à approfondir leur coopération sur les technologies critiques "
    "et émergentes, dont les semi-conducteurs, les batteries et les sciences quantiques, et ont salué un "
    "nouveau dialogue confié à leurs conseillers à la sécurité nationale. Ils ont réaffirmé l'importance "
    "d'harmoniser les contrôles à l'exportation. Les dirigeants ont exprimé leur préoccupation face aux "
    "activités cyber illicites {owner} qui financent des programmes d'armement."
)
ACTIVITIES = f"""
en | +PRK | {JOINT_EN.format(owner="the DPRK's")}
en | +CHN | {JOINT_EN.format(owner="the PRC's")}
fr | +PRK | {JOINT_FR.format(owner="de la Corée du Nord")}
# guards: activities that nobody is named as carrying out tell no story
en | -USA | {JOINT_EN.format(owner="the").replace("leaders pledged", "U.S. leaders pledged")}
fr | -EU | {JOINT_FR.format(owner="").replace("Les deux dirigeants", "Les dirigeants de l'Union européenne")}
"""


@pytest.mark.parametrize("line", rows(ACTIVITIES))
def test_cyber_activities_of_a_named_state_tell_a_story(nlps, line):
    """'The leaders expressed concern regarding the DPRK's illicit cyber activities': in a long
    text with no other word of an attribution, a state named as the owner of cyber activities
    is someone behind an operation, so the text has actors (en: 'cyber activit', fr: « activités
    cyber »); activities owned by nobody named do not make one."""


REVIL_EN = "The meat producer said it was the victim of a ransomware attack by REvil. "
REVIL_FR = "Le producteur de viande a été victime d'une attaque par rançongiciel de REvil. "
STATE_ORGANS = f"""
en | -USDA -USA | {REVIL_EN}The Department of Agriculture has spoken to its leadership twice.
fr | -USDA -USA | {REVIL_FR}Le département de l'Agriculture s'est entretenu deux fois avec ses dirigeants.
en | -DOE_US | {REVIL_EN}The Department of Energy convened calls with the oil and gas sectors.
# guards: the department in a sentence of the story, or charging its authors
en | +DOE_US | The Department of Energy said that hackers of REvil had breached the networks of a utility.
en | +DOJ +USA | {REVIL_EN}Today the Department of Justice unsealed criminal charges against two members.
fr | +DOJ +USA | {REVIL_FR}Le département de la Justice a engagé des poursuites pénales contre deux membres.
"""


@pytest.mark.parametrize("line", rows(STATE_ORGANS))
def test_a_department_acting_for_its_state_takes_part_only_in_the_story(nlps, line):
    """A department that acts for its state (``state_organs``: its claims are the state's) is
    kept, as people and international bodies are, only where it takes part in the cyber story (a
    sentence with a cyber word or a story word, or speaking): "the Department of Agriculture has
    spoken to its leadership", a nomination, a threat assessment it released are no part. Criminal
    charges (« poursuites pénales ») are a story word, as an indictment is."""
    check(nlps, line)


LOCKBIT_EN = " warned of ransomware attacks by LockBit."
LOCKBIT_FR = " a signalé des attaques par rançongiciel de LockBit."
CISA_FR = "L'agence chargée de la cybersécurité et de la sécurité des infrastructures"
QUALIFIED_AFTER = f"""
en | -NZL +CERT_NZ | The Computer Emergency Response Team (CERT NZ) of New Zealand{LOCKBIT_EN}
en | -GBR +NCSC_UK | The National Cyber Security Centre (NCSC-UK) of the United Kingdom{LOCKBIT_EN}
fr | -NZL +CERT_NZ | Le CERT-NZ de la Nouvelle-Zélande{LOCKBIT_FR}
fr | -GBR +NCSC_UK | Le National Cyber Security Centre (NCSC-UK) du Royaume-Uni{LOCKBIT_FR}
fr | +CISA -DHS | {CISA_FR} du département de la Sécurité intérieure{LOCKBIT_FR}
# guards: a service known for offensive operations names its state; another state's agency
en | +RUS +GRU | The Main Intelligence Directorate (GRU) of Russia hacked the servers of a commission.
fr | +RUS | Le CERT-NZ a signalé que des pirates de la Russie ont chiffré les serveurs d'un port.
"""


@pytest.mark.parametrize("line", rows(QUALIFIED_AFTER))
def test_a_state_after_its_own_agency_only_qualifies_it(nlps, line):
    """A state named after one of its own agencies, after "of" (« de la », « du ») and the
    agency's acronym in brackets or not, only qualifies it ("the Computer Emergency Response Team
    (CERT NZ) of New Zealand", « le National Cyber Security Centre (NCSC-UK) du Royaume-Uni »), as
    a state's name before its agency does; not a service known for offensive operations ("the
    Main Intelligence Directorate (GRU) of Russia" names the state behind it). CERT NZ is an
    agency of its own (it was not the NCSC until 2023), and CISA's French description « l'agence
    chargée de la cybersécurité et de la sécurité des infrastructures » is one of its names."""
    check(nlps, line)


BLAMED_EN = "The United States formally blamed North Korea for the ransomware attack on the hospitals. "
BLAMED_FR = "Les États-Unis ont accusé la Corée du Nord de la cyberattaque contre les hôpitaux. "
KELLER_EN = "Jane Keller, the adviser, wrote an op-ed in The New York Times about this charge."
KELLER_FR = "La conseillère, Jeanne Keller, a publié une tribune dans le New York Times sur cette accusation."
VENUES = f"""
en | -NEW_YORK_TIMES | {BLAMED_EN}{KELLER_EN}
fr | -NEW_YORK_TIMES | {BLAMED_FR}{KELLER_FR}
# guards: the newspaper that reports, not only where a piece appeared
en | +NEW_YORK_TIMES | {BLAMED_EN}The New York Times reported that hackers of Lazarus had stolen patient data.
fr | +NEW_YORK_TIMES | {BLAMED_FR}Le New York Times a écrit que Lazarus a volé ces données.
"""


@pytest.mark.parametrize("line", rows(VENUES))
def test_a_newspaper_named_only_as_the_venue_of_a_piece_is_no_actor(nlps, line):
    """A newspaper named only as where a piece appeared ("wrote an op-ed in The New York Times",
    « une tribune dans le New York Times »: after "in" / « dans » on one of ``venue_nouns``) is no
    actor there; the newspaper that reports something stays."""
    check(nlps, line)


WORK_EN = "Researchers at Kaspersky said the ransomware was the work of the Lazarus Group "
WORK_FR = "Selon Kaspersky, le rançongiciel est l'œuvre du groupe Lazarus "
ASIDES = f"""
en | -SONY_PICTURES +LAZARUS_GROUP | {WORK_EN}(believed to be behind the attack on Sony Pictures in 2014).
fr | -SONY_PICTURES +LAZARUS_GROUP | {WORK_FR}(auquel on attribue l'attaque contre Sony Pictures en 2014).
# guards: the victim of the story, a bracket after the victim's own name
en | +SONY_PICTURES | The Lazarus Group breached the networks of Sony Pictures (a film studio) in 2014.
fr | +SONY_PICTURES | Le groupe Lazarus a piraté les réseaux de Sony Pictures (un studio de cinéma) en 2014.
"""


@pytest.mark.parametrize("line", rows(ASIDES))
def test_victims_in_an_aside_on_a_group_s_other_operations_are_no_actors(nlps, line):
    """A company or an organisation named only inside a bracketed aside right after a threat
    group's name ("the Lazarus Group (believed to be behind the attack on X in 2014)", « le groupe
    Lazarus (auquel on attribue l'attaque contre X) ») is the victim of another story; the victim
    of the story told, named in the sentence, stays."""
    check(nlps, line)


SITES = """
en | -AUT -CHE | The spyware infected computers in hotels of Austria and Switzerland during the talks.
fr | -AUT | Le logiciel espion a infecté des ordinateurs dans des hôtels d'Autriche pendant les négociations.
en | -UKR +SANDWORM | The hackers of Sandworm cut power in several cities of Ukraine.
en | -CHL -PER -BOL +SANDWORM | Of the PCs Sandworm hit, 4 percent were in each of Chile, Peru and Bolivia.
en | -KAZ +SANDWORM | The wiper of Sandworm spread to machines in parts of Kazakhstan.
fr | -POL +SANDWORM | Le ver de Sandworm a infecté des machines dans l'ensemble de la Pologne.
fr | -CHL -PER +SANDWORM | Le ver de Sandworm a infecté des machines dans une partie du Chili et du Pérou.
# guards: the sites a verb acts on, not where something happened
en | +AUT | The hackers of Sandworm attacked the hotels of Austria.
fr | +AUT | Les pirates de Sandworm ont attaqué les hôtels d'Autriche.
en | +CHL +PER | The hackers of Sandworm attacked each of Chile and Peru.
"""


@pytest.mark.parametrize("line", rows(SITES))
def test_a_state_after_a_site_in_a_locative_is_a_place(nlps, line):
    """A state named after a site noun in a locative ("in hotels of Austria", "in several cities
    of Ukraine", « dans des hôtels d'Autriche », and a part or a share of the land: "in each of
    Chile, Peru and Bolivia", "in parts of", « dans l'ensemble de la Pologne »: ``site_nouns``) is a
    place, as "in Austria" is;
    the sites that a verb acts on ("attacked the hotels of Austria") keep the state."""
    check(nlps, line)


LAB = "Regional Computer Forensics Laboratory"
DTAC = "Digital Threat Analysis Center"
UNITS = f"""
en | -REGIONAL_COMPUTER_FORENSICS_LABORATORY +FBI | Experts at the FBI’s {LAB} traced the ransomware.
en | -DIGITAL_THREAT_ANALYSIS_CENTER +MICROSOFT | Analysts of Microsoft's {DTAC} tied the intrusions to Iran.
# guards: the French unit « du FBI » (no organisation discovered); a unit with no owner named
fr | +FBI | Les experts du Laboratoire régional d'informatique légale du FBI ont analysé le rançongiciel.
en | +REGIONAL_COMPUTER_FORENSICS_LABORATORY | Experts at the {LAB} traced the ransomware.
"""


@pytest.mark.parametrize("line", rows(UNITS))
def test_a_unit_after_its_owner_s_possessive_is_the_owner_s(nlps, line):
    """An organisation discovered only right after a known agency's or company's possessive ("the
    FBI's Regional Computer Forensics Laboratory", "Microsoft's Digital Threat Analysis Center")
    is one of its units: the owner is the actor (in French, « le Laboratoire ... du FBI » makes no
    organisation); a unit named with no owner stays."""
    check(nlps, line)


DHS_EN = "the Department of Homeland Security"
CISA_EN = "the Cybersecurity and Infrastructure Security Agency"
NOMINEE_EN = f"We urge the Senate to confirm Jane Holt to be the Director of {CISA_EN} at {DHS_EN}."
ANSSI_FR = "l'Agence nationale de la sécurité des systèmes d'information"
NOMINEE_FR = f"Le président a nommé Jeanne Roe à la tête de {ANSSI_FR}."
NOMINATIONS = f"""
en | -DHS -USA +GRU | {GRU_EN}{NOMINEE_EN}
fr | -JEANNE_ROE -ANSSI +GRU | Le GRU a piraté le ministère. {NOMINEE_FR}
# guards: a confirmation of no person; a clause of its own after the post
en | +FBI +GRU | The FBI confirmed that the GRU hacked the ministry.
en | +DHS +GRU | The President appointed Jane Holt as director after the GRU hacked {DHS_EN}.
fr | +GRU | Il a nommé Jeanne Roe à la tête de l'ANSSI après la cyberattaque du GRU contre le ministère.
"""


@pytest.mark.parametrize("line", rows(NOMINATIONS))
def test_a_nominee_and_the_bodies_of_the_post_are_no_actors(nlps, line):
    """A person whom a sentence confirms, nominates or appoints to a post ("confirm X to be the
    Director of CISA at the Department of Homeland Security", « a nommé X à la tête de l'ANSSI »)
    and the bodies named in that post play no part in the story there; what another clause of the
    sentence says stays ("appointed X as director after the GRU hacked the Department")."""
    check(nlps, line)


SVR_EN = "Russian hackers of the SVR breached the network, the adviser said. "
SVR_FR = "Des pirates russes du SVR ont pénétré le réseau, a indiqué la conseillère. "
NSA_EN = "the National Security Agency’s Director of Cybersecurity"
FORMER_POSTS = f"""
en | -NSA +SVR | {SVR_EN}She was previously {NSA_EN}, where she led NSA’s cyber mission.
en | -MANDIANT +SVR | {SVR_EN}Jane Holt previously served as the director of Mandiant's intelligence unit.
fr | -NSA +SVR | {SVR_FR}Elle a auparavant dirigé le service de cybersécurité de la NSA.
# guards: an agency, no person, as the subject
en | +NSA +SVR | The NSA previously attributed the intrusion to hackers of the SVR.
fr | +NSA +SVR | La NSA avait auparavant attribué l'intrusion aux pirates du SVR.
"""


@pytest.mark.parametrize("line", rows(FORMER_POSTS))
def test_a_body_named_only_in_a_person_s_former_posts_is_no_actor(nlps, line):
    """A person's former post ("She was previously the NSA's Director of Cybersecurity", « Elle a
    auparavant dirigé le service de cybersécurité de la NSA »: ``biography_verbs``,
    ``former_words``) names where someone worked: the agency or company plays no part there; an
    agency that is itself the subject ("The NSA previously attributed ...") stays."""
    check(nlps, line)


BREACH_EN = (
    "In 2016 the hackers of the GRU broke into the networks of {} and stole files on its work, "
    "the investigators said in their report."
)
BREACH_FR = (
    "En 2016, les pirates du GRU ont pénétré les réseaux de {} et volé des fichiers, selon le "
    "rapport des enquêteurs."
)
US_SPACE, UK_NUCLEAR = "the US Space Research Agency", "the UK Nuclear Safety Agency"
ANTI_DOPING = "the World Anti-Doping Agency, the US Anti-Doping Agency and a plant"
STATE_PREFIXES = f"""
en | +US_SPACE_RESEARCH_AGENCY -SPACE_RESEARCH_AGENCY +GRU | {BREACH_EN.format(US_SPACE)}
en | +UK_NUCLEAR_SAFETY_AGENCY -NUCLEAR_SAFETY_AGENCY | {BREACH_EN.format(UK_NUCLEAR)}
en | +US_ANTI_DOPING_AGENCY -ANTI_DOPING_AGENCY +WADA | {BREACH_EN.format(ANTI_DOPING)}
# guards: a known body after the abbreviation; the state after the name; a government; French
en | +TREASURY +USA | {BREACH_EN.format("the US Treasury")}
en | +SPACE_RESEARCH_AGENCY | {BREACH_EN.format("the Space Research Agency in the US")}
en | +USA +GRU | The US Government said that the hackers of the GRU broke into a space agency.
fr | +WADA +GRU | {BREACH_FR.format("l'Agence mondiale antidopage")}
"""


@pytest.mark.parametrize("line", rows(STATE_PREFIXES))
def test_a_state_s_abbreviation_before_a_body_s_name_is_part_of_it(nlps, line):
    """A state's abbreviation right before the capitalised name of a body nobody knows ("the US
    Space Research Agency", "the UK Nuclear Safety Agency") is the first word of that body's name
    (as "of <state>" after it is): the body is discovered under its whole name, the state's, and
    not as a shorter body ("Anti-Doping Agency") that no list knows; a known body ("the US
    Treasury") and a state named after the body stay as they were. (French writes the state as an
    adjective after the name, « l'Agence américaine antidopage », which other rules read.)"""
    check(nlps, line)


FOUND_EN = "The ministers decided to {} a new Joint Working Group on Ransomware to counter the Lazarus Group."
FOUND_FR = (
    "Les ministres ont décidé de {} un nouveau Groupe de travail conjoint sur les rançongiciels pour "
    "contrer le groupe Lazarus."
)
BOARD_EN = "the Lazarus Group hacked the central bank."
BOARD_FR = "le groupe Lazarus avait piraté la banque centrale."
FOUNDINGS = f"""
en | -JOINT_WORKING_GROUP +LAZARUS_GROUP | {FOUND_EN.format("establish")} The Working Group will meet monthly.
en | -JOINT_WORKING_GROUP +LAZARUS_GROUP | {FOUND_EN.format("create")}
fr | -GROUPE_DE_TRAVAIL_CONJOINT +LAZARUS_GROUP | {FOUND_FR.format("créer")} Le Groupe de travail se réunira.
# guards: a body founded long ago; a new body that no verb founds; a body the verb does not found
en | +NORDLYS_CYBER_AGENCY | The Nordlys Cyber Agency, established in 2015, said that {BOARD_EN}
en | +NORDLYS_CYBER_AGENCY | The new Nordlys Cyber Agency said that {BOARD_EN}
fr | +GROUPE_DE_TRAVAIL_CONJOINT | Le nouveau Groupe de travail conjoint a déclaré que {BOARD_FR}
fr | +GROUPE_DE_TRAVAIL_CONJOINT | {FOUND_FR.format("renforcer").replace("un nouveau", "le")}
"""


@pytest.mark.parametrize("line", rows(FOUNDINGS))
def test_a_new_body_the_text_founds_is_no_actor(nlps, line):
    """A body no list knows that the parties found as new ("decided to establish a new trilateral
    Working Group", « de créer un nouveau groupe de travail »: ``founding_verbs``, ``new_words``)
    does not exist yet: it is what they agree on, no party of the story, and its later mentions
    go with it; a body founded long ago and a new body no verb founds stay."""
    check(nlps, line)


HOSTED_EN = "The GRU hacked the ministry's network. The minister thanked Albania for hosting {}."
HOSTED_FR = "Le GRU a piraté le réseau du ministère. Le ministre a remercié l'Albanie d'accueillir {}."
FLED = f"""
en | -AFG +ALB +GRU | {HOSTED_EN.format("Afghan nationals who have fled Afghanistan")}
en | -SYR +GRU | {HOSTED_EN.format("families fleeing Syria")}
fr | -AFG +ALB +GRU | {HOSTED_FR.format("des ressortissants afghans qui ont fui l'Afghanistan")}
# guards: the state as an actor in its own right
en | +AFG +GRU | The GRU hacked the ministry's network. Afghanistan condemned the attack on the ministry.
fr | +AFG +GRU | Le GRU a piraté le réseau du ministère. L'Afghanistan a condamné cette attaque.
"""


@pytest.mark.parametrize("line", rows(FLED))
def test_a_state_people_flee_is_background(nlps, line):
    """A state that people flee ("Afghan nationals who have fled Afghanistan", "families fleeing
    Syria", « des ressortissants afghans qui ont fui l'Afghanistan »: ``background_phrases``) is
    the story's background, as a state invaded or supported is; the state that acts stays."""
    check(nlps, line)


BOUNTY_EN = "is offering a reward for information on hackers of the GRU who hacked a refinery."
BOUNTY_FR = "offre une récompense pour des informations sur les pirates du GRU qui ont piraté une raffinerie."
DSS = "Diplomatic Security Service"
ADMINISTERED = f"""
en | -ANSSI +GRU | The bounty program, which is administered by ANSSI, {BOUNTY_EN}
en | -DIPLOMATIC_SECURITY_SERVICE +GRU | The reward fund, administered by the {DSS}, {BOUNTY_EN}
fr | -ANSSI +GRU | Le programme de récompenses, géré par l'ANSSI, {BOUNTY_FR}
fr | -ANSSI +GRU | Le programme de récompenses, qui est administré par l'ANSSI, {BOUNTY_FR}
# guards: what is run against a victim, and the body that administers in a clause of its own
en | +GRU | The botnet, which was administered by the GRU, hacked the networks of a refinery.
fr | +GRU | Le botnet, géré par le GRU, a piraté les réseaux d'une raffinerie.
fr | +ANSSI +GRU | L'ANSSI administre un programme de récompenses sur les pirates du GRU.
"""


@pytest.mark.parametrize("line", rows(ADMINISTERED))
def test_a_body_named_only_as_who_administers_a_programme_is_no_actor(nlps, line):
    """A body named only as the agent of an administering verb (``administering_verbs``) in a
    clause on a noun ("RFJ, which is administered by the Diplomatic Security Service, is offering
    a reward", « le programme, géré par l'ANSSI ») runs a programme, no part in the story; what is
    run against a victim (a botnet: a cyber word) and the body that acts in its own clause stay."""
    check(nlps, line)


SVR_EN = "Russian hackers of the SVR breached the software of a ministry."
SVR_FR = "Des pirates russes du SVR ont piraté le logiciel d'un ministère."
MEETINGS = f"""
en | -SERGEY_LAVROV +SVR | {SVR_EN} You met with Foreign Minister Lavrov, and the hack came up.
en | -VLADIMIR_PUTIN +SVR | {SVR_EN} The summit with President Putin comes after a string of cyber attacks.
fr | -VLADIMIR_PUTIN +SVR | {SVR_FR} Lors de son entretien avec le président Poutine, il a évoqué ce piratage.
# guards: a talk about the hack (the party is asked to act on it); who meets the hackers
en | +VLADIMIR_PUTIN | {SVR_EN} The President spoke with President Putin about the ransomware attacks.
en | +SERGEY_LAVROV | {SVR_EN} Have you spoken to Foreign Minister Lavrov on this cyber attack?
en | +VLADIMIR_PUTIN | {SVR_EN} Vladimir Putin met with the hackers who breached the networks.
fr | +VLADIMIR_PUTIN | {SVR_FR} Vladimir Poutine a rencontré les pirates qui ont piraté les réseaux.
"""


@pytest.mark.parametrize("line", rows(MEETINGS))
def test_whom_someone_meets_or_calls_takes_no_part(nlps, line):
    """A person named only as the other party of a meeting or a call with no topic, in a sentence
    with a cyber word ("You met with Foreign Minister Lavrov, and the hack came up", "the summit
    with President Putin", « lors de son entretien avec le président Poutine »: ``meeting_preps``
    under ``meeting_words``), is no actor; a talk about the hack ("spoke with President Putin
    about the ransomware attacks") and who meets stay."""
    check(nlps, line)
