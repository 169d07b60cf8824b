"""The pre-test / post-test on paper and its answer key: names pre-filled per copy, every question
and letter, questions kept whole on a page, the right letters in the key, user text printed
literally, the document's language, embedded fonts only, refusals."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from reportlab.platypus import Paragraph

from trainer_desktop.core.errors import NotFoundError, UserError
from trainer_desktop.core.i18n import Translator
from trainer_desktop.core.quiz_content import Choice, NumericAnswer, Question, true_false
from trainer_desktop.reports import quiz_pdf
from trainer_desktop.reports.fonts import document_fonts
from trainer_desktop.reports.quiz_pdf import (
    plain_text,
    short_answer,
    text_markup,
    write_answer_key_pdf,
    write_quiz_pdf,
)

EN, FR = Translator("en"), Translator("fr")
PEOPLE = [("Traoré", "Awa", "woman"), ("Keïta", "Moussa", "man"), ("Diarra", "Fatoumata", "woman")]


def _pages(path: Path) -> list[str]:
    return [" ".join((p.extract_text() or "").split()) for p in PdfReader(path).pages]


def _text(path: Path) -> str:
    return " ".join(_pages(path))


def _single(text: str, right: int, *choices: str, **values) -> Question:
    return Question(kind="single", text=text, choices=tuple(
        Choice(c, 100.0 if i == right else 0.0) for i, c in enumerate(choices)), **values)  # fmt: skip


QUESTIONS = [
    _single("Who may order torture?", 1, "A superior officer", "Nobody, ever", "A judge",
            explanation="Article 2 of the Convention: the prohibition is absolute."),
    Question(kind="multiple", text="Which are rights of a person in custody?", points=2,
             choices=(Choice("To see a lawyer", 50), Choice("To be beaten", -100),
                      Choice("To see a doctor", 50))),
    true_false("Torture is allowed in a state of emergency.", False),
    Question(kind="numeric", text="How many hours before a judge, at most?",
             numeric=(NumericAnswer(48, 0), NumericAnswer(72, 0, 50))),
    Question(kind="numeric", text="Give a number near three and a half.",
             numeric=(NumericAnswer(3.5, 0.1),)),
    _single("Is <b>this</b> bold & safe?", 0, "Yes <i>really</i> & truly", "No"),
    _single("<p>Which are <strong>risk factors</strong>? Tom &amp; Jerry</p>", 0, "<em>Threats</em>",
            "<p>None</p>", text_format="html"),
]  # fmt: skip


@pytest.fixture
def session(workspace):
    session = workspace.sessions.create(title="Atelier OPJ droits de l'homme",
                                        start_date=dt.date(2022, 11, 8),
                                        end_date=dt.date(2022, 11, 10), town="Sévaré")  # fmt: skip
    for family, given_names, sex in PEOPLE:
        workspace.participants.create_and_enrol(session.id, family_name=family,
                                                given_names=given_names, sex=sex)  # fmt: skip
    workspace.participants.create_and_enrol(session.id, role="facilitator", family_name="Coulibaly",
                                            given_names="Ibrahim", sex="man")  # fmt: skip
    quiz = workspace.quizzes.create("Torture, pre-test", "en", "Answer alone, in 20 minutes.",
                                    QUESTIONS)  # fmt: skip
    workspace.quizzes.assign(session.id, "pre", quiz.id)
    return session


def test_one_blank_copy_has_every_question_letter_and_box_kind(workspace, session, tmp_path):
    out = write_quiz_pdf(workspace, session.id, "pre", tmp_path / "blank.pdf", named=False)
    assert out == tmp_path / "blank.pdf"
    text = _text(out)
    for expected in ("Pre-test", "Atelier OPJ droits de l'homme", "November 8, 2022", "Sévaré",
                     "Name:", "Score: / 8", "Answer alone, in 20 minutes.", "Page 1 of"):  # fmt: skip
        assert expected in text, expected
    for person in ("TRAORÉ Awa", "KEÏTA Moussa", "DIARRA Fatoumata"):
        assert person not in text
    # Each question numbered, in order, with its points, its choices lettered.
    position = -1
    for number, question in enumerate(QUESTIONS, start=1):
        words = plain_text(question.text, question.text_format)
        found = text.find(f"{number}. {words}", position + 1)
        assert found > position, (number, words)
        position = found
    assert "Who may order torture? (1 point) a. A superior officer b. Nobody, ever c. A judge" in text
    assert "(2 points) (one or more answers) a. To see a lawyer b. To be beaten c. To see a doctor" in text
    assert text.count("(one or more answers)") == 1  # the multiple-choice question only
    assert "emergency. (1 point) True False" in text
    assert text.count("Answer:") == 2  # a line for each numeric question
    assert text.count("Answer every question.") == 0  # the quiz has its own instructions


def test_named_copies_one_per_participant_each_starting_a_page_numbered_on_its_own(
    workspace, session, tmp_path
):
    quiz = workspace.quizzes.create("Longer", "en", "", QUESTIONS * 3)  # two pages a copy
    workspace.quizzes.assign(session.id, "post", quiz.id)
    out = write_quiz_pdf(workspace, session.id, "post", tmp_path / "named.pdf", named=True)
    pages = _pages(out)
    names = ["DIARRA Fatoumata", "KEÏTA Moussa", "TRAORÉ Awa"]  # the session's order
    starts = [i for i, page in enumerate(pages) if page.startswith("Post-test Atelier")]
    assert len(starts) == 3
    for start, name in zip(starts, names, strict=True):
        assert f"Name: {name} Score: / 24" in pages[start]
    per_copy = starts[1] - starts[0]
    assert per_copy >= 2 and len(pages) == 3 * per_copy
    for start in starts:  # "Page 1 of N" restarts with each copy
        for offset in range(per_copy):
            assert f"Page {offset + 1} of {per_copy}" in pages[start + offset]
    # From its second page, a copy's header names its owner (loose sheets get shuffled).
    assert "KEÏTA Moussa · Post-test · Atelier OPJ" in pages[starts[1] + 1]
    assert "KEÏTA" not in pages[starts[0] + 1]
    # The facilitator takes no test.
    assert "COULIBALY" not in " ".join(pages)


def test_named_copies_need_participants(workspace, tmp_path):
    session = workspace.sessions.create(title="Empty", start_date=dt.date(2022, 11, 8),
                                        end_date=dt.date(2022, 11, 8))  # fmt: skip
    quiz = workspace.quizzes.create("Q", "en", "", QUESTIONS[:1])
    workspace.quizzes.assign(session.id, "post", quiz.id)
    with pytest.raises(UserError, match="blank copy"):
        write_quiz_pdf(workspace, session.id, "post", tmp_path / "x.pdf", named=True)
    assert not (tmp_path / "x.pdf").exists()
    out = write_quiz_pdf(workspace, session.id, "post", tmp_path / "x.pdf", named=False)
    assert "Post-test" in _text(out)


def test_user_text_prints_literally_and_html_questions_as_their_text(workspace, session, tmp_path):
    text = _text(write_quiz_pdf(workspace, session.id, "pre", tmp_path / "q.pdf", named=False))
    assert "Is <b>this</b> bold & safe?" in text
    assert "Yes <i>really</i> & truly" in text
    assert "Which are risk factors? Tom & Jerry" in text and "Threats" in text
    assert "<p>" not in text and "<strong>" not in text and "&amp;" not in text


def test_a_question_is_never_cut_by_a_page_break(workspace, session, tmp_path):
    long = [_single(f"Question {n}: " + "a rather long sentence to read " * (n % 6 + 1), 0,
                    *(f"choice {n}{letter} " + "words " * 12 for letter in "abcde"))
            for n in range(1, 31)]  # fmt: skip
    quiz = workspace.quizzes.create("Long", "en", "", long)
    workspace.quizzes.assign(session.id, "post", quiz.id)
    pages = _pages(write_quiz_pdf(workspace, session.id, "post", tmp_path / "l.pdf", named=False))
    assert len(pages) > 3
    for n in range(1, 31):
        [page] = [p for p in pages if f"Question {n}: " in p]
        assert f"choice {n}e" in page, n  # its last choice is on the same page


def test_answer_key_has_the_grid_the_right_letters_weights_and_explanations(
    workspace, session, tmp_path
):
    out = write_answer_key_pdf(workspace, session.id, "pre", tmp_path / "key.pdf")
    text = _text(out)
    assert "Answer key: Pre-test" in text and "Torture, pre-test · 7 questions · 8 points" in text
    grid = text[text.index("Quick marking") : text.index("Answers and explanations")]
    assert " ".join(grid.split()) == (
        "Quick marking 1: b 2: a, c 3: False 4: 48 5: 3.5 (±0.1) 6: a 7: a"
    )
    details = text[text.index("Answers and explanations") :]
    assert "a. A superior officer b. Nobody, ever 100% c. A judge" in details
    assert "Explanation: Article 2 of the Convention: the prohibition is absolute." in details
    assert "a. To see a lawyer 50% b. To be beaten -100% c. To see a doctor 50%" in details
    assert "Partial credit" in details
    assert "48 100% 72 50%" in details
    assert "3.5 ± 0.1 (from 3.4 to 3.6) 100%" in details
    assert "Is <b>this</b> bold & safe?" in details


def test_the_document_speaks_the_quiz_language_unless_told(workspace, session, tmp_path):
    quiz = workspace.quizzes.create("Quiz FR", "fr", "", QUESTIONS[3:5])
    workspace.quizzes.assign(session.id, "post", quiz.id)
    french = _text(write_answer_key_pdf(workspace, session.id, "post", tmp_path / "fr.pdf"))
    assert "Page 1 sur 1" in french and "3,5 (±0,1)" in french
    english = _text(write_answer_key_pdf(workspace, session.id, "post", tmp_path / "en.pdf", EN))
    assert "Page 1 of 1" in english and "3.5 (±0.1)" in english


def test_years_are_not_grouped_and_decimal_points_agree_with_the_language():
    year = Question(kind="numeric", text="Year?", numeric=(NumericAnswer(2006, 0),))
    assert short_answer(year, FR) == short_answer(year, EN) == "2006"
    assert quiz_pdf.points_text(FR, 1.5) == "1,5\u00a0point"
    assert quiz_pdf.points_text(EN, 1.5) == "1.5\u00a0points"


def test_no_quiz_chosen_is_refused_and_nothing_is_written(workspace, session, tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    with pytest.raises(NotFoundError, match="post-test"):
        write_quiz_pdf(workspace, session.id, "post", folder / "x.pdf", named=False)
    with pytest.raises(NotFoundError):
        write_answer_key_pdf(workspace, session.id, "post", folder / "x.pdf")
    assert list(folder.iterdir()) == []


def test_an_unwritable_file_is_refused_and_leaves_the_old_one(workspace, session, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    with pytest.raises(UserError, match="Cannot write"):
        write_quiz_pdf(workspace, session.id, "pre", blocker / "q.pdf", named=False)
    old = tmp_path / "old.pdf"
    old.write_bytes(b"old")
    write_answer_key_pdf(workspace, session.id, "pre", old)
    assert old.read_bytes().startswith(b"%PDF")


def test_only_embedded_truetype_fonts(workspace, session, tmp_path):
    for out in (write_quiz_pdf(workspace, session.id, "pre", tmp_path / "q.pdf", named=True),
                write_answer_key_pdf(workspace, session.id, "pre", tmp_path / "k.pdf")):  # fmt: skip
        fonts = []
        for page in PdfReader(out).pages:
            for ref in page["/Resources"]["/Font"].values():
                font = ref.get_object()
                fonts += [d.get_object() for d in font.get("/DescendantFonts", [])] + [font]
        names = {str(f["/BaseFont"]) for f in fonts}
        assert not any(base in n for n in names for base in ("Helvetica", "Times", "Courier")), names
        simple = [f for f in fonts if "/FontDescriptor" in f]
        assert simple and all("/FontFile2" in f["/FontDescriptor"] for f in simple)


def test_markdown_emphasis_is_kept_and_html_reduced_to_text():
    assert text_markup("Tick **all** of *them* & <b>", "markdown") == (
        "Tick <b>all</b> of <i>them</i> &amp; &lt;b&gt;")
    assert text_markup("Tick **all**", "") == "Tick **all**"
    assert plain_text("<p>One<br>two</p><ul><li>a &lt; b</li></ul>", "html") == "One\ntwo\n\n• a < b"


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=80), st.sampled_from(["", "html", "markdown", "moodle", "plain"]))
def test_any_text_in_any_format_makes_valid_paragraph_markup(text, text_format):
    style = quiz_pdf._styles(document_fonts("en")).question
    Paragraph(text_markup(text, text_format), style).wrap(400, 800)  # raises on broken markup
