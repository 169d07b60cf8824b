"""Certificate codes (core.certificates): stable, distinct, typed loosely, checked against the
database."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import re
import uuid

import pytest
from hypothesis import given
from hypothesis import strategies as st

from trainer_desktop.core.certificates import (
    ALPHABET,
    certificate_code,
    normalise_code,
    verify_certificate,
)
from trainer_desktop.core.errors import ValidationError

FIXED_ID = "3f1c0b9e-7d2a-4e51-9b8c-0a6d2e4f1c77"


def test_a_code_never_changes_for_the_same_enrolment():
    # Regression check: every copy of every database prints this code for this enrolment.
    assert certificate_code(FIXED_ID) == "Z9MGV-CBHB4"
    assert certificate_code(FIXED_ID) == certificate_code(str(uuid.UUID(FIXED_ID)))


def test_a_code_is_the_first_50_bits_of_the_salted_sha256_in_crockford_base32():
    # Worked out another way: the standard base-32 text of the digest, letters mapped to
    # Crockford's alphabet (each character is 5 bits in both).
    digest = hashlib.sha256(b"trainer-desktop certificate/" + FIXED_ID.encode()).digest()
    standard = base64.b32encode(digest).decode()[:10]
    crockford = standard.translate(str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", ALPHABET))
    assert certificate_code(FIXED_ID) == f"{crockford[:5]}-{crockford[5:]}"


def test_codes_are_ten_crockford_characters_and_distinct_for_20000_enrolments():
    codes = [certificate_code(str(uuid.uuid5(uuid.NAMESPACE_URL, f"enrolment/{n}"))) for n in range(20_000)]
    assert len(set(codes)) == 20_000
    assert all(re.fullmatch(r"[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}", code) for code in codes)
    assert set("".join(codes).replace("-", "")) == set(ALPHABET)  # every character is used


@pytest.mark.parametrize("typed", ["abcde fghjk", "ABCDE-FGHJK", "abcdefghjk", " AbCdE – fGhJk ",
                                   "ABCDE\tFGHJK"])  # fmt: skip
def test_a_code_may_be_typed_in_any_case_with_or_without_spaces_and_dashes(typed):
    assert normalise_code(typed) == "ABCDEFGHJK"


def test_letters_read_for_digits_are_taken_as_the_digits():
    assert normalise_code("oO1iI-lL234") == "0011111234"  # o O -> 0; 1 i I l L -> 1


@pytest.mark.parametrize(("typed", "problem"), [
    ("", "Type the code"),
    ("   ", "Type the code"),
    ("ABCDE-FGHJ", "10 characters.*has 9"),
    ("ABCDE-FGHJKM", "10 characters.*has 11"),
    ("ABCDU-12345", "never U"),
    ("ABCDE_12345", "never _"),
    ("ÀBCDE-12345", "never À"),
])  # fmt: skip
def test_text_that_cannot_be_a_code_is_refused_with_a_message_naming_it(typed, problem):
    with pytest.raises(ValidationError, match=problem) as refused:
        normalise_code(typed)
    assert refused.value.field == "code"
    if typed.strip():
        assert typed.strip() in refused.value.message


@given(st.text(alphabet="0123456789abcdefghjkmnpqrstvwxyz", min_size=10, max_size=10))
def test_every_code_typed_back_in_lower_case_normalises_to_itself(digits):
    assert normalise_code(digits.lower()) == digits.upper()
    assert normalise_code(f"{digits[:5]}-{digits[5:]}") == digits.upper()


def test_verify_finds_the_person_from_a_loosely_typed_code(workspace):
    session = workspace.sessions.create(title="Atelier OPJ", start_date=dt.date(2024, 3, 4),
                                        end_date=dt.date(2024, 3, 5), attendance_threshold=75)  # fmt: skip
    periods = workspace.attendance.ensure_default_periods(session.id)  # 4 h, 3.5 h, 4 h, 3.5 h
    awa = workspace.participants.create_and_enrol(session.id, family_name="Traoré", given_names="Awa")
    other = workspace.participants.create_and_enrol(session.id, family_name="Diarra")
    for period in periods[:3]:
        workspace.attendance.set_mark(awa.enrolment.id, period.id, "present")
    code = certificate_code(awa.enrolment.id)

    found = verify_certificate(workspace, code.lower().replace("-", ""))

    assert found is not None
    assert found.code == code
    assert found.session.id == session.id and found.session.title == "Atelier OPJ"
    assert found.person.enrolment.id == awa.enrolment.id
    assert found.person.participant.display_name == "TRAORÉ Awa"
    # 3 periods of 4 (75 % >= 75 %): 4 + 3.5 + 4 = 11.5 hours
    assert (found.eligible, found.hours_attended, found.rate) == (True, 11.5, 0.75)
    assert verify_certificate(workspace, certificate_code(other.enrolment.id)).eligible is False


def test_an_unknown_or_unenrolled_code_finds_nobody_and_a_malformed_one_is_refused(workspace):
    session = workspace.sessions.create(title="Atelier OPJ", start_date=dt.date(2024, 3, 4),
                                        end_date=dt.date(2024, 3, 4))  # fmt: skip
    person = workspace.participants.create_and_enrol(session.id, family_name="Traoré")
    code = certificate_code(person.enrolment.id)
    unknown = "00000-00000" if code != "00000-00000" else "11111-11111"

    assert verify_certificate(workspace, unknown) is None
    found = verify_certificate(workspace, code)
    assert found is not None and found.rate is None and found.eligible is False  # no periods yet
    workspace.participants.unenrol(person.enrolment.id)
    assert verify_certificate(workspace, code) is None
    with pytest.raises(ValidationError):
        verify_certificate(workspace, "not a code")


def test_a_code_of_a_deleted_session_finds_nobody(workspace):
    session = workspace.sessions.create(title="Atelier OPJ", start_date=dt.date(2024, 3, 4),
                                        end_date=dt.date(2024, 3, 4))  # fmt: skip
    person = workspace.participants.create_and_enrol(session.id, family_name="Traoré")
    workspace.sessions.delete(session.id)
    assert verify_certificate(workspace, certificate_code(person.enrolment.id)) is None
