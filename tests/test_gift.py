"""GIFT import and export (trainer_desktop.core.gift), on hand-written banks in tests/data/gift."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trainer_desktop.core.errors import UserError
from trainer_desktop.core.gift import (
    MAX_FILE_SIZE,
    GiftError,
    GiftImport,
    parse_gift,
    read_gift_file,
    write_gift,
)
from trainer_desktop.core.quiz_content import (
    MAX_QUESTIONS,
    TEXT_FORMATS,
    Choice,
    NumericAnswer,
    Question,
    check_questions,
    true_false,
)

DATA = Path(__file__).parent / "data" / "gift"
BANKS = sorted(DATA.glob("*.gift"))
ALL_FEATURES = DATA / "all_features_use_of_force_en.gift"
MOODLE_EXPORT = DATA / "moodle_export_custody_fr.gift"
TORTURE = DATA / "torture_opcat_fr.gift"
GBV = DATA / "gender_based_violence_en.gift"


def keyless(questions) -> list[Question]:
    return [replace(q, key="") for q in questions]


def by_title(result: GiftImport) -> dict[str, Question]:
    return {q.title: q for q in result.questions}


def refused(text: str, **kwargs) -> GiftError:
    with pytest.raises(GiftError) as info:
        parse_gift(text, **kwargs)
    return info.value


# --- the banks ------------------------------------------------------------------------------------


def test_the_banks_are_there():
    assert {ALL_FEATURES, MOODLE_EXPORT, TORTURE, GBV} <= set(BANKS)


@pytest.mark.parametrize("path", BANKS, ids=lambda p: p.name)
def test_every_bank_imports_checked_questions_with_distinct_keys(path):
    result = read_gift_file(path)
    assert len(result.questions) >= 9
    assert len({q.key for q in result.questions}) == len(result.questions)
    assert all(q.key for q in result.questions)
    assert check_questions(result.questions)  # nothing left for the checks to refuse
    assert len(result.categories) == 2


@pytest.mark.parametrize("path", BANKS, ids=lambda p: p.name)
def test_every_bank_survives_a_round_trip(path):
    original = read_gift_file(path).questions
    written = write_gift(original, title=path.stem)
    again = parse_gift(written).questions
    assert keyless(again) == keyless(original)
    # ...and writing the re-read questions gives the same text (the format is stable).
    assert write_gift(again, title=path.stem) == written


def test_all_features_bank_categories_titles_and_single_choice():
    result = read_gift_file(ALL_FEATURES)
    assert result.categories == [
        "$course$/top/Use of force",
        "$course$/top/Use of force/Dates and figures",
    ]
    q = by_title(result)["Last resort"]
    assert q.kind == "single"
    assert q.category == "$course$/top/Use of force"
    assert q.text == (
        "Which principle requires that force be used only when non-violent means "
        "remain ineffective?"
    )
    assert q.text_format == "" and q.points == 1 and q.explanation == ""
    assert q.choices == (
        Choice("Necessity", 100, "Right: force is a last resort."),
        Choice("Legality", 0, "Legality is about the legal basis for using force."),
        Choice(
            "Proportionality", 0, "Proportionality is about how much force, once force is needed."
        ),
        Choice("Publicity", 0, ""),
    )


def test_all_features_bank_partial_and_negative_weights_in_single_choice():
    q = by_title(read_gift_file(ALL_FEATURES))["Warning"]
    assert q.kind == "single"
    assert [c.weight for c in q.choices] == [100, 50, -25, 0]
    assert q.choices[1].feedback == "Only part of it: they must also identify themselves."
    assert q.text.endswith("where the circumstances allow,")


def test_all_features_bank_multiple_choice_markdown_and_general_feedback():
    q = by_title(read_gift_file(ALL_FEATURES))["Firearms: when"]
    assert q.kind == "multiple" and not q.all_or_nothing
    assert q.text_format == "markdown"
    assert (
        q.text
        == "Under Principle 9, firearms may be used against persons... Choose **all** that apply."
    )
    assert [c.weight for c in q.choices] == [50, 50, -50, -50]
    assert q.choices[2].feedback == "Fleeing a check is no threat to life."
    assert q.explanation.startswith("Principle 9: intentional lethal use of firearms")


def test_all_features_bank_metadata_line():
    questions = by_title(read_gift_file(ALL_FEATURES))
    q = questions["After a shooting"]
    assert q.kind == "multiple" and q.all_or_nothing and q.points == 2
    assert questions["Before a judge"].points == 1.5
    assert questions["Firearms: when"].points == 1  # the metadata applies to one question only


def test_all_features_bank_true_false_and_their_feedback():
    questions = by_title(read_gift_file(ALL_FEATURES))
    q = questions["Code of Conduct"]
    assert q == replace(true_false(q.text, True, title=q.title, category=q.category), key=q.key)
    q = questions["Strictly necessary"]
    assert q.kind == "truefalse" and q.text_format == "moodle"
    assert [c.weight for c in q.choices] == [100, 0]
    assert q.explanation == "Article 3 of the Code of Conduct for Law Enforcement Officials (1979)."
    q = questions["Superior orders"]  # {F#shown when wrong#shown when right}
    assert q.text_format == "plain"
    assert q.choices == (
        Choice("true", 0, "Wrong: no order justifies torture."),
        Choice("false", 100, "Right: Article 2(3) of the Convention against Torture."),
    )
    q = questions["Emergency"]  # {FALSE#...#...}
    assert q.choices[0].weight == 0 and q.choices[0].feedback.startswith("No: the prohibition")
    assert q.choices[1].weight == 100 and q.choices[1].feedback.startswith(
        "Correct: no exceptional"
    )


def test_all_features_bank_numeric_answers():
    questions = by_title(read_gift_file(ALL_FEATURES))
    assert questions["Basic Principles"].numeric == (NumericAnswer(1990, 0, 100, ""),)
    assert questions["Entry into force"].numeric == (NumericAnswer(1987, 1, 100, ""),)
    assert questions["Roughly"].numeric == (NumericAnswer(1985, 2, 100, ""),)  # {#1983..1987}
    pi = parse_gift("Pi to 3 places? {#3.141..3.142}").questions[0]
    assert pi.numeric == (NumericAnswer(3.1415, 0.0005, 100, ""),)
    assert parse_gift("Q {#-1e3..-5E2}").questions[0].numeric == (NumericAnswer(-750, 250),)
    q = questions["Before a judge"]
    assert q.kind == "numeric"
    assert q.category == "$course$/top/Use of force/Dates and figures"
    assert q.numeric == (
        NumericAnswer(48, 0, 100, "Right: more than 48 hours needs exceptional justification."),
        NumericAnswer(24, 0, 50, "Stricter than required, and many laws do say 24 hours."),
        NumericAnswer(72, 0, 25, "Too long, except in exceptional circumstances."),
    )
    assert q.explanation == "General Comment 35 (2014) on Article 9 of the Covenant, paragraph 33."


def test_all_features_bank_escaped_characters_and_html():
    q = by_title(read_gift_file(ALL_FEATURES))["Escapes: ~ = # { }"]
    assert q.category == "$course$/top/Use of force"  # the category switched back
    assert q.text_format == "html"
    assert q.text == (
        '<p>Case file #12 {draft}: the officer wrote "force = last resort" and '
        '"about ~10 officers" on C:\\reports.</p>\nSecond line.'
    )
    assert q.choices == (
        Choice("Nothing is wrong: it is a draft", 100, "Feedback with = # { } ~ and :"),
        Choice('The colon: "C:\\reports"', 0, "Wrong # 2"),
    )


def test_all_features_bank_missing_word_and_answers_over_several_lines():
    questions = read_gift_file(ALL_FEATURES).questions
    missing = questions[-2]
    assert missing.title == ""
    assert missing.text == (
        "Firearms may be used only when less extreme means are _____ to achieve these objectives."
    )
    assert [(c.text, c.weight) for c in missing.choices] == [
        ("sufficient", 0),
        ("insufficient", 100),
        ("available", 0),
    ]
    q = questions[-1]
    assert q.title == "Proportionality"
    assert q.text == (
        "Which use of force is proportionate to\na person who refuses to show an "
        "identity card but threatens no one?"
    )
    assert q.choices == (
        Choice("Persuasion and, if needed, a formal order, with no physical force", 100),
        Choice("Handcuffing the person at once", 0, "Not necessary: the person threatens no one."),
        Choice("Using a baton", 0),
    )


def test_moodle_export_bank():
    result = read_gift_file(MOODLE_EXPORT)
    assert result.categories == [
        "$course$/top/Droits de la personne gardée à vue",
        "$course$/top/Droits de la personne gardée à vue/Registre et mineurs",
    ]
    questions = by_title(result)
    assert all(q.text_format == "html" for q in result.questions)
    q = questions["Motifs de l'arrestation"]
    assert q.kind == "single"
    assert q.text == "<p>Au moment de son arrestation, toute personne doit être informée:</p>"
    assert q.choices[0].feedback == (
        "<p>Exact: article 9, paragraphe 2, du Pacte international "
        "relatif aux droits civils et politiques.</p>"
    )
    assert q.choices[2].feedback == ""  # "~...#" with nothing after the #
    q = questions["Droits dès le début de la garde à vue"]
    assert q.kind == "multiple"
    assert [c.weight for c in q.choices] == [33.33333, 33.33333, 33.33333, -50, -100]
    assert q.choices[3].text == "d'être présentée à la presse"  # its [moodle] marker removed
    assert q.explanation.startswith("<p>Voir l'Ensemble de principes")
    q = questions["Aveux sous la contrainte"]
    assert q.choices[0].weight == 0 and q.choices[0].feedback.startswith("<p>Non: une déclaration")
    assert q.choices[1].weight == 100 and q.choices[1].feedback.startswith("<p>Exact: article 15")
    q = questions["Présentation au juge"]
    assert q.numeric == (
        NumericAnswer(
            48, 0, 100, "<p>Exact: un délai plus long doit rester absolument exceptionnel.</p>"
        ),
        NumericAnswer(24, 0, 50, ""),
    )
    q = questions["Interprète"]
    assert '<span style="font-weight: bold;">a le droit</span>:' in q.text
    assert (
        q.choices[2].text
        == "<p>à rien de particulier: un collègue traduira {s'il est disponible}</p>"
    )
    q = questions["Registre"]
    assert "consignés dans un _____ de garde à vue" in q.text
    assert q.category.endswith("/Registre et mineurs")
    q = questions["Note # 7"]
    assert "« 3 ~ 4 personnes » et « total = 12 »" in q.text


def test_torture_bank():
    questions = by_title(read_gift_file(TORTURE))
    q = questions["Définition"]
    assert q.kind == "multiple" and q.category == "Interdiction de la torture"
    assert [c.weight for c in q.choices] == [25, 25, 25, 25, -100]
    assert (
        q.choices[2].text
        == "dans un but précis : obtenir des aveux, punir, intimider ou discriminer"
    )
    assert q.choices[4].feedback == "Non : la torture psychologique ne laisse souvent aucune trace."
    q = questions["Circonstances exceptionnelles"]  # "{F # ... # ...}" on its own line
    assert q.choices == (
        Choice("true", 0, "Faux : l'interdiction est absolue."),
        Choice("false", 100, "Exact : article 2, paragraphe 2, de la Convention."),
    )
    assert questions["Témoin de violences"].points == 2
    assert questions["Délai du MNP"].numeric == (
        NumericAnswer(1, 0, 100, "Oui : article 17 de l'OPCAT."),
    )
    assert questions["OPCAT - adoption"].numeric == (NumericAnswer(2002, 1, 100),)
    assert questions["Sous-Comité"].numeric[1] == NumericAnswer(
        10, 0, 50, "C'était le nombre de membres avant la cinquantième ratification."
    )
    missing = [q for q in questions.values() if not q.title]
    assert [q.text for q in missing] == [
        (
            "Aucune sanction ne peut être prise contre une personne pour avoir communiqué des "
            "informations au _____ (article 21 de l'OPCAT)."
        )
    ]


def test_gender_based_violence_bank():
    result = read_gift_file(GBV)
    questions = by_title(result)
    q = questions["Risk assessment"]
    assert q.kind == "multiple" and q.all_or_nothing and q.points == 3
    assert q.text_format == "html" and q.text.startswith("<p>Which of these are <strong>")
    assert [c.weight for c in q.choices] == [25, 25, 25, 25, 0]
    assert (
        q.explanation == "<p>Ask these questions at every report: the risk changes over time.</p>"
    )
    q = questions["Withdrawn complaint"]  # {T#wrong#right}: false is the wrong answer
    assert q.choices[0].weight == 100 and q.choices[0].feedback.startswith("Right:")
    assert q.choices[1].weight == 0 and q.choices[1].feedback.startswith("Wrong:")
    assert questions["CEDAW"].numeric == (NumericAnswer(1974.5, 4.5, 100),)
    assert questions["16 days"].numeric[0].feedback == "Yes: 16 days, ending on Human Rights Day."
    assert questions["Interview"].text.startswith(
        "An interview with a victim of sexual violence "
        "should, where possible, be conducted by an "
        "officer of the _____ in a room"
    )


# --- writing --------------------------------------------------------------------------------------


def test_written_gift_looks_like_moodles_export():
    questions = [
        Question(
            kind="single",
            text="Pick: one {or} two?",
            title="Q1",
            category="$course$/top/A",
            choices=(Choice("one = 1", 100, "yes#1"), Choice("two", 0), Choice("half", 50.5)),
        ),
        Question(
            kind="multiple",
            text="[html] is text here",
            points=2,
            all_or_nothing=True,
            explanation="why\nbecause",
            choices=(Choice("a", 50), Choice("b", 50), Choice("c", -100)),
        ),
        true_false(
            "Line one\nline two", False, feedback_true="no", text_format="html", category="B"
        ),
        Question(
            kind="numeric",
            text="How many?",
            numeric=(NumericAnswer(0.1, 1e-05, 100),),
            category="B",
        ),
        Question(
            kind="numeric",
            text="//not a comment",
            category="B",
            numeric=(NumericAnswer(3, 0, 100, "ok"), NumericAnswer(-2.5, 0.5, 33.5)),
        ),
    ]
    assert write_gift(questions, title="Droits humains\n[trainer-desktop] test") == (
        "// Droits humains\n"
        "// (trainer-desktop) test\n"
        "\n"
        "$CATEGORY: $course$/top/A\n"
        "\n"
        "::Q1::Pick\\: one \\{or\\} two? {\n"
        "\t=one \\= 1#yes\\#1\n"
        "\t~two\n"
        "\t~%50.5%half\n"
        "}\n"
        "\n"
        "$CATEGORY:\n"
        "\n"
        "// [trainer-desktop] points=2 all-or-nothing\n"
        "\\n[html] is text here {\n"
        "\t~%50%a\n"
        "\t~%50%b\n"
        "\t~%-100%c\n"
        "\t####why\\nbecause\n"
        "}\n"
        "\n"
        "$CATEGORY: B\n"
        "\n"
        "[html]Line one\\nline two {FALSE#no}\n"
        "\n"
        "How many? {#0.1:0.00001}\n"
        "\n"
        "\\n//not a comment {#\n"
        "\t=3#ok\n"
        "\t=%33.5%-2.5:0.5\n"
        "}\n"
    )


def test_written_true_false_feedback_goes_where_moodle_reads_it():
    q = true_false(
        "Torture is prohibited.",
        True,
        feedback_true="Right.",
        feedback_false="Wrong.",
        explanation="Always.",
    )
    assert write_gift([q]) == "Torture is prohibited. {TRUE#Wrong.#Right.####Always.}\n"
    q = true_false("Torture is allowed.", False, feedback_true="Wrong.")
    assert write_gift([q]) == "Torture is allowed. {FALSE#Wrong.}\n"
    q = true_false("Torture is allowed.", False, feedback_false="Right.")
    assert write_gift([q]) == "Torture is allowed. {FALSE##Right.}\n"


def test_single_choice_with_two_full_marks_answers_stays_single_choice():
    q = Question(kind="single", text="Either", choices=(Choice("a", 100), Choice("b", 100)))
    assert "=a" in write_gift([q]) and "~%100%b" in write_gift([q])
    assert keyless(parse_gift(write_gift([q])).questions) == [q]


def test_texts_that_look_like_markup_survive():
    tricky = [
        "[html]<b>not html</b>",
        "//not a comment",
        "%50% of cases",
        "::not a title::",
        "$CATEGORY: not a category",
        "####",
        "T",
        "{#1}",
        "a -> b",
        "\\n is not a newline",
    ]
    questions = [
        Question(
            kind="single",
            text=text,
            title=text if i % 2 else "",
            explanation=text,
            choices=(Choice(text, 100, text), Choice(text, 0, text), Choice(text, -50, text)),
        )
        for i, text in enumerate(tricky)
    ]
    questions += [
        Question(kind="numeric", text=text, numeric=(NumericAnswer(1, 0, 100, text),))
        for text in tricky
    ]
    questions += [
        true_false(text, True, feedback_true=text, feedback_false=text) for text in tricky
    ]
    assert keyless(parse_gift(write_gift(questions)).questions) == questions


def test_a_category_with_a_newline_is_written_on_one_line():
    q = Question(kind="single", text="x", category="a\nb", choices=(Choice("y", 100), Choice("z")))
    assert parse_gift(write_gift([q])).questions[0].category == "a b"


def test_carriage_returns_and_crlf_files():
    q = Question(kind="single", text="one\r\ntwo\rthree", choices=(Choice("y", 100), Choice("z")))
    assert parse_gift(write_gift([q])).questions[0].text == "one\ntwo\nthree"
    text = ALL_FEATURES.read_text(encoding="utf-8")
    assert keyless(parse_gift(text.replace("\n", "\r\n")).questions) == keyless(
        parse_gift(text).questions
    )


# --- property: whatever valid questions, written then read, come back -----------------------------

WS = " \t\n\r\0\x0b"  # what GIFT trims
ALPHABET = "aZé«»09 \t\n~=#{}:\\%[]/->_.\u00a0\u2028"
MARKUP = [
    "",
    "[html]",
    "[plain]",
    "//",
    "%50%",
    "%",
    "::",
    "$CATEGORY:",
    "\\n",
    "####",
    "T",
    "{#1}",
    "~",
    "=",
]


def _trimmed(text: str) -> str:
    return text.strip(WS)


def texts(nonblank: bool = False) -> st.SearchStrategy[str]:
    """Texts as GIFT keeps them (trimmed), often starting with something that looks like markup;
    ``nonblank`` ones have a visible character (the checks refuse a blank question or choice)."""
    visible = st.sampled_from("aé0~=#{}:\\%[") if nonblank else st.just("")
    return st.builds(
        lambda start, middle, rest: _trimmed(start + middle + rest),
        st.sampled_from(MARKUP),
        visible,
        st.text(alphabet=ALPHABET, max_size=20),
    )


weights = st.sampled_from([0.0, 0.0, 50.0, -25.0, 12.5, 33.33333, -100.0, 100.0, 0.1])
right_sets = st.sampled_from(
    [[100.0], [50.0, 50.0], [60.0, 40.0], [100 / 3] * 3, [25.0] * 4, [33.33333] * 3, [99.5, 0.5]]
)
numbers = st.floats(allow_nan=False, allow_infinity=False)
common = {
    "text": texts(nonblank=True),
    "title": texts(),
    "text_format": st.sampled_from(TEXT_FORMATS),
    "points": st.sampled_from([1.0, 2.0, 0.5]) | st.floats(min_value=0.001, max_value=1000),
    "explanation": texts(),
}


@st.composite
def single(draw):
    others = draw(st.lists(weights, min_size=1, max_size=5))
    at = draw(st.integers(0, len(others)))
    chosen = others[:at] + [100.0] + others[at:]
    choices = tuple(Choice(draw(texts(True)), w, draw(texts())) for w in chosen)
    return Question(kind="single", choices=choices, **{k: draw(v) for k, v in common.items()})


@st.composite
def multiple(draw):
    right = draw(right_sets)
    wrong = st.sampled_from([0.0, -25.0, -50.0, -100.0, -100 / 3])
    chosen = right + draw(st.lists(wrong, min_size=max(0, 2 - len(right)), max_size=4))
    chosen = draw(st.permutations(chosen))
    choices = tuple(Choice(draw(texts(True)), w, draw(texts())) for w in chosen)
    return Question(
        kind="multiple",
        choices=choices,
        all_or_nothing=draw(st.booleans()),
        **{k: draw(v) for k, v in common.items()},
    )


@st.composite
def true_or_false(draw):
    values = {k: draw(v) for k, v in common.items()}
    return true_false(
        values.pop("text"),
        draw(st.booleans()),
        feedback_true=draw(texts()),
        feedback_false=draw(texts()),
        **values,
    )


@st.composite
def numeric(draw):
    answers = [
        NumericAnswer(
            draw(numbers), draw(st.floats(min_value=0, allow_infinity=False)), weight, draw(texts())
        )
        for weight in [100.0] + draw(st.lists(st.floats(-100, 100), max_size=3))
    ]
    return Question(
        kind="numeric",
        numeric=tuple(draw(st.permutations(answers))),
        **{k: draw(v) for k, v in common.items()},
    )


@st.composite
def question_lists(draw):
    questions = draw(
        st.lists(
            st.one_of(single(), multiple(), true_or_false(), numeric()), min_size=1, max_size=6
        )
    )
    categories = st.sampled_from(["", "$course$/top/Force", "$course$/top/Garde à vue/Mineurs"])
    return [
        replace(q, category=draw(categories | texts().map(lambda t: t.replace("\n", " "))))
        for q in questions
    ]


@settings(max_examples=200, deadline=None)
@given(question_lists())
def test_any_valid_questions_survive_write_then_parse(questions):
    checked = list(check_questions(questions).questions)  # the strategy makes valid questions
    result = parse_gift(write_gift(checked, title="Property"))
    assert keyless(result.questions) == keyless(checked)
    assert result.categories == list(dict.fromkeys(q.category for q in checked if q.category))


# --- refusals -------------------------------------------------------------------------------------

UNSUPPORTED = [
    ("::Tomb::\nWho is buried in Grant's tomb?\n{=Grant =no one}", 3, "short-answer question"),
    ("Match the treaties.\n{\n=CAT -> 1984\n=OPCAT -> 2002\n}", 2, "matching question"),
    ("Explain what makes an arrest lawful.\n{}", 2, "essay question"),
    ("// Intro\n::Intro::This part is about custody.", 2, "description"),
]


@pytest.mark.parametrize(("text", "line", "kind"), UNSUPPORTED)
def test_kinds_this_application_has_not_are_refused(text, line, kind):
    error = refused("A question {=a ~b}\n\n" + text)
    assert error.line == line + 2
    assert str(error).startswith(f"Line {line + 2}: ")
    assert kind in str(error) and "is not supported" in str(error)


SYNTAX = [
    ("Q {=a ~b\n~c", 1, "“{” is not closed"),
    ("Q\n} {=a ~b}", 2, "“}” without “{”"),
    ("Q {=a ~b} and {=c ~d}", 1, "a second “{”"),
    ("Q {=a ~b} then }", 1, "“}” without “{”"),
    ("Q {=a ~b}\n}", 2, "“}” without “{”"),
    ("Q {=a ~b}\n{", 2, "a second “{”"),
    ("Q {=a ~b\n}{ ~c}", 2, "a second “{”"),
    ("Q {=a\n~b {x}\n}", 2, "a second “{”"),
    ("Q {\n  a\n  ~b\n  =c\n}", 2, "an answer must start with “=”, “~” or “#”, not “a”"),
    ("Q {\nmaybe #fb\n}", 2, "an answer must start with"),
    ("Q {true}", 1, "in capitals"),
    ("Q {\n#abc\n}", 2, "“abc” is not a number"),
    ("Q {#\n=3 euros\n}", 2, "“3 euros” is not a number"),
    ("Q {#3,14:0,01}", 1, "“3,14” is not a number (write decimals with a dot: 3.14)"),
    ("Q {#1..x}", 1, "“x” is not a number"),
    ("Q {#5..1}", 1, "the range “5..1” goes from high to low"),
    ("Q {#3:-1}", 1, "the tolerance cannot be negative"),
    ("Q {#3\\:1}", 1, "“3:1” is not a number"),
    ("Q {#}", 1, "no number after “{#”"),
    ("Q {#\n=}", 2, "a numeric answer has no number"),
    ("Q {#\n=3\n~#any other number\n}", 3, "“~” (feedback for any other number) is not supported"),
    ("Q {\n=a\n~%150%x\n}", 3, "the weight “150” is not between -100 and 100"),
    ("Q {\n=a\n~%-101%x\n}", 3, "the weight “-101” is not between -100 and 100"),
    ("Q {\n=a\n~%abc%x\n}", 3, "the weight “abc” is not a number"),
    ("Q {\n=a\n~%50 x\n}", 3, "the weight is not closed"),
    ("Q {#\n=%x%3\n}", 2, "the weight “x” is not a number"),
    ("Q {\n=%50%a\n~b\n}", 2, "“=” always means full marks in a choice question"),
    ("::Unclosed title\nQ {=a ~b}", 1, "the title is not closed"),
    ("// [trainer-desktop] points=2 bonus\nQ {=a ~b}", 1, "unknown word “bonus”"),
    ("// [trainer-desktop] points=two\nQ {=a ~b}", 1, "the points “two” are not a number"),
    (
        "// [trainer-desktop] all-or-nothing\nQ {=a ~b}",
        1,
        "“all-or-nothing” is only for multiple-choice",
    ),
    ("Q {=a ~b}\n\n// [trainer-desktop] points=2\n", 3, "not followed by a question"),
]


@pytest.mark.parametrize(("text", "line", "reason"), SYNTAX)
def test_broken_syntax_is_refused_with_the_line_and_the_reason(text, line, reason):
    error = refused("// A bank\n::Ok::A question {=a ~b}\n\n" + text)
    assert error.line == line + 3
    assert str(error).startswith(f"Line {line + 3}: ")
    assert reason in str(error)


CHECKS = [
    ("Who checks detention?\n{\n~The NPM\n~The press\n}", "no choice is marked right"),
    ("Which?\n{\n~%50%a\n~%20%b\n~c\n}", "the weights of the right choices add up to 70, not 100"),
    ("Which?\n{\n~%100%a\n}", "at least two choices"),
    ("Which?\n{\n=a\n~\n}", "a choice has no text"),
    ("// [trainer-desktop] points=0\nWhich?\n{\n=a\n~b\n}", "the points must be more than 0"),
    ("// [trainer-desktop] points=5000\nWhich?\n{\n=a\n~b\n}", "the points must be more than 0"),
    ("How much? {#\n=%50%3\n}", "no accepted number is worth full marks"),
    ("{=a ~b}", "the question has no text"),
]


@pytest.mark.parametrize(("text", "reason"), CHECKS)
def test_questions_the_checks_refuse_name_the_line_where_they_start(text, reason):
    error = refused("$CATEGORY: x\n\nFirst {T}\n\n\n" + text)
    start = 6 if not text.startswith("//") else 7
    assert error.line == start
    assert str(error).startswith(f"Line {start}: ")
    assert reason in str(error)
    assert "Question 2: " in str(error)


@pytest.mark.parametrize(
    "text", ["", "\n\n   \n", "// only\n// comments\n", "$CATEGORY: a\n\n// x"]
)
def test_no_question_is_refused(text):
    error = refused(text)
    assert error.line is None
    assert str(error) == "No question in this file."
    assert str(refused(text, source="bank.gift")) == "bank.gift: no question in this file."


def test_the_source_names_the_file_in_messages():
    error = refused("Q {=a ~b}\n\nQ {#x}", source="force.gift")
    assert str(error) == "force.gift, line 3: “x” is not a number."
    assert (
        isinstance(error, UserError) and error.line == 3 and error.problem == "“x” is not a number."
    )


def test_a_problem_late_in_a_bank_imports_nothing():
    text = ALL_FEATURES.read_text(encoding="utf-8") + "\n\nLast one {=a =b}\n"
    lines = text.count("\n")
    error = refused(text)
    assert error.line == lines
    assert "short-answer" in str(error)


def test_too_many_questions():
    text = "\n\n".join(f"Question {i} {{T}}" for i in range(MAX_QUESTIONS + 1))
    error = refused(text)
    assert error.line == 2 * MAX_QUESTIONS + 1
    assert f"at most {MAX_QUESTIONS} questions" in str(error)
    assert len(parse_gift(text.rsplit("\n\n", 1)[0]).questions) == MAX_QUESTIONS


def test_metadata_line_inside_the_question_or_before_a_category():
    text = (
        "// [trainer-desktop] points=4\n\n$CATEGORY: c\n\nQ {~%50%a ~%50%b}\n\n"
        "Q2\n// [trainer-desktop] all-or-nothing\n{~%50%a ~%50%b}\n\nQ3 {~%50%a ~%50%b}"
    )
    q1, q2, q3 = parse_gift(text).questions
    assert (q1.points, q1.all_or_nothing, q1.category) == (4, False, "c")
    assert (q2.points, q2.all_or_nothing) == (1, True)
    assert (q3.points, q3.all_or_nothing) == (1, False)


def test_other_comments_and_moodle_tags_are_ignored():
    text = (
        "// question: 12  name: Q\n// [tag:force] [id:ABC]\n// trainer-desktop points=9\nQ {=a ~b}"
    )
    assert parse_gift(text).questions[0].points == 1
    # The metadata tag is recognised even without a space after it (a typo is not ignored).
    assert parse_gift("//[trainer-desktop]points=9\nQ {=a ~b}").questions[0].points == 9
    assert "unknown word “points9”" in str(refused("//[trainer-desktop]points9\nQ {=a ~b}"))


# --- files ------------------------------------------------------------------------------------


def test_a_file_with_a_byte_order_mark(tmp_path):
    path = tmp_path / "bom.gift"
    path.write_bytes(b"\xef\xbb\xbf" + TORTURE.read_bytes())
    assert keyless(read_gift_file(path).questions) == keyless(read_gift_file(TORTURE).questions)
    assert keyless(parse_gift("\ufeffQ {T}").questions) == [true_false("Q", True)]


def test_a_file_that_is_not_utf8_is_refused(tmp_path):
    path = tmp_path / "garde à vue.gift"
    path.write_bytes("// Banque\n\nQuestion {=a ~b}\n\nGarde à vue {T}\n".encode("cp1252"))
    with pytest.raises(GiftError) as info:
        read_gift_file(path)
    assert info.value.line == 5
    assert str(info.value).startswith("garde à vue.gift, line 5: the file is not UTF-8 text")
    path.write_bytes(b"\xef\xbb\xbf\n\xff")
    with pytest.raises(GiftError) as info:
        read_gift_file(path)
    assert info.value.line == 2


def test_a_utf16_file_is_refused(tmp_path):
    path = tmp_path / "utf16.gift"
    path.write_bytes("Q {T}".encode("utf-16"))
    with pytest.raises(GiftError, match="not UTF-8"):
        read_gift_file(path)


def test_a_file_too_large_is_refused_before_reading_it(tmp_path):
    path = tmp_path / "huge.gift"
    with path.open("wb") as fh:
        fh.truncate(MAX_FILE_SIZE + 1)
    with pytest.raises(GiftError) as info:
        read_gift_file(path)
    assert (
        str(info.value) == "huge.gift: the file is too large for a question bank (more than 10 MB)."
    )
    assert info.value.line is None


def test_a_missing_file(tmp_path):
    with pytest.raises(GiftError, match=r"^nowhere\.gift: cannot read the file"):
        read_gift_file(tmp_path / "nowhere.gift")
