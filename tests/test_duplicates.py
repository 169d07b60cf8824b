"""Probable duplicates across trainers: found, decided once for every copy, counted once."""

from __future__ import annotations

import pytest

from trainer_desktop.bundles.exchange import export_bundle, import_bundles
from trainer_desktop.core.duplicates import match_id
from trainer_desktop.core.errors import NotFoundError


def add(workspace, family, given, **extra):
    return workspace.participants.create(family_name=family, given_names=given, **extra)


def pairs(workspace):
    return {frozenset((c.first.id, c.second.id)) for c in workspace.duplicates.candidates()}


def test_candidates_compare_names_without_accents_case_or_order_and_phones(workspace):
    awa = add(workspace, "Sidibé", "Awa", phone="+223 76 12 34 56", institution="Police nationale")
    same_name = add(workspace, "SIDIBE", "awa")
    swapped = add(workspace, "Awa", "Sidibé")
    typo = add(workspace, "Sidibé", "Awaa")
    spelled_otherwise = add(workspace, "Sidibe", "Aoua", phone="76 12 34 56")
    shares_a_phone = add(workspace, "Diallo", "Mariam", phone="76 12 34 56")  # a family phone
    other = add(workspace, "Diarra", "Oumar", institution="Police nationale")
    found = pairs(workspace)
    for twin in (same_name, swapped, typo, spelled_otherwise):
        assert frozenset((awa.id, twin.id)) in found, twin.family_name
    assert frozenset((awa.id, shares_a_phone.id)) not in found  # a phone alone is not enough
    assert not any(other.id in pair for pair in found)  # nor one institution in common
    [best, *_rest] = workspace.duplicates.candidates()
    assert best.score >= 0.7 and best.reasons


def test_a_decision_removes_the_pair_counts_once_and_can_be_undone(workspace):
    awa = add(workspace, "Sidibé", "Awa")
    twin = add(workspace, "SIDIBE", "Awa")
    workspace.duplicates.decide(awa.id, twin.id, same=True)
    assert pairs(workspace) == set()
    assert workspace.duplicates.count_people([awa.id, twin.id]) == 1
    workspace.duplicates.decide(twin.id, awa.id, same=False)  # changed their mind: one record
    assert workspace.duplicates.count_people([awa.id, twin.id]) == 2
    assert pairs(workspace) == set()
    workspace.duplicates.undo(awa.id, twin.id)
    assert pairs(workspace) == {frozenset((awa.id, twin.id))}
    with pytest.raises(NotFoundError):
        workspace.duplicates.undo(awa.id, twin.id)


def test_same_person_is_transitive(workspace):
    a, b, c = (add(workspace, "Traoré", given) for given in ("Moussa", "Mousa", "Moussa I."))
    workspace.duplicates.decide(a.id, b.id, True)
    workspace.duplicates.decide(b.id, c.id, True)
    assert workspace.duplicates.count_people([a.id, b.id, c.id]) == 1


def test_the_decision_travels_so_every_copy_agrees(make_workspace, tmp_path):
    awa_laptop, seydou_laptop, head_office = (make_workspace(n) for n in ("awa", "seydou", "hq"))
    first = add(awa_laptop, "Sidibé", "Awa", phone="76 12 34 56")
    second = add(seydou_laptop, "SIDIBE", "Awa", phone="+223 76123456")
    for laptop, name in ((awa_laptop, "a"), (seydou_laptop, "s")):
        import_bundles(head_office, [export_bundle(laptop, tmp_path / name).path])
    assert pairs(head_office) == {frozenset((first.id, second.id))}
    head_office.duplicates.decide(first.id, second.id, True)
    decision = export_bundle(head_office, tmp_path / "hq").path
    import_bundles(awa_laptop, [export_bundle(seydou_laptop, tmp_path / "s2").path, decision])
    assert awa_laptop.duplicates.count_people([first.id, second.id]) == 1
    with awa_laptop.db.read() as tx:
        from trainer_desktop.core.duplicates import ParticipantMatch

        assert tx.get(ParticipantMatch, match_id(first.id, second.id)).decision == "same"
