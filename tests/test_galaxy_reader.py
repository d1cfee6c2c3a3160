"""The galaxy's clusters read from their JSON files (extract.galaxy) as pymispgalaxies reads them."""

import pytest

from extract.galaxy import _cluster_values


@pytest.mark.parametrize("name", ["threat-actor", "producer"])
def test_cluster_values_match_pymispgalaxies(name):
    from pymispgalaxies import Clusters

    expected = list(Clusters().get(name).cluster_values.values())
    found = _cluster_values(name)
    assert len(found) == len(expected) > 50
    for ours, theirs in zip(found, expected, strict=True):
        assert (ours.value, ours.description, ours.uuid) == (theirs.value, theirs.description, theirs.uuid)
        assert (ours.meta is None) == (theirs.meta is None)
        if ours.meta is not None:
            assert ours.meta.country == theirs.meta.country
            assert set(ours.meta.synonyms) == theirs.meta.synonyms
            assert set(ours.meta.refs) == theirs.meta.refs
            company_type = theirs.meta.additional_properties.get("company-type", [])
            assert list(ours.meta.company_type) == list(company_type)


def test_an_unknown_cluster_has_no_values():
    assert _cluster_values("no-such-cluster") == []
