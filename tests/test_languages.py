"""Claims and actor names in Spanish, German, Russian, Chinese and Greek: the shallow reader
(extract/claims/shallow.py) over the blank spaCy pipelines, with sentences written for these tests."""

import json
import shutil

import pytest

from extract.claims.shallow_lexicon import load_shallow_lexicon
from extract.gazetteer import DATA_DIR, build_gazetteer, load_gazetteer
from extract.long_texts import PART_CHARS, parts
from extract.pipeline import SHALLOW_LANGUAGES, SUPPORTED_LANGUAGES, Extractor, load_pipeline
from extract.records import Document

PIPELINES = {}


def claims_of(lang: str, text: str) -> list[dict]:
    if lang not in PIPELINES:
        PIPELINES[lang] = load_pipeline(lang)
    doc = PIPELINES[lang](text)
    for claim in doc._.claims:  # the evidence is the text's own slice, the cue is in it
        assert text[claim["start_char"] : claim["end_char"]] == claim["evidence"]
        assert claim["cue"] in claim["evidence"]
    return doc._.claims


def keys(claims: list[dict]) -> set[tuple[str, str, str]]:
    return {(c["claimant_id"], c["stance"], c["subject_id"]) for c in claims}


ACCUSATIONS = {
    "es": "El gobierno británico acusó a Rusia de lanzar una campaña de ciberataques contra sus hospitales.",
    "de": "Die Bundesregierung macht Russland für den Cyberangriff auf den Bundestag verantwortlich.",
    "ru": "Великобритания обвинила Россию в кибератаках на больницы.",
    "zh": "英国政府指责俄罗斯对其医院发动网络攻击。",
    "el": "Η Βρετανία κατηγόρησε τη Ρωσία για κυβερνοεπιθέσεις σε νοσοκομεία.",
}
ACCUSERS = {"es": "GBR", "de": "DEU", "ru": "GBR", "zh": "GBR", "el": "GBR"}


@pytest.mark.parametrize("lang", sorted(ACCUSATIONS))
def test_an_accusing_verb_gives_its_subject_accusing_the_object(lang):
    found = keys(claims_of(lang, ACCUSATIONS[lang]))
    assert found == {(ACCUSERS[lang], "accuses", "RUS")}


DENIALS = {
    "es": (
        "Moscú rechazó las acusaciones de Londres sobre los ciberataques contra el Parlamento.",
        "RUS",
        "GBR",
    ),
    "de": (
        "Moskau weist die Vorwürfe der Bundesregierung zur Cyberspionage als haltlos zurück.",
        "RUS",
        "DEU",
    ),
    "ru": ("Москва отвергла обвинения Вашингтона во взломе серверов как беспочвенные.", "RUS", "USA"),
    "zh": ("中国外交部发言人汪文斌说,美方的指控毫无根据,中方坚决反对一切形式的网络攻击。", "CHN", "USA"),
    "el": (
        "Η Μόσχα απέρριψε τις κατηγορίες της Ουάσιγκτον για την κυβερνοεπίθεση ως αβάσιμες.",
        "RUS",
        "USA",
    ),
}


@pytest.mark.parametrize("lang", sorted(DENIALS))
def test_a_denial_names_whom_it_answers_and_the_accuser_accuses_the_denier(lang):
    text, denier, accuser = DENIALS[lang]
    claims = claims_of(lang, text)
    denial = [c for c in claims if c["stance"] == "denies"]
    assert [(c["claimant_id"], c["subject_id"], c["counterpart_id"]) for c in denial] == [
        (denier, denier, accuser)
    ]
    assert (accuser, "accuses", denier) in keys(claims)


def test_a_spokesperson_speaks_for_the_state():
    (denial,) = [c for c in claims_of("zh", DENIALS["zh"][0]) if c["stance"] == "denies"]
    assert denial["speaker_id"] == "WANG_WENBIN"


SOURCED = {
    "es": ("Según el FBI, el grupo APT28 está detrás del hackeo del Parlamento.", {("FBI", "APT28")}),
    "de": ("Laut dem BSI steckt die Gruppe APT29 hinter dem Hackerangriff.", {("BSI", "APT29")}),
    "ru": (
        "По данным ФБР, за атакой на компанию стоит группировка Lazarus, связанная с Северной Кореей.",
        {("FBI", "LAZARUS_GROUP"), ("FBI", "PRK")},
    ),
    "zh": ("美国联邦调查局表示,拉撒路组织与朝鲜政府有关联,并策划了这次黑客攻击。", {("FBI", "PRK")}),
    "el": (
        "Σύμφωνα με το FBI, πίσω από την κυβερνοεπίθεση βρίσκεται η ομάδα Lazarus της Βόρειας Κορέας.",
        {("FBI", "LAZARUS_GROUP"), ("FBI", "PRK")},
    ),
}


@pytest.mark.parametrize("lang", sorted(SOURCED))
def test_a_statement_about_the_attacker_is_a_claim_of_its_source(lang):
    text, expected = SOURCED[lang]
    assert {(c, s) for c, stance, s in keys(claims_of(lang, text)) if stance == "accuses"} == expected


def test_a_link_to_a_sponsor_has_the_sponsored_degree():
    claims = claims_of("zh", SOURCED["zh"][0])
    assert [c["degree"] for c in claims if c["subject_id"] == "PRK"] == ["sponsored"]


NO_CLAIM = {
    "es": ["Alemania no acusó a China del ciberataque.", "Francia acusó a Rusia de envenenar a un exespía."],
    "de": ["Frankreich hat Russland nicht für den Cyberangriff verantwortlich gemacht.",
           "Großbritannien beschuldigt Russland, einen Überläufer vergiftet zu haben."],
    "ru": ["США не обвиняли Россию в кибератаке.",
           "Великобритания обвинила Россию в отравлении перебежчика."],
    "zh": ["英国没有指责俄罗斯发动网络攻击。", "英国指责俄罗斯毒害前间谍。"],
    "el": ["Η Γερμανία δεν κατηγόρησε την Κίνα για την κυβερνοεπίθεση.",
           "Η Βρετανία κατηγόρησε τη Ρωσία για τη δηλητηρίαση ενός πρώην κατασκόπου."],
}  # fmt: skip


@pytest.mark.parametrize("lang", sorted(NO_CLAIM))
def test_a_negated_or_non_cyber_accusation_is_no_claim(lang):
    for text in NO_CLAIM[lang]:
        assert claims_of(lang, text) == [], text


def test_narration_without_a_source_is_no_claim():
    assert claims_of("es", "El grupo APT28 está detrás del hackeo del Parlamento.") == []


def test_a_denial_without_an_accusation_or_cyber_story_is_no_denial():
    # 'se niega a aceptar' refuses; the poisoning is no cyber story
    assert claims_of("es", "Rusia se niega a aceptar la investigación sobre el envenenamiento.") == []


COORDINATED = {
    "es": "Estados Unidos, el Reino Unido y la Unión Europea acusaron a China de estar detrás del "
    "ciberataque contra Microsoft Exchange.",
    "de": "Die USA, Großbritannien und die EU beschuldigten China, hinter dem Cyberangriff auf Microsoft "
    "Exchange zu stecken.",
    "ru": "США, Великобритания и ЕС обвинили Китай во взломе серверов Microsoft Exchange.",
    "zh": "美国、英国和欧盟指责中国对微软Exchange服务器发动网络攻击。",
    "el": "Οι ΗΠΑ, η Βρετανία και η ΕΕ κατηγόρησαν την Κίνα για την κυβερνοεπίθεση στον Microsoft Exchange.",
}


@pytest.mark.parametrize("lang", sorted(COORDINATED))
def test_coordinated_accusers_each_accuse_and_the_victim_company_is_not_accused(lang):
    found = keys(claims_of(lang, COORDINATED[lang]))
    assert found == {(state, "accuses", "CHN") for state in ("USA", "GBR", "EU")}


PASSIVES = {
    "es": "Rusia fue acusada por Alemania de hackear el Bundestag.",
    "de": "Russland wurde von Deutschland beschuldigt, den Bundestag gehackt zu haben.",
    "el": "Η Ρωσία κατηγορήθηκε από τη Γερμανία για την κυβερνοεπίθεση στο Μπούντεσταγκ.",
}


@pytest.mark.parametrize("lang", sorted(PASSIVES))
def test_the_agent_of_a_passive_accuses_its_subject(lang):
    assert keys(claims_of(lang, PASSIVES[lang])) == {("DEU", "accuses", "RUS")}


SPOKESPEOPLE = {
    "es": "El portavoz del Ministerio de Exteriores chino, Wang Wenbin, dijo que las acusaciones de "
    "ciberespionaje eran infundadas.",
    "ru": "Пресс-секретарь Кремля Дмитрий Песков назвал обвинения в кибератаках беспочвенными.",
    "el": "Ο εκπρόσωπος του Κρεμλίνου Ντμίτρι Πεσκόφ απέρριψε τις κατηγορίες για κυβερνοεπιθέσεις "
    "ως αβάσιμες.",
}


@pytest.mark.parametrize("lang", sorted(SPOKESPEOPLE))
def test_a_spokesperson_denies_for_the_state(lang):
    (denial,) = claims_of(lang, SPOKESPEOPLE[lang])
    state, speaker = ("CHN", "WANG_WENBIN") if lang == "es" else ("RUS", "DMITRY_PESKOV")
    assert (denial["claimant_id"], denial["stance"], denial["speaker_id"]) == (state, "denies", speaker)


def test_a_person_who_speaks_is_an_actor_without_a_parse():
    nlp = PIPELINES.setdefault("es", load_pipeline("es"))
    text = 'Irán negó los ciberataques. "No fuimos", dijo la secretaria de Justicia, Loretta Lynch.'
    doc = nlp(text)
    assert "LORETTA_LYNCH" in {span.kb_id_ for span in doc.spans["actors"]}


def test_every_new_language_is_supported_and_has_a_shallow_lexicon():
    for lang in SHALLOW_LANGUAGES:
        assert lang in SUPPORTED_LANGUAGES
        lexicon = load_shallow_lexicon(lang)
        assert {cue.kind for cue, _ in lexicon.cue_forms} >= {"accuse", "predicate", "deny", "baseless"}


def test_the_extractor_reads_german_and_keeps_italian_actors_without_claims():
    documents = [
        Document(id="de", lang="de", text=ACCUSATIONS["de"]),
        Document(
            id="it",
            lang="it",
            text="La Russia nega che il gruppo APT28 abbia attaccato il Bundestag con un attacco informatico",
        ),
    ]
    german, italian = Extractor().process(documents)
    assert german.status == "ok" and keys([vars(c) for c in german.claims]) == {("DEU", "accuses", "RUS")}
    assert italian.status == "unsupported_language" and italian.claims == []
    assert {m.actor_id for m in italian.mentions} == {"RUS", "APT28", "BUNDESTAG"}


def test_a_long_chinese_text_is_cut_at_a_sentence_end_and_keeps_its_claims():
    # no line break, no space: a text longer than a part (extract/long_texts.py) is cut after a
    # "。", not inside the claim that straddles the part's limit
    filler = "今天天气很好。"
    last = "美国政府指责中国国家安全部发动网络攻击。"
    head = ACCUSATIONS["zh"] + filler * ((PART_CHARS - 10 - len(ACCUSATIONS["zh"])) // len(filler))
    text = head + last + filler * 100
    assert len(head) < PART_CHARS < len(head) + len(last)
    pieces = parts(text)
    assert len(pieces) == 2 and all(piece.endswith("。") for _, piece in pieces)
    (document,) = Extractor().process([Document(id="zh-long", lang="zh", text=text)])
    assert keys([vars(c) for c in document.claims]) == {("GBR", "accuses", "RUS"), ("USA", "accuses", "MSS")}
    for claim in document.claims:
        assert text[claim.start_char : claim.end_char] == claim.evidence


@pytest.mark.parametrize(
    "name, actor_id",
    [
        ("Фэнси Бэр", "APT28"),
        ("России", "RUS"),
        ("Вашингтона", "USA"),
        ("中国国家安全部", "MSS"),
        ("中國人民解放軍", "PLA"),
        ("Πεκίνο", "CHN"),
        ("Πεκίνου", "CHN"),
        ("Russlands", "RUS"),
        ("Nordkorea", "PRK"),  # CLDR's short name
        ("Βόρεια Κορέα", "PRK"),
        ("Corea del Norte", "PRK"),
        ("北韓", "PRK"),
    ],
)
def test_actor_names_in_the_new_languages_link_to_the_canonical_ids(name, actor_id):
    assert load_gazetteer().resolve(name) == actor_id


def test_a_names_file_entry_for_an_unknown_actor_is_an_error_naming_file_and_line(tmp_path):
    data = tmp_path / "actors"
    shutil.copytree(DATA_DIR, data)
    lines = [
        {"id": "RUS", "aliases": {"ru": ["Россия"]}},
        {"id": "NO_SUCH_ACTOR", "aliases": {"ru": ["Нет"]}},
    ]
    (data / "names_test.jsonl").write_text("\n".join(json.dumps(x) for x in lines), encoding="utf-8")
    with pytest.raises(ValueError, match=r"names_test\.jsonl:2: unknown actor id 'NO_SUCH_ACTOR'"):
        build_gazetteer(data)


def test_a_bad_shallow_lexicon_is_an_error_naming_file_and_cue(tmp_path, monkeypatch):
    from extract.claims import shallow_lexicon

    bad = json.loads((shallow_lexicon.LEXICON_DIR / "es.json").read_text(encoding="utf-8"))
    bad["cues"][0]["kind"] = "shout"
    (tmp_path / "qq.json").write_text(json.dumps(bad), encoding="utf-8")
    monkeypatch.setattr(shallow_lexicon, "LEXICON_DIR", tmp_path)
    with pytest.raises(ValueError, match=r"qq\.json: cue #1 \(accuse\): kind must be one of"):
        shallow_lexicon.load_shallow_lexicon("qq")
