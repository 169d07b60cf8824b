"""The participant list: every enrolled person numbered in the grid's order with their details
and role, the header row on every page, and the totals by sex."""

from __future__ import annotations

import datetime as dt

from pypdf import PdfReader

from trainer_desktop.core.i18n import Translator
from trainer_desktop.reports.participant_list_pdf import write_participant_list

EN = Translator("en")


def test_every_enrolled_person_and_the_totals(workspace, tmp_path):
    session = workspace.sessions.create(title="Atelier OPJ", start_date=dt.date(2026, 3, 10),
                                        end_date=dt.date(2026, 3, 12), town="Sévaré")  # fmt: skip
    for n in range(40):  # enough for a second page
        workspace.participants.create_and_enrol(
            session.id, family_name=f"Diarra{n:02d}", given_names="Oumar",
            sex=("woman", "man", "unstated")[n % 3], institution="Police nationale",
            function="OPJ", town="Mopti", region="Mopti", phone=f"+223 76 {n:02d} 00 00",
            email=f"o{n}@police.ml")  # fmt: skip
    workspace.participants.create_and_enrol(session.id, role="facilitator",
                                            family_name="Coulibaly", given_names="Ibrahim")  # fmt: skip
    out = write_participant_list(workspace, session.id, tmp_path / "list.pdf", translator=EN)
    pages = [" ".join((p.extract_text() or "").split()) for p in PdfReader(out).pages]
    assert len(pages) >= 2
    assert all("Institution and function" in page and "Phone and e-mail" in page
               for page in pages)  # the header row repeats
    text = " ".join(pages)
    rows = [f"{number} {name}" for number, name in enumerate(
        ["COULIBALY Ibrahim", *(f"DIARRA{n:02d} Oumar" for n in range(40))], start=1)]  # fmt: skip
    positions = [text.index(row) for row in rows]
    assert positions == sorted(positions)  # numbered in the grid's order, every one printed
    assert "Facilitator" in text and text.count("Participant") >= 40
    assert "+223 76 39 00 00" in text and "o39@police.ml" in text and "Mopti" in text
    # 40 participants: n % 3 == 0 -> woman (14), 1 -> man (13), 2 -> not stated (13)
    assert "Participants: 40 (women 14, men 13, not stated 13)." in text
    assert "Also enrolled (facilitators, organisers, observers): 1." in text
