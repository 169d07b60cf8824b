"""The evaluation forms shipped with the app, ready to use, in French and English.

- The end-of-session evaluation: objectives, content, facilitators, organisation and logistics on
  5-point agreement scales (a label at each point), overall satisfaction, the length of the
  training, the most useful parts, whether one would recommend it, what to improve, and the sex
  (optional; item ``sex``, so the results can be read by sex even though the form is anonymous).
- The daily mood check: how the day went (faces, for groups who read little), its pace, one word.

Both are anonymous. Every text is given in French and in English (the participant fills the form
in their language). :func:`install_ready_forms` adds them to the library under fixed ids (derived
from :data:`READY_NAMESPACE` and the form's key): installing again adds nothing, and a ready form
the user deleted is not brought back.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from . import records
from .evaluations import EvaluationForm, EvaluationService
from .form_content import FormChoice, FormItem, Texts, check_items, text_in
from .i18n import current

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from .clock import HybridClock
    from .workspace import Workspace

#: Fixed namespace of the ready forms' ids (never change it: ids must stay stable).
READY_NAMESPACE = uuid.UUID("c41d7e0a-5b2f-4e8c-9a63-1f0b8d2e7c95")
LANGUAGES = ("fr", "en")


def _t(fr: str, en: str) -> Texts:
    return {"fr": fr, "en": en}


AGREE = (
    _t("Pas du tout d'accord", "Strongly disagree"),
    _t("Pas d'accord", "Disagree"),
    _t("Ni d'accord ni pas d'accord", "Neither agree nor disagree"),
    _t("D'accord", "Agree"),
    _t("Tout à fait d'accord", "Strongly agree"),
)
SATISFIED = (
    _t("Pas du tout satisfait", "Very dissatisfied"),
    _t("Peu satisfait", "Dissatisfied"),
    _t("Moyennement satisfait", "Neither satisfied nor dissatisfied"),
    _t("Satisfait", "Satisfied"),
    _t("Très satisfait", "Very satisfied"),
)
FACES = (
    _t("Très mal", "Very bad"),
    _t("Mal", "Bad"),
    _t("Moyen", "So-so"),
    _t("Bien", "Good"),
    _t("Très bien", "Very good"),
)


def _heading(name: str, fr: str, en: str) -> FormItem:
    return FormItem("heading", name, _t(fr, en))


def _agree(name: str, fr: str, en: str) -> FormItem:
    return FormItem("rating", name, _t(fr, en), points=5, point_labels=AGREE)


def _satisfied(name: str, fr: str, en: str) -> FormItem:
    return FormItem("rating", name, _t(fr, en), points=5, point_labels=SATISFIED)


def _choices(*choices: tuple[str, str, str]) -> tuple[FormChoice, ...]:
    return tuple(FormChoice(name, _t(fr, en)) for name, fr, en in choices)


# fmt: off
END_OF_SESSION_ITEMS = (
    FormItem("note", "intro", _t(
        "Ce questionnaire est anonyme : n'écrivez pas votre nom. Vos réponses aident à améliorer "
        "les prochaines formations.",
        "This form is anonymous: do not write your name. Your answers help improve the next "
        "trainings.")),
    _heading("s_content", "Objectifs et contenu", "Objectives and content"),
    _agree("objectives", "Les objectifs de la formation ont été atteints.",
           "The objectives of the training were met."),
    _agree("relevance", "Le contenu est utile pour mon travail.",
           "The content is relevant to my work."),
    _heading("s_facilitators", "Les formateurs", "The facilitators"),
    _agree("clarity", "Les formateurs ont expliqué clairement.",
           "The facilitators explained clearly."),
    _agree("mastery", "Les formateurs maîtrisaient leur sujet.",
           "The facilitators knew their subject well."),
    _agree("interaction", "Les formateurs ont fait participer le groupe.",
           "The facilitators got the group involved."),
    _heading("s_organisation", "Organisation et logistique", "Organisation and logistics"),
    _agree("organisation", "La formation était bien organisée (programme, horaires, documents).",
           "The training was well organised (programme, timetable, documents)."),
    _satisfied("room", "La salle", "The room"),
    _satisfied("meals", "Les repas et les pauses", "Meals and breaks"),
    _satisfied("transport", "Le transport et l'hébergement", "Transport and accommodation"),
    _heading("s_overall", "Dans l'ensemble", "Overall"),
    _satisfied("overall", "Dans l'ensemble, êtes-vous satisfait de la formation ?",
               "Overall, how satisfied are you with the training?"),
    FormItem("single", "length", _t("La durée de la formation était…",
                                    "The length of the training was…"),
             choices=_choices(("too_short", "Trop courte", "Too short"),
                              ("right", "Adaptée", "About right"),
                              ("too_long", "Trop longue", "Too long"))),
    FormItem("multiple", "useful", _t("Qu'est-ce qui vous a été le plus utile ?",
                                      "What was most useful to you?"),
             hint=_t("Plusieurs réponses possibles.", "You may choose several."),
             choices=_choices(("presentations", "Les exposés", "Presentations"),
                              ("case_studies", "Les études de cas", "Case studies"),
                              ("role_play", "Les jeux de rôle", "Role play"),
                              ("group_work", "Les travaux de groupe", "Group work"),
                              ("field_visit", "La visite de terrain", "Field visit"))),
    FormItem("yesno", "recommend", _t("Recommanderiez-vous cette formation à un collègue ?",
                                      "Would you recommend this training to a colleague?")),
    FormItem("longtext", "improve", _t("Que faudrait-il améliorer ?", "What should be improved?")),
    FormItem("longtext", "comments", _t("Autres commentaires", "Other comments")),
    FormItem("single", "sex", _t("Vous êtes…", "You are…"),
             hint=_t("Facultatif : pour savoir si la formation convient autant aux femmes qu'aux "
                     "hommes.", "Optional: to know whether the training suits women as well as men."),
             choices=_choices(("woman", "Une femme", "A woman"), ("man", "Un homme", "A man"),
                              ("unstated", "Je préfère ne pas le dire", "I prefer not to say"))),
)

DAILY_MOOD_ITEMS = (
    FormItem("rating", "mood", _t("Comment avez-vous trouvé la journée d'aujourd'hui ?",
                                  "How do you feel about today's day?"),
             points=5, point_labels=FACES, faces=True),
    FormItem("single", "pace", _t("Le rythme de la journée était…", "The pace of the day was…"),
             choices=_choices(("too_slow", "Trop lent", "Too slow"),
                              ("right", "Adapté", "About right"),
                              ("too_fast", "Trop rapide", "Too fast"))),
    FormItem("text", "word", _t("Un mot pour résumer la journée", "One word for today")),
)
# fmt: on


@dataclass(frozen=True)
class ReadyForm:
    key: str  # stable: the form's id is derived from it
    title: Texts
    description: Texts
    items: tuple[FormItem, ...]

    @property
    def id(self) -> str:
        return str(uuid.uuid5(READY_NAMESPACE, f"ready-form/{self.key}"))

    def values(self, language: str) -> dict[str, Any]:
        """The library record's values, title and description in ``language`` (French or
        English; another language gets English), checked as the service checks them."""
        language = language if language in LANGUAGES else "en"
        return EvaluationService._check(
            title=text_in(self.title, language), language=language,
            description=text_in(self.description, language), items=check_items(self.items).items,
            anonymous=True, form_key=self.key, version_label="1")  # fmt: skip


END_OF_SESSION = ReadyForm(
    "end-of-session",
    _t("Évaluation de fin de session", "End-of-session evaluation"),
    _t(
        "À remplir par chaque participant à la fin de la formation. Anonyme.",
        "For every participant to fill in at the end of the training. Anonymous.",
    ),
    END_OF_SESSION_ITEMS,
)
DAILY_MOOD = ReadyForm(
    "daily-mood",
    _t("Humeur du jour", "Daily mood check"),
    _t(
        "Trois questions en fin de journée, avec des visages. Anonyme.",
        "Three questions at the end of each day, with faces. Anonymous.",
    ),
    DAILY_MOOD_ITEMS,
)
READY_FORMS: list[ReadyForm] = [END_OF_SESSION, DAILY_MOOD]


def install_ready_forms(workspace: Workspace, language: str | None = None) -> list[EvaluationForm]:
    """Add the ready forms missing from the library (titles in ``language``, by default the
    interface's) in one transaction; returns the forms added. A ready form already there, or
    deleted by the user, is left as it is."""
    with workspace.db.write() as tx:
        return install_in(tx, workspace.clock, language)


def install_in(tx: Session, clock: HybridClock, language: str | None = None,
               forms: Sequence[ReadyForm] = READY_FORMS) -> list[EvaluationForm]:  # fmt: skip
    """:func:`install_ready_forms` in the caller's transaction (the demo loads in one)."""
    language = language or current().language
    added = []
    for ready in forms:
        if tx.get(EvaluationForm, ready.id) is not None:  # there, or deleted: it stays so
            continue
        form = records.create(
            EvaluationForm, clock.tick(tx), ready.values(language), record_id=ready.id
        )
        tx.add(form)
        added.append(form)
    return added


__all__ = ["DAILY_MOOD", "END_OF_SESSION", "READY_FORMS", "ReadyForm", "install_in",
           "install_ready_forms"]  # fmt: skip
