"""Demo data: realistic training sessions from the field, to try the application and to test it.

Four sessions are real events of the field reports (``/context``): the OPJ human-rights training
of the CNDH of Mali in Sévaré and its twin in Ségou (Nov 2022), the MNP/OPCAT workshop for African
national human-rights institutions in Rabat (June 2019) and the GLO.ACT training of trainers on
human trafficking in Rabat (Jan 2019). A handful more are generated from a seed (2023–2026, Malian
and Moroccan towns). Speakers' names are invented. The real sessions also get their participants,
attendance and signatures (:mod:`.demo_people`) and their pre/post tests, answered
(:mod:`.demo_quizzes`); a few generated sessions get a handful of returning participants.

Loading is deterministic and safe to repeat: every demo record has a UUID derived from a fixed
namespace and a stable key (plus the seed, for generated sessions), and is created only if no
record with that id exists — deleted ones included, so a demo session the user deleted stays
deleted. The four real sessions have the same ids whatever the seed, so loading seed 0 then
seed 1 adds only seed 1's generated sessions. Values go through the same validation as the
services', and records are stamped by :func:`records.create`, the core's one stamping path.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from . import records
from .programme import ProgrammeItem, check_times, validate_item
from .sessions import TrainingSession, check_dates, validate_session

if TYPE_CHECKING:
    from .workspace import Workspace

#: Fixed namespace of every demo id (never change it: ids must stay stable across versions).
DEMO_NAMESPACE = uuid.UUID("6f1c2d1e-8d3a-5b7e-9a40-2b6c1d0e7a55")

GENERATED_MIN, GENERATED_MAX = 6, 9


@dataclass(frozen=True)
class DemoResult:
    sessions_created: int
    sessions_existing: int
    items_created: int
    participants_created: int = 0
    enrolments_created: int = 0
    periods_created: int = 0
    marks_created: int = 0
    signatures_created: int = 0
    quizzes_created: int = 0
    assignments_created: int = 0  # sessions' pre-tests and post-tests
    attempts_created: int = 0
    answers_created: int = 0
    forms_created: int = 0  # the ready evaluation forms (see :mod:`.ready_forms`)
    form_responses_created: int = 0
    form_answers_created: int = 0


@dataclass(frozen=True)
class Slot:
    """One programme item of a demo day. ``parallel`` items may share their time slot."""

    start: str
    end: str
    title: str
    kind: str = "presentation"
    speaker: str = ""
    objective: str = ""
    parallel: bool = False


@dataclass(frozen=True)
class SessionSpec:
    key: str
    values: dict[str, Any]
    days: Sequence[Sequence[Slot]] = field(default_factory=list)


def demo_id(key: str) -> str:
    return str(uuid.uuid5(DEMO_NAMESPACE, key))


# -- loading -----------------------------------------------------------------------------------

_SESSION_DEFAULTS: dict[str, Any] = {
    "theme": "", "venue": "", "town": "", "region": "", "country": "", "organiser": "",
    "funders": [], "facilitators": [], "target_audience": "", "expected_participants": None,
    "language": "fr", "objectives": "",
}  # fmt: skip


def load_demo(workspace: Workspace, seed: int = 0) -> DemoResult:
    """Add the demo sessions and their programmes, their participants, attendance and tests
    (:mod:`.demo_people`, :mod:`.demo_quizzes`) to ``workspace`` (what is there stays)."""
    from .demo_people import DemoWriter, add_people
    from .demo_quizzes import add_quizzes

    specs = [*real_sessions(), *generated_sessions(seed)]
    for spec in specs:
        _check_overlaps(spec)
    created = existing = items_created = 0
    live: dict[str, TrainingSession] = {}
    with workspace.db.write() as tx:  # all or nothing
        for spec in specs:
            session_id = demo_id(spec.key)
            session = tx.get(TrainingSession, session_id)
            if session is None:
                values = validate_session({**_SESSION_DEFAULTS, **spec.values})
                check_dates(values["start_date"], values["end_date"])
                session = records.create(
                    TrainingSession, workspace.clock.tick(tx), values, record_id=session_id
                )
                tx.add(session)
                created += 1
            else:
                existing += 1
            if session.deleted:
                continue  # the user deleted this demo session: it stays deleted
            live[spec.key] = session
            stamp = None
            # One query for the session's items (a ``get`` each flushes and queries alone).
            present = set(tx.scalars(select(ProgrammeItem.id).where(
                ProgrammeItem.session_id == session_id)))  # fmt: skip
            for key, values in _item_values(spec, session):
                item_id = demo_id(key)
                if item_id in present:
                    continue
                stamp = stamp or workspace.clock.tick(tx)
                tx.add(records.create(ProgrammeItem, stamp, values, record_id=item_id))
                items_created += 1
        writer = DemoWriter(tx, workspace.clock)
        writer.known_live(session.id for session in live.values())
        people = add_people(writer, live, seed)
        tests = add_quizzes(writer, live, people)
        evaluations = add_evaluations(writer, live, people)
    return DemoResult(
        created, existing, items_created,
        participants_created=people.participants_created,
        enrolments_created=people.enrolments_created,
        periods_created=people.periods_created,
        marks_created=people.marks_created,
        signatures_created=people.signatures_created,
        quizzes_created=tests.quizzes_created,
        assignments_created=tests.assignments_created,
        attempts_created=tests.attempts_created,
        answers_created=tests.answers_created,
        forms_created=evaluations.forms_created,
        form_responses_created=evaluations.responses_created,
        form_answers_created=evaluations.answers_created,
    )  # fmt: skip


def _time(text: str) -> dt.time:
    hours, minutes = text.split(":")
    return dt.time(int(hours), int(minutes))


def _item_values(
    spec: SessionSpec, session: TrainingSession
) -> Iterator[tuple[str, dict[str, Any]]]:
    for day_index, slots in enumerate(spec.days):
        day = session.start_date + dt.timedelta(days=day_index)
        for slot_index, slot in enumerate(slots):
            values = validate_item(
                {
                    "day": day,
                    "start_time": _time(slot.start),
                    "end_time": _time(slot.end),
                    "title": slot.title,
                    "objective": slot.objective,
                    "speaker": slot.speaker,
                    "kind": slot.kind,
                },
                session,
            )
            check_times(values["start_time"], values["end_time"])
            yield (
                f"{spec.key}/day{day_index + 1}/item{slot_index + 1:02d}",
                {
                    **values,
                    "session_id": session.id,
                },
            )


def _check_overlaps(spec: SessionSpec) -> None:
    """Demo programmes overlap only where meant to (parallel group work): a guard against typos
    in the data below, which the services would otherwise ask the user to confirm."""
    for day_index, slots in enumerate(spec.days):
        for i, a in enumerate(slots):
            for b in slots[i + 1 :]:
                overlap = _time(a.start) < _time(b.end) and _time(b.start) < _time(a.end)
                if overlap and not (a.parallel and b.parallel):
                    raise ValueError(
                        f"demo {spec.key} day {day_index + 1}: {a.title!r} overlaps {b.title!r}"
                    )


# -- common slots ------------------------------------------------------------------------------


def _welcome(start: str = "08:30", end: str = "09:00") -> Slot:
    return Slot(start, end, "Accueil et enregistrement des participants", "opening")


def _recap(speaker: str, start: str = "08:30", end: str = "09:00") -> Slot:
    return Slot(start, end, "Rappel des travaux de la veille", "presentation", speaker)


def _coffee(start: str, end: str) -> Slot:
    return Slot(start, end, "Pause-café", "break")


def _lunch(start: str = "12:30", end: str = "14:00") -> Slot:
    return Slot(start, end, "Déjeuner", "meal")


# -- the four real sessions ---------------------------------------------------------------------

OPJ_TITLE = (
    "Atelier de renforcement des capacités des officiers de police judiciaire (OPJ) "
    "sur les droits de l'homme"
)
OPJ_OBJECTIVES = """\
Objectif général : promouvoir, dans un contexte de conflit et d'insécurité, les droits humains \
dans les régions de Ségou et Mopti à travers la formation des OPJ, appelés à servir de relais de \
promotion des droits de l'homme au sein de leurs unités.
Objectifs spécifiques :
- renforcer les capacités des OPJ sur les différentes catégories des droits humains fondamentaux \
et les mécanismes de leur protection ;
- former les OPJ sur les concepts et principes fondamentaux des droits humains ;
- sensibiliser les OPJ au respect des droits humains fondamentaux dans l'exercice de leurs \
fonctions de sécurisation du territoire ;
- sensibiliser les OPJ pour les amener à s'impliquer dans les actions de protection des \
populations sur le terrain ;
- renforcer l'esprit de confiance mutuelle entre les OPJ et les populations en vue du respect des \
droits de l'homme."""


# fmt: off
def _opj_programme(p: dict[str, str]) -> list[list[Slot]]:
    """The 3-day OPJ programme; ``p`` names the speakers of one session."""
    day1 = [
        _welcome(),
        Slot("09:00", "09:45", "Cérémonie d'ouverture", "opening", p["opening"],
             "Mot de bienvenue, allocution du représentant d'EUCAP Sahel Mali, discours "
             "d'ouverture."),
        Slot("09:45", "10:15", "Pause-café et photo de famille", "break"),
        Slot("10:15", "10:45", "Présentation des participants, recueil des attentes et des craintes",
             "group_work", p["facilitator"]),
        Slot("10:45", "11:15", "Pré-test", "presentation", p["facilitator"],
             "Évaluer les connaissances des participants avant la formation."),
        Slot("11:15", "12:30", "Module 1 : Les différentes catégories de droits de l'homme",
             "presentation", p["jurist"],
             "Droits civils et politiques, droits économiques, sociaux et culturels, droits de "
             "solidarité."),
        _lunch(),
        Slot("14:00", "15:30", "Module 2 : Les mécanismes de protection des droits de l'homme",
             "presentation", p["commissioner"],
             "Mécanismes nationaux (CNDH, justice), régionaux (Commission africaine) et "
             "universels (organes des traités, Examen périodique universel)."),
        _coffee("15:30", "15:45"),
        Slot("15:45", "17:00", "Travaux de groupe : cas pratiques sur la saisine des mécanismes "
             "de protection", "group_work", p["facilitator"]),
    ]
    day2 = [
        _recap(p["facilitator"]),
        Slot("09:00", "10:30", "Module 3 : Concepts et principes fondamentaux des droits de "
             "l'homme", "presentation", p["jurist"],
             "Dignité, universalité, indivisibilité, égalité et non-discrimination."),
        _coffee("10:30", "10:45"),
        Slot("10:45", "12:30", "Module 4 : Les droits de l'homme dans l'exercice des fonctions de "
             "sécurisation du territoire", "presentation", p["officer"],
             "Interpellation, garde à vue, usage de la force et des armes à feu, interdiction "
             "absolue de la torture."),
        _lunch(),
        Slot("14:00", "15:30", "Module 5 : Prévention de la torture et des mauvais traitements — "
             "le rôle de la CNDH", "presentation", p["commissioner"],
             "La CNDH, Mécanisme national de prévention de la torture : visites des lieux de "
             "privation de liberté."),
        _coffee("15:30", "15:45"),
        Slot("15:45", "17:00", "Travaux de groupe : études de cas sur la garde à vue", "group_work",
             p["lawyer"]),
    ]
    day3 = [
        _recap(p["facilitator"]),
        Slot("09:00", "10:30", "Module 6 : La protection des civils dans un contexte de conflit et "
             "d'insécurité", "presentation", p["officer"],
             "Principes du droit international humanitaire, personnes déplacées internes, "
             "protection des enfants et des femmes."),
        _coffee("10:30", "10:45"),
        Slot("10:45", "12:00", "Module 7 : Renforcer la confiance mutuelle entre les OPJ et les "
             "populations", "presentation", p["jurist"],
             "Police de proximité, accueil des plaignants, communication avec les communautés."),
        Slot("12:00", "12:30", "Post-test", "presentation", p["facilitator"]),
        _lunch(),
        Slot("14:00", "15:00", "Évaluation de l'atelier et recommandations", "group_work",
             p["facilitator"]),
        Slot("15:00", "15:45", "Cérémonie de clôture et remise des attestations", "closing",
             p["closing"]),
    ]
    return [day1, day2, day3]
# fmt: on


def _opj_session(key: str, start: dt.date, venue: str, town: str, region: str,
                 facilitators: list[str], speakers: dict[str, str]) -> SessionSpec:  # fmt: skip
    return SessionSpec(
        key,
        {
            "title": OPJ_TITLE,
            "theme": "Droits de l'homme dans un contexte de conflit et d'insécurité",
            "start_date": start,
            "end_date": start + dt.timedelta(days=2),
            "venue": venue,
            "town": town,
            "region": region,
            "country": "Mali",
            "organiser": "Commission nationale des droits de l'homme (CNDH) du Mali",
            "funders": ["EUCAP Sahel Mali"],
            "facilitators": facilitators,
            "target_audience": "Officiers de police judiciaire (OPJ) de la gendarmerie et de la "
            "police nationale des régions de Ségou et Mopti",
            "expected_participants": 40,
            "language": "fr",
            "objectives": OPJ_OBJECTIVES,
        },
        _opj_programme(speakers),
    )


def _sevare() -> SessionSpec:
    return _opj_session(
        "real/opj-sevare-2022",
        dt.date(2022, 11, 8),
        "Hôtel La Palmeraie",
        "Sévaré",
        "Mopti",
        ["Mme Awa Dembélé", "M. Boubacar Sangaré"],
        {
            "opening": "Président de la CNDH ; Chef de l'antenne EUCAP Sahel Mali de Mopti",
            "facilitator": "Mme Awa Dembélé, CNDH",
            "jurist": "M. Boubacar Sangaré, juriste, CNDH",
            "commissioner": "Mme Kadiatou Maïga Cissé, commissaire de la CNDH",
            "officer": "Commandant Issa Coulibaly, gendarmerie nationale",
            "lawyer": "Me Oumar Tangara, avocat au barreau du Mali",
            "closing": "Gouverneur de la région de Mopti ; Président de la CNDH",
        },
    )


def _segou() -> SessionSpec:
    return _opj_session(
        "real/opj-segou-2022",
        dt.date(2022, 11, 15),
        "Salle de conférence du Gouvernorat",
        "Ségou",
        "Ségou",
        ["Mme Awa Dembélé", "M. Drissa Kané"],
        {
            "opening": "Président de la CNDH ; Représentant d'EUCAP Sahel Mali",
            "facilitator": "Mme Awa Dembélé, CNDH",
            "jurist": "M. Drissa Kané, juriste, CNDH",
            "commissioner": "M. Mamadou Traoré, commissaire de la CNDH",
            "officer": "Commissaire divisionnaire Adama Diarra, police nationale",
            "lawyer": "Me Fatoumata Sissoko, avocate au barreau du Mali",
            "closing": "Gouverneur de la région de Ségou ; Président de la CNDH",
        },
    )


def _rabat_mnp() -> SessionSpec:
    s = {
        "apt": "Mme Claire Lefèvre, Association pour la prévention de la torture (APT)",
        "cndh": "M. Youssef El Amrani, Mécanisme national de prévention, CNDH",
        "oif": "M. Jean-Baptiste Ouédraogo, OIF",
        "afcndh": "Mme Nadia Bennani, AFCNDH",
    }
    days = [
        [
            _welcome("08:30", "09:15"),
            Slot("09:15", "10:00", "Séance d'ouverture", "opening",
                 "Présidente du CNDH ; Secrétaire général de l'AFCNDH ; Représentants de l'OIF et "
                 "de l'APT"),
            _coffee("10:00", "10:30"),
            Slot("10:30", "12:30", "Les aspects fondamentaux de l'OPCAT", "presentation", s["apt"],
                 "Le Protocole facultatif à la Convention des Nations Unies contre la torture : "
                 "origine, obligations des États parties, Sous-comité pour la prévention (SPT)."),
            _lunch("12:30", "14:30"),
            Slot("14:30", "16:00", "Généralités sur le MNP : mandat, pouvoirs et garanties",
                 "presentation", s["apt"]),
            _coffee("16:00", "16:15"),
            Slot("16:15", "17:30", "L'expérience du Maroc : le MNP créé par la loi n°76-15",
                 "presentation", s["cndh"]),
        ],
        [
            Slot("09:00", "10:30", "Défis et opportunités d'intégrer le MNP au sein d'une INDH",
                 "presentation", s["afcndh"]),
            _coffee("10:30", "11:00"),
            Slot("11:00", "12:30", "Synergies et interactions entre le MNP et les autres "
                 "départements de l'INDH", "group_work", s["oif"]),
            _lunch("12:30", "14:30"),
            Slot("14:30", "16:00", "Les relations du MNP avec les autres acteurs nationaux et "
                 "internationaux", "presentation", s["apt"]),
            _coffee("16:00", "16:15"),
            Slot("16:15", "17:30", "Tour de table : état des lieux des MNP au Rwanda, au Mali, au "
                 "Togo, au Burkina Faso, à Madagascar, à Maurice et en Mauritanie", "group_work",
                 s["afcndh"]),
        ],
        [
            Slot("09:00", "10:30", "Les visites préventives : méthodologie, préparation, entretiens "
                 "confidentiels", "presentation", s["cndh"]),
            _coffee("10:30", "11:00"),
            Slot("11:00", "12:30", "Exercice pratique : préparer une visite d'un lieu de privation "
                 "de liberté", "group_work", s["apt"]),
            _lunch("12:30", "14:00"),
            Slot("14:00", "15:00", "Table ronde — Journée internationale pour le soutien aux "
                 "victimes de la torture (26 juin)", "presentation", s["oif"]),
            Slot("15:00", "15:45", "Évaluation de l'atelier et recommandations", "group_work",
                 s["afcndh"]),
            Slot("15:45", "16:30", "Séance de clôture", "closing",
                 "Présidente du CNDH ; Secrétaire général de l'AFCNDH"),
        ],
    ]  # fmt: skip
    return SessionSpec(
        "real/mnp-rabat-2019",
        {
            "title": "Atelier sur la mise en œuvre du mandat des Mécanismes nationaux de "
            "prévention (MNP) par les Institutions nationales des droits de l'Homme (INDH)",
            "theme": "Prévention de la torture — Protocole facultatif à la Convention des Nations "
            "Unies contre la torture (OPCAT)",
            "start_date": dt.date(2019, 6, 24),
            "end_date": dt.date(2019, 6, 26),
            "venue": "Institut de Rabat – Driss Benzekri pour les droits de l'Homme",
            "town": "Rabat",
            "region": "Rabat-Salé-Kénitra",
            "country": "Maroc",
            "organiser": "Association francophone des commissions nationales des droits de "
            "l'Homme (AFCNDH)",
            "funders": [
                "Organisation internationale de la Francophonie (OIF)",
                "Association pour la prévention de la torture (APT)",
                "Conseil national des droits de l'Homme (CNDH)",
            ],
            "facilitators": [s["apt"], s["cndh"]],
            "target_audience": "Présidents, commissaires et représentants des INDH africaines "
            "(Rwanda, Mali, Togo, Burkina Faso, Madagascar, Maurice, Mauritanie, Maroc)",
            "expected_participants": 32,
            "language": "fr",
            "objectives": "Renforcer les capacités et les connaissances des INDH sur le mandat et "
            "sur le système de prévention établi par le Mécanisme national de prévention (MNP), "
            "tel que prévu par le Protocole facultatif à la Convention des Nations Unies contre la "
            "torture (OPCAT).\n"
            "- échanger sur les aspects fondamentaux de l'OPCAT et les généralités sur le MNP ;\n"
            "- identifier les défis et les opportunités d'intégrer le MNP au sein d'une INDH ;\n"
            "- préparer et conduire des visites préventives des lieux de privation de liberté.",
        },
        days,
    )


def _glo_act() -> SessionSpec:
    s = {
        "unodc": "Mme Leïla Tazi, ONUDC",
        "judge": "M. Hassan Benjelloun, magistrat, ministère de la Justice",
        "prosecutor": "Mme Samira Alaoui, substitut du procureur du Roi",
        "police": "Commissaire Rachid Idrissi, Sûreté nationale",
        "iom": "Mme Ana Ferreira, OIM",
        "unicef": "M. Karim Chraibi, UNICEF",
        "portugal": "M. João Martins, commission nationale de lutte contre la traite (Portugal)",
        "trainer": "Mme Ghizlane Berrada, formatrice en andragogie",
    }
    days = [
        [
            _welcome("08:30", "09:00"),
            Slot("09:00", "10:00", "Séance d'ouverture", "opening",
                 "Délégué interministériel aux droits de l'Homme ; Directeur des affaires pénales "
                 "et des grâces ; Délégation de l'Union européenne ; ONUDC"),
            _coffee("10:00", "10:30"),
            Slot("10:30", "12:30", "Le cadre juridique international et national : Protocole de "
                 "Palerme et loi n°27.14", "presentation", s["judge"]),
            _lunch("12:30", "14:00"),
            Slot("14:00", "15:30", "Traite des personnes et trafic illicite de migrants : "
                 "définitions et distinctions", "presentation", s["unodc"]),
            _coffee("15:30", "15:45"),
            Slot("15:45", "17:00", "Identification des victimes : indicateurs et premiers contacts",
                 "group_work", s["iom"]),
        ],
        [
            Slot("09:00", "10:30", "Enquêtes proactives et réactives en matière de traite",
                 "presentation", s["police"]),
            _coffee("10:30", "10:45"),
            Slot("10:45", "12:30", "Poursuites et jugement : la preuve et le témoignage de la "
                 "victime", "presentation", s["prosecutor"]),
            _lunch(),
            Slot("14:00", "15:30", "Groupe A : étude de cas — exploitation par le travail",
                 "group_work", s["police"], parallel=True),
            Slot("14:00", "15:30", "Groupe B : étude de cas — exploitation sexuelle", "group_work",
                 s["prosecutor"], parallel=True),
            _coffee("15:30", "15:45"),
            Slot("15:45", "17:00", "Restitution des travaux de groupe", "group_work", s["unodc"]),
        ],
        [
            Slot("09:00", "10:30", "Une approche centrée sur la victime : protection et assistance",
                 "presentation", s["iom"]),
            _coffee("10:30", "10:45"),
            Slot("10:45", "12:30", "Les enfants victimes de la traite", "presentation",
                 s["unicef"]),
            _lunch(),
            Slot("14:00", "17:00", "Andragogie : concevoir et animer une session de formation pour "
                 "adultes", "group_work", s["trainer"],
                 "Techniques participatives, gestion du groupe, évaluation des acquis."),
        ],
        [
            Slot("09:00", "10:30", "Coordination et coopération : une réponse institutionnelle "
                 "multisectorielle", "presentation", s["unodc"]),
            _coffee("10:30", "10:45"),
            Slot("10:45", "12:30", "L'expérience d'une commission nationale de coordination : le "
                 "Portugal", "presentation", s["portugal"]),
            _lunch(),
            Slot("14:00", "17:00", "Préparation du simulacre de procès", "group_work", s["judge"],
                 "Répartition des rôles : juges, parquet, défense, enquêteurs, victime, "
                 "assistante sociale."),
        ],
        [
            Slot("09:00", "12:00", "Simulacre de procès", "group_work",
                 f"{s['judge']} ; {s['prosecutor']}"),
            _lunch("12:00", "13:30"),
            Slot("13:30", "14:30", "Leçons apprises et débriefing du simulacre de procès",
                 "group_work", s["unodc"]),
            Slot("14:30", "15:00", "Évaluation de la formation", "presentation", s["trainer"]),
            Slot("15:00", "16:00", "Séance de clôture et remise des certificats", "closing",
                 "ONUDC ; Délégation de l'Union européenne"),
        ],
    ]  # fmt: skip
    return SessionSpec(
        "real/glo-act-rabat-2019",
        {
            "title": "Formation de formateurs sur la lutte contre la traite des êtres humains",
            "theme": "Action mondiale pour prévenir et combattre la traite des personnes et le "
            "trafic illicite de migrants (GLO.ACT)",
            "start_date": dt.date(2019, 1, 7),
            "end_date": dt.date(2019, 1, 11),
            "venue": "Hôtel La Tour Hassan",
            "town": "Rabat",
            "region": "Rabat-Salé-Kénitra",
            "country": "Maroc",
            "organiser": "Office des Nations Unies contre la drogue et le crime (ONUDC)",
            "funders": [
                "Union européenne (UE)",
                "Organisation internationale pour les migrations (OIM)",
                "Fonds des Nations Unies pour l'enfance (UNICEF)",
            ],
            "facilitators": [s["unodc"], s["trainer"]],
            "target_audience": "Procureurs, magistrats, Sûreté nationale, Gendarmerie royale, "
            "assistants sociaux du ministère de la Justice et de l'Entraide nationale",
            "expected_participants": 25,
            "language": "fr",
            "objectives": "- renforcer la coordination et la coopération entre les acteurs "
            "gouvernementaux et institutionnels pour une réponse multisectorielle centrée sur la "
            "protection de la victime ;\n"
            "- établir un réseau de formateurs spécialisés, dotés de compétences techniques et "
            "andragogiques avancées ;\n"
            "- partager les bonnes pratiques et les leçons apprises de commissions nationales "
            "similaires avant le lancement de la commission nationale prévue par la loi 27.14.",
        },
        days,
    )


def real_sessions() -> list[SessionSpec]:
    """The four sessions of the field reports, the same whatever the seed."""
    return [_sevare(), _segou(), _rabat_mnp(), _glo_act()]


# -- generated sessions --------------------------------------------------------------------------

#: (town, region, venues) by country.
PLACES = {
    "Mali": [
        ("Ségou", "Ségou", ["Salle de conférence du Gouvernorat", "Hôtel Le Djoliba"]),
        ("Mopti", "Mopti", ["Antenne régionale de la CNDH", "Hôtel Le Fleuve"]),
        ("Sévaré", "Mopti", ["Hôtel La Palmeraie"]),
        ("Bamako", "District de Bamako", ["Siège de la CNDH", ("Centre international de "
                                          "conférences de Bamako")]),
        ("Sikasso", "Sikasso", ["Salle de conférence du Gouvernorat", "Hôtel Le Kénédougou"]),
        ("Kayes", "Kayes", ["Salle de conférence du Gouvernorat", "Hôtel Le Khasso"]),
    ],
    "Maroc": [
        ("Rabat", "Rabat-Salé-Kénitra", [("Institut national de formation aux droits de l'Homme "
                                         "(INFDH)"), "Hôtel La Tour Hassan"]),
        ("Marrakech", "Marrakech-Safi", ["Commission régionale des droits de l'Homme (CRDH)"]),
        ("Fès", "Fès-Meknès", ["Commission régionale des droits de l'Homme (CRDH)"]),
        ("Tanger", "Tanger-Tétouan-Al Hoceïma", [("Commission régionale des droits de l'Homme "
                                                  "(CRDH)")]),
        ("Agadir", "Souss-Massa", ["Commission régionale des droits de l'Homme (CRDH)"]),
    ],
}  # fmt: skip

ORGANISERS = {
    "Mali": ["Commission nationale des droits de l'homme (CNDH) du Mali"],
    "Maroc": [
        "Conseil national des droits de l'Homme (CNDH)",
        "Institut national de formation aux droits de l'Homme (INFDH)",
    ],
}
FUNDERS = {
    "Mali": ["EUCAP Sahel Mali", "Union européenne (UE)", "PNUD", "Coopération suisse"],
    "Maroc": ["Union européenne (UE)", "Conseil de l'Europe", "ONUDC", "OIM", "HCR"],
}
#: First names by country, as (women's, men's) — the civility printed before the name follows.
FIRST_NAMES = {
    "Mali": (["Awa", "Aminata", "Fatoumata", "Mariam", "Kadiatou", "Oumou", "Hawa", "Assitan"],
             ["Boubacar", "Moussa", "Seydou", "Ibrahim", "Amadou", "Modibo", "Adama", "Salif"]),
    "Maroc": (["Nadia", "Samira", "Khadija", "Salma", "Houda", "Meryem", "Imane", "Hafsa"],
              ["Youssef", "Karim", "Hicham", "Omar", "Mehdi", "Rachid", "Yassine", "Anas"]),
}  # fmt: skip
SURNAMES = {
    "Mali": ["Coulibaly", "Traoré", "Diarra", "Keïta", "Sangaré", "Dembélé", "Konaté", "Touré",
             "Maïga", "Sissoko", "Guindo", "Kané", "Cissé", "Doumbia", "Samaké", "Togo"],
    "Maroc": ["El Amrani", "Bennani", "Alaoui", "Tazi", "Berrada", "Idrissi", "Chraibi",
              "El Fassi", "Benkirane", "Lahlou", "Ouazzani", "Squalli", "Benjelloun", "Kettani"],
}  # fmt: skip
ROLES = {
    "Mali": ["juriste, CNDH", "commissaire de la CNDH", "magistrat", "avocat au barreau du Mali",
             "officier de gendarmerie", "commissaire de police", "point focal régional, CNDH"],
    "Maroc": ["cadre du MNP", "chargé de formation, INFDH", "magistrat", "psychologue",
              "consultant en communication", "membre de la CRDH"],
}  # fmt: skip


@dataclass(frozen=True)
class Theme:
    title: str
    countries: tuple[str, ...]
    audience: str
    objectives: str
    modules: tuple[str, ...]


THEMES = (
    Theme("Formation des OPJ sur la garde à vue et les droits de la défense", ("Mali",),
          "Officiers de police judiciaire (OPJ) de la police et de la gendarmerie",
          "- maîtriser les règles de la garde à vue et les droits de la personne gardée à vue ;\n"
          "- prévenir la torture et les mauvais traitements pendant l'enquête.",
          ("Le cadre légal de la garde à vue", "Les droits de la personne gardée à vue",
           "La tenue des registres de garde à vue", "Interdiction absolue de la torture",
           "Études de cas : interpellation et audition")),
    Theme("Atelier sur la protection des civils dans un contexte de conflit et d'insécurité",
          ("Mali",), "Forces de défense et de sécurité, autorités locales, société civile",
          "- connaître les principes du droit international humanitaire ;\n"
          "- renforcer la confiance entre les forces de sécurité et les populations.",
          ("Principes du droit international humanitaire", ("Protection des personnes déplacées "
           "internes"), "Violences basées sur le genre en situation de conflit",
           "Dialogue entre forces de sécurité et populations", ("Mécanismes d'alerte et de "
           "signalement"))),
    Theme("Formation sur le suivi des lieux de détention", ("Mali", "Maroc"),
          "Membres et cadres des institutions nationales des droits de l'homme",
          "- préparer et conduire une visite de lieu de privation de liberté ;\n"
          "- rédiger un rapport de visite et des recommandations.",
          ("Le mandat de visite des lieux de privation de liberté", "Préparer une visite",
           "Conduire des entretiens confidentiels", "Rédiger le rapport de visite",
           "Simulation de visite")),
    Theme("Atelier sur la psychologie des entretiens", ("Maroc",),
          "Membres et cadres du Mécanisme national de prévention (MNP)",
          "- conduire un entretien avec une personne privée de liberté ;\n"
          "- reconnaître les signes de traumatisme et éviter la re-victimisation.",
          ("Les bases de la psychologie de l'entretien", "Le traumatisme et ses manifestations",
           "Entretiens avec des personnes vulnérables", "Jeux de rôle")),
    Theme("Formation sur la mise en place d'enquêtes", ("Maroc",),
          "Membres et cadres du MNP et des Commissions régionales des droits de l'Homme (CRDH)",
          "- planifier une enquête sur une allégation de torture ;\n"
          "- recueillir et documenter les éléments de preuve.",
          ("Le Protocole d'Istanbul", "Planifier une enquête", "Documenter les allégations",
           "Étude de cas")),
    Theme("Atelier sur la communication interpersonnelle", ("Maroc",),
          "Cadres du MNP et des CRDH",
          "- améliorer la communication avec les personnes rencontrées lors des visites ;\n"
          "- gérer les situations de tension.",
          ("Les principes de la communication harmonieuse", "Écoute active",
           "Gestion des conflits", "Mises en situation")),
    Theme("Formation sur les droits des migrants et des réfugiés", ("Maroc",),
          "Acteurs institutionnels et associatifs œuvrant auprès des migrants",
          "- connaître le cadre international et national de protection des migrants ;\n"
          "- orienter les migrants vers les services de protection.",
          ("Le cadre international de protection des migrants", ("Le droit d'asile et le rôle du "
           "HCR"), "Accès aux droits : santé, éducation, justice", "Études de cas")),
    Theme("Formation de formateurs en droits de l'homme", ("Mali", "Maroc"),
          "Formateurs des écoles de police et de gendarmerie",
          "- concevoir une séance de formation en droits de l'homme ;\n"
          "- animer avec des méthodes participatives et évaluer les acquis.",
          ("Andragogie : comment apprennent les adultes", "Concevoir une séance de formation",
           "Méthodes participatives", "Évaluer les acquis : pré-test et post-test",
           "Micro-enseignement")),
    Theme("Atelier sur la lutte contre la traite des personnes", ("Mali", "Maroc"),
          "Magistrats, officiers de police judiciaire, travailleurs sociaux",
          "- identifier les victimes de la traite ;\n"
          "- coordonner la réponse pénale et la protection des victimes.",
          ("Le cadre juridique de la lutte contre la traite", "Identification des victimes",
           "Enquêtes et poursuites", "Protection et assistance aux victimes")),
    Theme("Formation sur les droits de l'enfant en conflit avec la loi", ("Mali",),
          "Magistrats pour enfants, OPJ de la brigade des mineurs, travailleurs sociaux",
          "- appliquer les garanties procédurales propres aux mineurs ;\n"
          "- privilégier les alternatives à la détention.",
          ("La Convention relative aux droits de l'enfant", "Les garanties procédurales",
           "Les alternatives à la détention", "Étude de cas")),
)  # fmt: skip


def _person(rng: random.Random, country: str) -> str:
    woman = rng.random() < 0.5
    first = rng.choice(FIRST_NAMES[country][0 if woman else 1])
    last = rng.choice(SURNAMES[country])
    role = rng.choice(ROLES[country])
    if woman:
        role = role.replace("avocat ", "avocate ").replace("chargé ", "chargée ")
        role = role.replace("consultant ", "consultante ")
    return f"{'Mme' if woman else 'M.'} {first} {last}, {role}"


def _short_programme(
    rng: random.Random, theme: Theme, days: int, speakers: list[str]
) -> list[list[Slot]]:
    """Mornings of two modules around a break, afternoons of group work; opening and pre-test on
    day 1, post-test, evaluation and closing on the last day."""
    rest = list(theme.modules[1:])
    rng.shuffle(rest)
    modules = [theme.modules[0], *rest]  # the first module stays first
    programme: list[list[Slot]] = []
    for day in range(days):
        first, last = day == 0, day == days - 1
        slots = [_welcome() if first else _recap(speakers[0])]
        if first:
            slots.append(Slot("09:00", "09:30", "Cérémonie d'ouverture", "opening", speakers[0]))
            slots.append(Slot("09:30", "10:00", "Pré-test", "presentation", speakers[0]))
        else:
            module = modules[(2 * day) % len(modules)]
            slots.append(Slot("09:00", "10:00", module, "presentation", rng.choice(speakers)))
        slots.append(_coffee("10:00", "10:30"))
        module = modules[(2 * day + 1) % len(modules)] if not first else modules[0]
        slots.append(Slot("10:30", "12:30", module, "presentation", rng.choice(speakers)))
        slots.append(_lunch())
        if last:
            slots.append(Slot("14:00", "15:00", "Post-test et évaluation de la formation",
                              "presentation", speakers[0]))  # fmt: skip
            slots.append(Slot("15:00", "15:30", "Clôture et remise des attestations", "closing",
                              speakers[0]))  # fmt: skip
        else:
            slots.append(Slot("14:00", "16:30", "Travaux de groupe et restitution", "group_work",
                              rng.choice(speakers)))  # fmt: skip
        programme.append(slots)
    return programme


def generated_sessions(seed: int) -> list[SessionSpec]:
    """A handful of further sessions in 2023–2026, drawn from ``random.Random(seed)`` only."""
    rng = random.Random(seed)
    count = rng.randint(GENERATED_MIN, GENERATED_MAX)
    first_day, last_day = dt.date(2023, 1, 2), dt.date(2026, 12, 14)
    specs = []
    for index, theme in enumerate(rng.sample(THEMES, count)):
        country = rng.choice(theme.countries)
        town, region, venues = rng.choice(PLACES[country])
        days = rng.choice((1, 2, 2, 3, 3, 3))
        start = first_day + dt.timedelta(days=rng.randrange((last_day - first_day).days))
        start -= dt.timedelta(days=start.weekday())  # a Monday...
        start += dt.timedelta(days=rng.randrange(0, 6 - days))  # ...and finished by Friday
        speakers = [_person(rng, country) for _ in range(rng.randint(2, 4))]
        funders = rng.sample(FUNDERS[country], rng.randint(1, 2))
        specs.append(
            SessionSpec(
                f"generated/{seed}/{index}",
                {
                    "title": theme.title,
                    "start_date": start,
                    "end_date": start + dt.timedelta(days=days - 1),
                    "venue": rng.choice(venues),
                    "town": town,
                    "region": region,
                    "country": country,
                    "organiser": rng.choice(ORGANISERS[country]),
                    "funders": funders,
                    "facilitators": speakers[:2],
                    "target_audience": theme.audience,
                    "expected_participants": rng.choice((20, 24, 25, 30, 35, 40)),
                    "language": "fr",
                    "objectives": theme.objectives,
                },
                _short_programme(rng, theme, days, speakers),
            )
        )
    return specs


# -- evaluations -------------------------------------------------------------------------------
# The ready forms (:mod:`.ready_forms`) in the library, and the real sessions' anonymous responses:
# the end-of-session evaluation on the last afternoon and the mood check each evening. Mostly
# satisfied people, with what trainers hear in the field: the heat and the room in Sévaré, the
# per diem, days too long, too few practical cases.


@dataclass(frozen=True)
class EvaluationProfile:
    """How a session was felt: the mean point of each rating (before the person's own mood),
    the mood of each day, and what the critics wrote about most."""

    ratings: dict[str, float]
    moods: Sequence[float]  # one per day
    length: tuple[float, float, float]  # too short, right, too long
    paper: bool  # filled in on paper and typed in that evening (else on the kiosk)
    complaints: Sequence[str]  # keys of COMPLAINTS, the session's usual ones first
    at: str = "14:00"  # when the end-of-session form is filled in


_BASE_RATINGS = {"objectives": 4.2, "relevance": 4.5, "clarity": 4.3, "mastery": 4.5,
                 "interaction": 4.1, "organisation": 3.9, "room": 3.7, "meals": 3.8,
                 "transport": 3.3, "overall": 4.2}  # fmt: skip

# fmt: off
COMPLAINTS = {
    "heat": ["Il faisait trop chaud dans la salle, la climatisation ne marchait pas le deuxième jour.",
             "La chaleur dans la salle l'après-midi : difficile de rester concentré."],
    "room": ["La salle était trop petite pour les travaux de groupe.",
             "Le vidéoprojecteur était difficile à lire du fond de la salle."],
    "per_diem": ["Le per diem n'a pas été payé à temps et son montant ne couvre pas le transport.",
                 "Revoir le montant des per diem, surtout pour ceux qui viennent de loin."],
    "long_days": ["Les journées sont trop longues, finir à 17 heures est fatigant.",
                  "Trop de modules dans une même journée ; prévoir un jour de plus."],
    "cases": ["Plus de cas pratiques tirés de notre travail quotidien, moins d'exposés.",
              "Des mises en situation avec de vrais cas, pas seulement la théorie."],
    "custody": ["Ajouter des exercices pratiques sur la garde à vue et les registres."],
    "documents": ["Distribuer les documents à l'avance pour qu'on puisse les lire.",
                  "Donner une clé USB avec les textes de loi et les présentations."],
    "transport": ["Le transport depuis les brigades éloignées n'était pas pris en charge."],
}
PRAISE = [
    "Merci aux formateurs, formation très enrichissante.",
    "À renouveler pour les autres unités de la région.",
    "Très bonne ambiance, les échanges entre collègues étaient riches.",
    "Nous souhaitons une formation de suivi dans six mois.",
    "Bonne initiative, à étendre aux agents qui ne sont pas OPJ.",
]
WORDS = {5: ["Enrichissant", "Excellent", "Instructif", "Motivant", "Super"],
         4: ["Intéressant", "Utile", "Participatif", "Bien", "Dense"],
         3: ["Long", "Fatigant", "Moyen", "Chargé"],
         2: ["Chaleur", "Ennuyeux", "Trop long"],
         1: ["Épuisant"]}
PROFILES = {
    "real/opj-sevare-2022": EvaluationProfile(
        {"room": 2.8, "transport": 2.9, "meals": 3.6}, (3.8, 3.4, 4.4), (0.35, 0.55, 0.10),
        paper=True, complaints=("heat", "per_diem", "cases", "long_days", "room", "custody")),
    "real/opj-segou-2022": EvaluationProfile(
        {"meals": 3.4, "organisation": 3.6, "interaction": 4.3}, (4.0, 3.9, 4.3), (0.30, 0.55, 0.15),
        paper=True, complaints=("per_diem", "long_days", "cases", "custody", "documents", "transport")),
    "real/mnp-rabat-2019": EvaluationProfile(
        {"room": 4.4, "meals": 4.3, "transport": 4.0, "organisation": 4.3}, (4.1, 4.3, 4.4),
        (0.45, 0.50, 0.05), paper=False, complaints=("cases", "long_days", "documents"),
        at="15:30"),
    "real/glo-act-rabat-2019": EvaluationProfile(
        {"room": 4.2, "meals": 4.2, "relevance": 4.6}, (4.2, 4.0, 4.3, 4.5, 4.4),
        (0.25, 0.60, 0.15), paper=False, complaints=("cases", "documents", "long_days"),
        at="15:00"),
}
# fmt: on


@dataclass
class EvaluationDemo:
    forms_created: int = 0
    responses_created: int = 0
    answers_created: int = 0


def _point(rng: random.Random, mean: float) -> str:
    return str(min(5, max(1, round(rng.gauss(mean, 0.65)))))


def _end_of_session_answers(
    rng: random.Random, profile: EvaluationProfile, sex: str
) -> dict[str, str]:
    mood = rng.gauss(0, 0.45)  # how this person sees things
    out = {}
    for name, base in _BASE_RATINGS.items():
        if rng.random() < 0.04:
            continue  # left blank
        out[name] = _point(rng, profile.ratings.get(name, base) + mood)
    critic = mood < -0.3 or int(out.get("overall", "5")) <= 3
    out["length"] = rng.choices(("too_short", "right", "too_long"), profile.length)[0]
    useful = [name for name, share in (("presentations", 0.35), ("case_studies", 0.7),
                                       ("role_play", 0.3), ("group_work", 0.6),
                                       ("field_visit", 0.05)) if rng.random() < share]  # fmt: skip
    out["useful"] = " ".join(useful or ["case_studies"])
    out["recommend"] = "no" if rng.random() < (0.25 if critic else 0.03) else "yes"
    if rng.random() < (0.85 if critic else 0.35):
        weights = [1 / (rank + 1) for rank in range(len(profile.complaints))]
        topic = rng.choices(profile.complaints, weights)[0]
        out["improve"] = rng.choice(COMPLAINTS[topic])
    if rng.random() < 0.3:
        out["comments"] = rng.choice(PRAISE)
    roll = rng.random()
    if roll < 0.8:
        out["sex"] = sex
    elif roll < 0.9:
        out["sex"] = "unstated"
    return out


def _mood_answers(rng: random.Random, mean: float) -> dict[str, str]:
    point = _point(rng, mean)
    out = {"mood": point}
    slow, fast = (0.05, 0.25) if int(point) >= 4 else (0.05, 0.45)
    roll = rng.random()
    out["pace"] = "too_slow" if roll < slow else "too_fast" if roll < slow + fast else "right"
    if rng.random() < 0.8:
        out["word"] = rng.choice(WORDS[int(point)])
    return out


def add_evaluations(
    writer: Any, sessions: dict[str, TrainingSession], people: Any
) -> EvaluationDemo:
    """The ready forms in the library (French titles) and, for the live real sessions, the two
    forms in use with their anonymous responses (``writer``: a :class:`.demo_people.DemoWriter`,
    ``people``: a :class:`.demo_people.PeopleResult`)."""
    from .demo_people import Planned, key_seed
    from .errors import ValidationError
    from .evaluations import (
        EvaluationForm,
        FormAnswer,
        FormResponse,
        FormVersion,
        SessionForm,
        session_form_id,
        version_id,
    )
    from .ready_forms import DAILY_MOOD, END_OF_SESSION, install_in

    result = EvaluationDemo(forms_created=len(install_in(writer.tx, writer.clock, "fr")))
    plan: list[Planned] = []
    versions = {}
    for ready in (END_OF_SESSION, DAILY_MOOD):
        form = writer.tx.get(EvaluationForm, ready.id)
        if form is None or form.deleted:
            continue  # the user deleted it: no responses
        writer.known_live([form.id])
        vid = version_id(form.id, form.title, form.anonymous, form.items)
        versions[ready.key] = (form.content.by_name(), vid, form.id)
        plan.append(Planned(FormVersion, vid, {"form_id": form.id, "title": form.title,
                                               "anonymous": form.anonymous, "items": form.items},
                            (form.id,)))  # fmt: skip

    def respond(key: str, session: TrainingSession, ready_key: str, number: int,
                at: dt.datetime, paper: bool, given: dict[str, str]) -> None:  # fmt: skip
        items, vid, _form_id = versions[ready_key]
        response_id = demo_id(f"evaluation/{key}/{ready_key}/{at.date()}/{number}")
        started = at.replace(hour=18, minute=45) + dt.timedelta(minutes=number) if paper else (
            at + dt.timedelta(minutes=number % 7, seconds=17 * number % 60))  # fmt: skip
        submitted = started + dt.timedelta(seconds=20 + 9 * len(given))
        plan.append(Planned(FormResponse, response_id, {
            "session_id": session.id, "version_id": vid, "enrolment_id": None,
            "mode": "paper" if paper else "kiosk", "started_at": started, "submitted_at": submitted},
            (session.id, vid)))  # fmt: skip
        for index, (name, value) in enumerate(given.items()):
            item = items.get(name)
            try:
                value = item.check_answer(value) if item is not None and item.answerable else ""
            except ValidationError:
                value = ""  # the user changed the form before loading the demo: left out
            if not value:
                continue
            plan.append(Planned(FormAnswer, demo_id(f"{response_id}/{name}"), {
                "response_id": response_id, "item_name": name, "value": value,
                "kind": "answer", "answered_at": started + dt.timedelta(seconds=9 * index)},
                (response_id,)))  # fmt: skip

    for key, profile in PROFILES.items():
        if key not in sessions or key not in people.attendees:
            continue
        session, periods = sessions[key], people.periods[key]
        rng = random.Random(key_seed(f"evaluations/{key}"))
        if END_OF_SESSION.key in versions:
            form_id = versions[END_OF_SESSION.key][2]
            plan.append(Planned(SessionForm, session_form_id(session.id, form_id), {
                "session_id": session.id, "form_id": form_id, "day": session.end_date},
                (session.id, form_id)))  # fmt: skip
            at = _at(session.end_date, profile.at)
            there = [a for a in people.attendees[key] if any(
                a.there_at(p, at.time()) for p in periods
                if p.day == session.end_date and p.start <= at.time() <= p.end)]  # fmt: skip
            for number, attendee in enumerate(there):
                if rng.random() < 0.08:
                    continue  # left without handing it in
                respond(key, session, END_OF_SESSION.key, number, at, profile.paper,
                        _end_of_session_answers(rng, profile, attendee.person.sex))  # fmt: skip
        if DAILY_MOOD.key in versions:
            form_id = versions[DAILY_MOOD.key][2]
            plan.append(Planned(SessionForm, session_form_id(session.id, form_id), {
                "session_id": session.id, "form_id": form_id, "day": None}, (session.id, form_id)))  # fmt: skip
            for day_index in range((session.end_date - session.start_date).days + 1):
                day = session.start_date + dt.timedelta(days=day_index)
                at = _at(day, "16:45")
                there = [a for a in people.attendees[key] if any(
                    a.there_at(p, at.time()) for p in periods
                    if p.day == day and p.start <= at.time() <= p.end)]  # fmt: skip
                mean = profile.moods[min(day_index, len(profile.moods) - 1)]
                for number, _attendee in enumerate(there):
                    if rng.random() < 0.15:
                        continue
                    respond(key, session, DAILY_MOOD.key, number, at, profile.paper,
                            _mood_answers(rng, mean))  # fmt: skip
    created = writer.write(plan)
    result.responses_created = created[FormResponse]
    result.answers_created = created[FormAnswer]
    return result


def _at(day: dt.date, hhmm: str) -> dt.datetime:
    return dt.datetime.combine(day, _time(hhmm))
