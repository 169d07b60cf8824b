"""Demo quizzes: three tests in the library, and the pre/post tests of the real sessions answered.

- "Droits de l'homme et missions des OPJ" (French, 15 questions): the pre-test and post-test of
  the Sévaré and Ségou trainings — garde à vue, use of force, prohibition of torture, victims and
  gender-based violence, the CNDH as national preventive mechanism.
- "Le mandat des MNP et l'OPCAT" (French, 10 questions): the Rabat MNP/OPCAT workshop.
- "Trafficking in persons: key concepts" (English, 8 questions): the GLO.ACT training of
  trainers (UNODC's own test, in English).

Answers are simulated from each participant's ability (see :class:`Sim`) so the Results view
shows what a trainer meets in the field: a post-test clearly better than the pre-test, two
questions nobody learned (the African Commission's seat, the Kampala Convention), one badly worded
question that the strongest get "wrong" (negative discrimination: to be rewritten), people who
took only one of the two tests (arrived after the pre-test, called back to their unit the last
day), tests entered on paper (with a corrected typing mistake) and taken on the kiosk.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .demo_people import (
    GLO_ACT,
    MNP,
    SEGOU,
    SEVARE,
    Attendee,
    DemoWriter,
    PeopleResult,
    Period,
    Planned,
    demo_id,
    key_seed,
)
from .quiz_content import (
    Choice,
    NumericAnswer,
    Question,
    QuizContent,
    check_questions,
    format_number,
    true_false,
)
from .quizzes import (
    Quiz,
    QuizAnswer,
    QuizAttempt,
    QuizVersion,
    SessionQuiz,
    attempt_id,
    session_quiz_id,
    version_id,
)

if TYPE_CHECKING:
    from .sessions import TrainingSession


@dataclass(frozen=True)
class Sim:
    """How a question is answered. The chance of full marks is logistic(slope × ability + ease),
    the ease before and after the training; a negative slope is a badly worded question (the
    strongest read it otherwise and miss it). Multiple choice: one ease per choice, for picking a
    right one or (the slope reversed) a wrong one. ``lures``: how wrong answers spread over the
    choices, or the numbers typed for a numeric question."""

    pre: float | Sequence[float]
    post: float | Sequence[float]
    slope: float = 2.0
    lures: Sequence[float] = ()


@dataclass(frozen=True)
class DemoQuiz:
    key: str
    title: str
    language: str
    instructions: str
    questions: tuple[Question, ...]
    sims: dict[str, Sim]

    @property
    def id(self) -> str:
        return demo_id(f"quiz/{self.key}")

    def content(self) -> QuizContent:
        return check_questions(list(self.questions))  # every key is given: nothing random


def _single(key: str, category: str, title: str, text: str, choices: Sequence[str], right: int,
            explanation: str) -> Question:  # fmt: skip
    return Question("single", text, key=key, title=title, category=category,
                    explanation=explanation,
                    choices=tuple(Choice(c, 100.0 if i == right else 0.0)
                                  for i, c in enumerate(choices)))  # fmt: skip


def _multiple(key: str, category: str, title: str, text: str,
              choices: Sequence[tuple[str, float]], explanation: str) -> Question:  # fmt: skip
    return Question("multiple", text, key=key, title=title, category=category,
                    explanation=explanation, choices=tuple(Choice(c, w) for c, w in choices))  # fmt: skip


def _tf(key: str, category: str, title: str, text: str, answer: bool, explanation: str) -> Question:
    return true_false(text, answer, key=key, title=title, category=category,
                      explanation=explanation)  # fmt: skip


THIRD = 100 / 3

# fmt: off
OPJ_QUESTIONS = (
    _single("opj-derogation", "Principes", "Droits non dérogeables",
            "Lequel de ces droits ne peut faire l'objet d'aucune dérogation, même en cas d'état "
            "d'urgence ?",
            ["La liberté de réunion pacifique", "Le droit de ne pas être soumis à la torture",
             "La liberté de circulation", "Le droit de propriété"], 1,
            "L'interdiction de la torture est absolue (article 4 du Pacte international relatif "
            "aux droits civils et politiques, article 2 de la Convention contre la torture) : ni la "
            "guerre, ni l'état d'urgence, ni aucune autre circonstance exceptionnelle ne peut "
            "l'écarter. Les libertés de réunion et de circulation peuvent être restreintes dans les "
            "conditions prévues par la loi."),
    _single("opj-solidarite", "Principes", "Catégories de droits",
            "Lequel de ces droits est un droit de solidarité (dit « de troisième génération ») ?",
            ["Le droit de vote", "Le droit à l'éducation", "Le droit à un environnement sain",
             "Le droit à un procès équitable"], 2,
            "On distingue les droits civils et politiques (vote, procès équitable), les droits "
            "économiques, sociaux et culturels (éducation, santé, travail) et les droits de "
            "solidarité (paix, développement, environnement sain), que reconnaît notamment la "
            "Charte africaine des droits de l'homme et des peuples."),
    _multiple("opj-droits-gav", "Garde à vue", "Droits de la personne gardée à vue",
              "Quels droits doivent être notifiés à la personne placée en garde à vue ? "
              "(plusieurs réponses possibles)",
              [("Être informée des faits qui lui sont reprochés", THIRD),
               ("Faire prévenir un proche et être assistée d'un avocat", THIRD),
               ("Être examinée par un médecin", THIRD),
               ("Être présentée à la presse", -50.0),
               ("Choisir l'enquêteur chargé de son audition", -50.0)],
              "La personne gardée à vue est informée sans délai des motifs de la mesure et de ses "
              "droits : faire prévenir sa famille, être assistée d'un avocat, être examinée par un "
              "médecin. Ces garanties la protègent des mauvais traitements et rendent la procédure "
              "régulière."),
    Question("numeric", "Au Mali, quelle est la durée maximale de la garde à vue, en heures, avant "
             "toute prolongation ?", key="opj-duree-gav", title="Durée de la garde à vue",
             category="Garde à vue",
             explanation="La garde à vue ne peut excéder 48 heures. Elle peut être prolongée une "
             "seule fois, de 48 heures au plus, sur autorisation écrite du procureur de la "
             "République. Au-delà, la personne est présentée au magistrat ou libérée.",
             numeric=(NumericAnswer(48, 0, 100, "Oui : 48 heures, renouvelables une fois."),
                      NumericAnswer(96, 0, 0, "96 heures est la durée maximale avec la "
                                    "prolongation, non la durée initiale."))),
    _tf("opj-mineur", "Garde à vue", "Garde à vue des mineurs",
        "Un mineur ne peut jamais être placé en garde à vue.", True,
        "Le mineur bénéficie d'une protection particulière : sa garde à vue est strictement "
        "encadrée (âge minimum, durée réduite, information des parents, séparation d'avec les "
        "adultes)."),
    _multiple("opj-principes-force", "Usage de la force", "Principes du recours à la force",
              "Quels principes encadrent tout recours à la force par un agent de la force "
              "publique ? (plusieurs réponses possibles)",
              [("La légalité", THIRD), ("La nécessité", THIRD), ("La proportionnalité", THIRD),
               ("La rapidité", -50.0), ("La dissuasion par l'exemple", -50.0)],
              "Le recours à la force doit être prévu par la loi (légalité), n'intervenir qu'en "
              "dernier recours (nécessité) et rester proportionné à la menace (proportionnalité) ; "
              "l'agent en rend compte."),
    _single("opj-armes-feu", "Usage de la force", "Armes à feu",
            "Selon les Principes de base des Nations Unies sur le recours à la force et "
            "l'utilisation des armes à feu (1990), l'usage intentionnel d'une arme à feu "
            "meurtrière n'est permis que :",
            ["pour empêcher la fuite de tout suspect",
             "s'il est absolument inévitable pour protéger des vies humaines",
             "sur ordre écrit d'un supérieur", "pour disperser un attroupement non autorisé"], 1,
            "Principe 9 : les agents ne recourent intentionnellement à l'usage meurtrier d'armes à "
            "feu que si cela est absolument inévitable pour protéger des vies humaines. La fuite "
            "d'un suspect ou un attroupement ne le justifient pas."),
    _tf("opj-ordre", "Torture", "Ordre d'un supérieur",
        "L'ordre d'un supérieur hiérarchique peut être invoqué pour justifier un acte de torture.",
        False,
        "Faux. L'ordre d'un supérieur ou d'une autorité publique ne peut être invoqué pour "
        "justifier la torture (article 2.3 de la Convention contre la torture). L'agent qui reçoit "
        "un tel ordre doit refuser de l'exécuter."),
    _tf("opj-aveux", "Torture", "Aveux obtenus par la torture",
        "Des aveux obtenus par la torture ou des mauvais traitements peuvent servir de preuve s'ils "
        "sont confirmés par d'autres éléments du dossier.", False,
        "Faux. Aucune déclaration obtenue par la torture ne peut être invoquée comme élément de "
        "preuve (article 15 de la Convention contre la torture), si ce n'est contre l'auteur des "
        "tortures."),
    _single("opj-mnp-mali", "Mécanismes de protection", "Le MNP au Mali",
            "Au Mali, quelle institution exerce le mandat de Mécanisme national de prévention de "
            "la torture ?",
            ["Le ministère de la Justice",
             "La Commission nationale des droits de l'homme (CNDH)",
             "L'Inspection générale des services de sécurité", "Le Médiateur de la République"], 1,
            "La CNDH, autorité administrative indépendante, est l'Institution nationale des droits "
            "de l'homme et le Mécanisme national de prévention de la torture : elle visite les "
            "lieux de privation de liberté, dont les locaux de garde à vue."),
    _tf("opj-visite", "Mécanismes de protection", "Visites sans préavis",
        "Les membres de la CNDH peuvent visiter un local de garde à vue sans prévenir à l'avance.",
        True,
        "Vrai. Le mécanisme national de prévention peut visiter à tout moment, y compris sans "
        "préavis, tout lieu où des personnes sont privées de liberté, et s'entretenir avec elles "
        "sans témoin."),
    _single("opj-commission-africaine", "Mécanismes de protection", "Commission africaine",
            "Où siège la Commission africaine des droits de l'homme et des peuples ?",
            ["Addis-Abeba (Éthiopie)", "Arusha (Tanzanie)", "Banjul (Gambie)", "Bamako (Mali)"], 2,
            "La Commission africaine siège à Banjul. La Cour africaine des droits de l'homme et des "
            "peuples siège à Arusha, l'Union africaine à Addis-Abeba."),
    _single("opj-plainte-vbg", "Victimes et VBG", "Accueil d'une victime",
            "Une femme vient au commissariat déclarer les violences de son mari. Que doit faire "
            "l'OPJ ?",
            ["Lui conseiller de régler le problème en famille",
             "Convoquer d'abord le mari pour une conciliation",
             ("Recevoir sa plainte, l'informer de ses droits et l'orienter vers une prise en "
              "charge médicale et psychosociale"),
             "Exiger un certificat médical avant d'enregistrer la plainte"], 2,
            "L'OPJ est tenu de recevoir la plainte. Il informe la victime de ses droits, veille à "
            "sa sécurité et l'oriente vers les services de prise en charge (santé, soutien "
            "psychosocial, aide juridique). Un certificat médical peut être demandé ensuite : il "
            "n'est pas une condition de la plainte."),
    _multiple("opj-formes-vbg", "Victimes et VBG", "Formes de VBG",
              "Lesquelles de ces situations sont des violences basées sur le genre ? (plusieurs "
              "réponses possibles)",
              [("Le mariage forcé d'une jeune fille", 25.0), ("Le viol, y compris entre époux", 25.0),
               ("Priver son épouse de ressources pour la contrôler", 25.0),
               ("Le harcèlement sexuel au travail", 25.0),
               ("Une bagarre entre deux commerçants au marché", -100.0)],
              "Les VBG sont des actes commis contre une personne en raison de son genre : violences "
              "sexuelles, physiques, psychologiques, économiques (le déni de ressources), pratiques "
              "néfastes comme le mariage forcé. Une rixe entre commerçants est une violence, mais "
              "pas une violence liée au genre."),
    _single("opj-kampala", "Victimes et VBG", "Personnes déplacées internes",
            "Quel instrument africain protège spécifiquement les personnes déplacées internes ?",
            ["La Charte africaine des droits de l'homme et des peuples",
             "La Convention de Kampala (2009)", "Le Protocole de Maputo",
             "La Convention de l'OUA sur les réfugiés (1969)"], 1,
            "La Convention de l'Union africaine sur la protection et l'assistance aux personnes "
            "déplacées en Afrique (Convention de Kampala, 2009) est le premier instrument "
            "contraignant sur les déplacés internes. Le Protocole de Maputo porte sur les droits "
            "des femmes ; la Convention de 1969, sur les réfugiés, qui ont franchi une frontière."),
)
OPJ_SIMS = {
    "opj-derogation": Sim(0.3, 2.0, lures=(3, 0, 2, 1)),
    "opj-solidarite": Sim(-0.6, 1.0, lures=(1, 3, 0, 1)),
    "opj-droits-gav": Sim((0.8, 0.2, -0.6, -1.5, -1.0), (2.8, 2.5, 2.2, -3.2, -3.2)),
    "opj-duree-gav": Sim(-0.3, 1.6, lures=(24, 72, 72, 96, 96, 96)),
    "opj-mineur": Sim(0.4, 0.4, slope=-1.6),  # badly worded: the strongest answer "false"
    "opj-principes-force": Sim((1.0, 0.6, 0.0, -0.5, -1.0), (2.8, 2.4, 2.0, -2.5, -2.8)),
    "opj-armes-feu": Sim(-0.4, 1.4, lures=(4, 0, 2, 2)),
    "opj-ordre": Sim(0.4, 2.2),
    "opj-aveux": Sim(-0.2, 1.5),
    "opj-mnp-mali": Sim(0.2, 2.3, lures=(2, 0, 2, 1)),
    "opj-visite": Sim(-0.5, 1.2),
    "opj-commission-africaine": Sim(-1.2, -1.0, lures=(4, 3, 0, 1)),  # nobody learned it
    "opj-plainte-vbg": Sim(0.2, 1.9, lures=(2, 4, 0, 2)),
    "opj-formes-vbg": Sim((1.5, 0.0, -1.2, 0.5, -2.0), (2.8, 2.2, 1.2, 2.2, -3.0)),
    "opj-kampala": Sim(-1.4, -1.2, lures=(4, 0, 1, 3)),  # nobody learned it either
}

MNP_QUESTIONS = (
    _single("mnp-adoption", "OPCAT", "Adoption de l'OPCAT",
            "En quelle année l'Assemblée générale des Nations Unies a-t-elle adopté le Protocole "
            "facultatif se rapportant à la Convention contre la torture (OPCAT) ?",
            ["1984", "1998", "2002", "2006"], 2,
            "Adopté le 18 décembre 2002, l'OPCAT est entré en vigueur le 22 juin 2006. La "
            "Convention contre la torture elle-même date de 1984."),
    _single("mnp-spt", "OPCAT", "Organe créé par l'OPCAT",
            "Quel organe international l'OPCAT a-t-il créé ?",
            ["Le Comité contre la torture (CAT)",
             "Le Sous-comité pour la prévention de la torture (SPT)",
             "Le Comité européen pour la prévention de la torture (CPT)",
             "Le Rapporteur spécial sur la torture"], 1,
            "L'OPCAT crée le SPT, qui visite les lieux de privation de liberté des États parties et "
            "conseille les MNP. Le Comité contre la torture est créé par la Convention de 1984 ; le "
            "CPT est un organe du Conseil de l'Europe."),
    _multiple("mnp-pouvoirs", "Mandat du MNP", "Pouvoirs du MNP",
              "De quels pouvoirs un MNP doit-il disposer selon l'OPCAT ? (plusieurs réponses "
              "possibles)",
              [("Accéder à tous les lieux de privation de liberté", THIRD),
               ("S'entretenir en privé, sans témoin, avec les personnes privées de liberté", THIRD),
               ("Formuler des recommandations aux autorités", THIRD),
               ("Sanctionner les agents responsables de mauvais traitements", -50.0),
               ("Juger les plaintes individuelles", -50.0)],
              "Articles 19 et 20 de l'OPCAT : accès à tous les lieux, à toutes les informations et "
              "à toutes les personnes, entretiens privés, recommandations et propositions sur la "
              "législation. Le MNP ne sanctionne pas et ne juge pas : il prévient."),
    _tf("mnp-preavis", "Mandat du MNP", "Visites inopinées",
        "Un MNP doit annoncer ses visites à l'avance à la direction du lieu visité.", False,
        "Faux. Les visites peuvent être inopinées : c'est l'une des garanties de leur efficacité. Le "
        "MNP choisit les lieux qu'il visite et les personnes qu'il rencontre."),
    Question("numeric", "En déposant ses instruments de ratification le 24 novembre 2014, le Maroc "
             "est devenu le combientième État partie à l'OPCAT ?", key="mnp-rang",
             title="Ratification par le Maroc", category="OPCAT",
             explanation="Le Maroc est devenu le 76e État partie à l'OPCAT ; la loi n°76-15 "
             "relative à la réorganisation du CNDH a ensuite créé le MNP en son sein.",
             numeric=(NumericAnswer(76, 0, 100),)),
    _single("mnp-loi", "Mandat du MNP", "La loi du MNP marocain",
            "Quelle loi a institué le MNP au sein du CNDH au Maroc ?",
            ["La loi n°27.14", "La loi n°76-15", "La loi n°103-13", "La loi n°02-03"], 1,
            "La loi n°76-15 du 1er mars 2018 relative à la réorganisation du CNDH a créé le MNP. La "
            "loi 27.14 porte sur la traite des êtres humains, la loi 103-13 sur les violences "
            "faites aux femmes, la loi 02-03 sur l'entrée et le séjour des étrangers."),
    _tf("mnp-lieux", "Visites préventives", "Lieux de privation de liberté",
        "Les hôpitaux psychiatriques et les centres de rétention pour migrants font partie des lieux "
        "que le MNP peut visiter.", True,
        "Vrai. L'OPCAT vise tout lieu où se trouvent ou pourraient se trouver des personnes privées "
        "de liberté sur l'ordre d'une autorité ou avec son consentement : prisons, locaux de garde "
        "à vue, centres pour mineurs, hôpitaux psychiatriques, centres de rétention..."),
    _single("mnp-approche", "Visites préventives", "L'approche préventive",
            "Qu'est-ce qui caractérise l'approche d'un MNP ?",
            ["Elle est préventive : réduire les risques de torture avant qu'elle ne se produise",
             "Elle est répressive : poursuivre les auteurs de torture",
             "Elle est juridictionnelle : indemniser les victimes",
             "Elle est humanitaire : distribuer de l'aide dans les prisons"], 0,
            "Le MNP analyse les conditions de détention et les pratiques pour réduire les risques, "
            "par un dialogue constructif et des recommandations ; il n'enquête pas pour punir."),
    _tf("mnp-donnees", "Visites préventives", "Données personnelles",
        "Les données personnelles recueillies par le MNP ne peuvent être publiées sans le "
        "consentement exprès de la personne concernée.", True,
        "Vrai (article 21.2 de l'OPCAT) : les renseignements confidentiels sont protégés, et aucune "
        "donnée personnelle n'est publiée sans le consentement exprès de la personne."),
    _single("mnp-paris", "INDH", "Les Principes de Paris",
            "Les Principes de Paris (1993) définissent :",
            ["les règles minimales pour le traitement des détenus",
             "le statut et le fonctionnement des institutions nationales des droits de l'homme",
             "les règles des visites du CICR", "la procédure d'extradition"], 1,
            "Les Principes de Paris fixent les conditions d'indépendance, de pluralisme et de "
            "mandat des INDH. Les règles minimales pour le traitement des détenus sont les Règles "
            "Nelson Mandela."),
)
MNP_SIMS = {
    "mnp-adoption": Sim(-0.5, 1.2, lures=(3, 1, 0, 3)),
    "mnp-spt": Sim(0.0, 1.8, lures=(4, 0, 1, 1)),
    "mnp-pouvoirs": Sim((1.2, 0.6, 1.0, -0.8, -1.5), (2.5, 2.2, 2.4, -2.2, -2.8)),
    "mnp-preavis": Sim(0.0, 2.0),
    "mnp-rang": Sim(-2.0, -1.7, lures=(70, 75, 80, 50, 100)),  # trivia nobody retains
    "mnp-loi": Sim(0.0, 1.6, lures=(2, 0, 1, 1)),
    "mnp-lieux": Sim(-0.3, 1.6),
    "mnp-approche": Sim(0.5, 2.0, lures=(0, 3, 1, 1)),
    "mnp-donnees": Sim(0.2, 1.3),
    "mnp-paris": Sim(0.3, 1.4, lures=(3, 0, 1, 1)),
}

TIP_QUESTIONS = (
    _single("tip-elements", "Definitions", "Elements of the offence",
            "Under the Palermo Protocol, trafficking in adults is defined by three elements. Which "
            "ones?",
            ["The act, the means and the purpose of exploitation",
             "A border crossing, a payment and the victim's consent",
             "Recruitment, transport and arrival",
             "The use of force, an organised criminal group and a profit"], 0,
            "Article 3 of the Protocol: an act (recruitment, transport, transfer, harbouring or "
            "receipt of persons), by means of threat, force, coercion, abduction, fraud, "
            "deception, abuse of power or of a position of vulnerability..., for the purpose of "
            "exploitation."),
    _tf("tip-consent", "Definitions", "Consent",
        "The consent of an adult victim to the intended exploitation is irrelevant where any of "
        "the means (threat, force, deception...) has been used.", True,
        "True: article 3(b) of the Protocol."),
    _tf("tip-child", "Definitions", "Child victims",
        "When the victim is a child, the means (threat, force, deception...) need not be proved.",
        True,
        "True: for a child, the act and the purpose of exploitation are enough (article 3(c))."),
    _multiple("tip-exploitation", "Definitions", "Forms of exploitation",
              "Which of these are forms of exploitation listed in the Protocol? (several answers)",
              [("Sexual exploitation", 25.0), ("Forced labour or services", 25.0),
               ("Slavery or practices similar to slavery", 25.0), ("Removal of organs", 25.0),
               ("Irregular border crossing", -100.0)],
              "The Protocol lists, at a minimum, the exploitation of the prostitution of others or "
              "other forms of sexual exploitation, forced labour or services, slavery or practices "
              "similar to slavery, servitude and the removal of organs. Crossing a border "
              "irregularly is not exploitation."),
    _single("tip-smuggling", "Definitions", "Trafficking and smuggling",
            "What distinguishes the smuggling of migrants from trafficking in persons?",
            ["Smuggling always involves crossing an international border; trafficking need not",
             "Smuggling only concerns children",
             "Trafficking always involves crossing a border", "There is no difference in law"], 0,
            "Smuggling is the procurement of an illegal border crossing for a benefit; the migrant "
            "consents and the relation ends on arrival. Trafficking aims at exploitation and may "
            "take place within one country."),
    Question("numeric", "Under the Protocol, a child is any person under what age?",
             key="tip-age", title="Age of a child", category="Definitions",
             explanation="Eighteen years (article 3(d) of the Protocol).",
             numeric=(NumericAnswer(18, 0, 100),)),
    _single("tip-law", "Morocco", "The Moroccan law",
            "Which Moroccan law deals with trafficking in human beings?",
            ["Law 27.14", "Law 76-15", "Law 02-03", "Law 103-13"], 0,
            "Law 27.14 (2016) on combating trafficking in human beings; it provides for the "
            "national commission for coordination. Law 76-15 reorganised the CNDH, law 02-03 "
            "governs the entry and stay of foreigners, law 103-13 violence against women."),
    _single("tip-victim", "Victims", "A victim-centred approach",
            "A presumed victim is found during a police operation. What comes first?",
            ["Their safety, and referral to assistance and protection",
             "Their hearing as a witness, before any assistance",
             "Checking their residence papers", "Their return to their country of origin"], 0,
            "A victim-centred approach puts the person's safety and protection first; victims are "
            "not punished for offences they were compelled to commit."),
)
TIP_SIMS = {
    "tip-elements": Sim(0.0, 1.8, lures=(0, 2, 3, 2)),
    "tip-consent": Sim(-0.2, 1.6),
    "tip-child": Sim(-0.4, 1.5),
    "tip-exploitation": Sim((2.0, 1.5, 0.5, -0.2, -1.0), (3.0, 2.8, 2.4, 2.0, -2.5)),
    "tip-smuggling": Sim(-0.3, 1.5, lures=(0, 1, 3, 1)),
    "tip-age": Sim(1.0, 2.5, lures=(16, 15, 21)),
    "tip-law": Sim(-0.5, 1.7, lures=(0, 2, 3, 2)),
    "tip-victim": Sim(0.4, 2.0, lures=(0, 3, 2, 1)),
}

OPJ_QUIZ = DemoQuiz(
    "opj-droits-de-l-homme", "Droits de l'homme et missions des OPJ (pré-test / post-test)", "fr",
    "Répondez seul, sans document, en 30 minutes. Une seule réponse par question, sauf quand il "
    "est écrit « plusieurs réponses possibles ». Ce test n'est pas noté : il mesure ce que "
    "l'atelier vous apporte.", OPJ_QUESTIONS, OPJ_SIMS)
MNP_QUIZ = DemoQuiz(
    "mnp-opcat", "Le mandat des MNP et l'OPCAT (pré-test / post-test)", "fr",
    "Répondez seul, sans document, en 20 minutes. Une seule réponse par question, sauf quand il "
    "est écrit « plusieurs réponses possibles ».", MNP_QUESTIONS, MNP_SIMS)
TIP_QUIZ = DemoQuiz(
    "glo-act-trafficking-en", "Trafficking in persons: key concepts (pre/post test)", "en",
    "Answer on your own, without documents, in 15 minutes. One answer per question unless it "
    "says “several answers”.", TIP_QUESTIONS, TIP_SIMS)
QUIZZES = (OPJ_QUIZ, MNP_QUIZ, TIP_QUIZ)
# fmt: on


@dataclass(frozen=True)
class SessionTests:
    """When a session's two tests were taken, and how (kiosk or paper)."""

    quiz: DemoQuiz
    pre_at: str  # on the first day
    post_at: str  # on the last day
    pre_paper: float  # share of the pre-tests entered from paper
    post_paper: float
    corrections: int = 0  # pre-test paper entries a trainer mistyped and corrected


TESTS = {
    SEVARE: SessionTests(OPJ_QUIZ, "10:45", "12:00", pre_paper=1.0, post_paper=0.35, corrections=2),
    SEGOU: SessionTests(OPJ_QUIZ, "10:45", "12:00", pre_paper=1.0, post_paper=1.0),
    MNP: SessionTests(MNP_QUIZ, "10:00", "15:00", pre_paper=0.0, post_paper=0.0),
    GLO_ACT: SessionTests(TIP_QUIZ, "10:00", "14:30", pre_paper=0.0, post_paper=0.2),
}


@dataclass
class QuizResult:
    quizzes_created: int = 0
    assignments_created: int = 0
    attempts_created: int = 0
    answers_created: int = 0


def _logistic(x: float) -> float:
    return 1 / (1 + math.exp(-x))


def _weighted(rng: random.Random, options: Sequence[int], weights: Sequence[float]) -> int:
    return rng.choices(options, weights=weights)[0] if any(weights) else rng.choice(options)


def simulate(question: Question, sim: Sim, phase: str, ability: float, rng: random.Random) -> str:
    """A plausible response of someone of ``ability`` (``""``: left blank)."""
    if rng.random() < 0.03:
        return ""
    ease = sim.pre if phase == "pre" else sim.post
    if question.kind == "multiple":
        chosen = []
        for index, (choice, choice_ease) in enumerate(zip(question.choices, ease, strict=True)):
            slope = sim.slope if choice.right else -sim.slope
            if rng.random() < _logistic(slope * ability + choice_ease):
                chosen.append(index)
        if not chosen:
            chosen = [max(range(len(question.choices)), key=lambda i: ease[i])]
        return ",".join(map(str, chosen))
    correct = rng.random() < _logistic(sim.slope * ability + float(ease))
    if correct:
        return question.right_response()
    if question.kind == "numeric":
        return format_number(rng.choice(list(sim.lures)))
    wrong = [i for i, c in enumerate(question.choices) if not c.right]
    lures = list(sim.lures) or [1.0] * len(question.choices)
    return str(_weighted(rng, wrong, [lures[i] for i in wrong]))


def _at(day: dt.date, hhmm: str) -> dt.datetime:
    hours, minutes = hhmm.split(":")
    return dt.datetime.combine(day, dt.time(int(hours), int(minutes)))


def _period_at(periods: list[Period], day: dt.date, when: dt.datetime) -> Period:
    return next(p for p in periods if p.day == day and p.start <= when.time() <= p.end)


def add_quizzes(writer: DemoWriter, sessions: dict[str, TrainingSession],
                people: PeopleResult) -> QuizResult:  # fmt: skip
    """The library's demo quizzes, and the pre/post tests of the live real sessions with the
    attempts and answers of who was there."""
    plan: list[Planned] = []
    versions: dict[str, tuple[str, dict]] = {}
    for quiz in QUIZZES:
        questions = quiz.content().to_json()
        values = {"title": quiz.title, "language": quiz.language,
                  "instructions": quiz.instructions, "questions": questions}  # fmt: skip
        plan.append(Planned(Quiz, quiz.id, values))
        vid = version_id(quiz.id, quiz.title, quiz.instructions, questions)
        versions[quiz.key] = (vid, {"quiz_id": quiz.id, "title": quiz.title,
                                    "instructions": quiz.instructions, "questions": questions})  # fmt: skip
    used = set()
    for key, tests in TESTS.items():
        if key not in sessions or key not in people.attendees:
            continue
        session, periods = sessions[key], people.periods[key]
        quiz = tests.quiz
        vid, version_values = versions[quiz.key]
        if quiz.key not in used:
            used.add(quiz.key)
            plan.append(Planned(QuizVersion, vid, version_values, (quiz.id,)))
        for phase, day, hhmm, paper in (("pre", session.start_date, tests.pre_at, tests.pre_paper),
                                        ("post", session.end_date, tests.post_at, tests.post_paper)):  # fmt: skip
            when = _at(day, hhmm)
            period = _period_at(periods, day, when)
            sq_id = session_quiz_id(session.id, phase)
            plan.append(Planned(SessionQuiz, sq_id, {
                "session_id": session.id, "phase": phase, "quiz_id": quiz.id, "day": day,
                "period_id": period.id, "show_results": phase == "post"},
                (session.id, quiz.id, period.id)))  # fmt: skip
            takers = [a for a in people.attendees[key] if a.there_at(period, when.time())]
            rng = random.Random(key_seed(f"tests/{key}/{phase}"))
            on_paper = set(rng.sample(range(len(takers)), round(paper * len(takers))))
            fixes = tests.corrections if phase == "pre" else 0
            corrected = set(rng.sample(sorted(on_paper), min(len(on_paper), fixes)))
            for index, attendee in enumerate(takers):
                plan.extend(_attempt(quiz, phase, attendee, vid, sq_id, when, index,
                                     "paper" if index in on_paper else "kiosk",
                                     index in corrected))  # fmt: skip
    created = writer.write(plan)
    return QuizResult(created[Quiz], created[SessionQuiz], created[QuizAttempt],
                      created[QuizAnswer])  # fmt: skip


def _attempt(quiz: DemoQuiz, phase: str, attendee: Attendee, vid: str, sq_id: str,
             when: dt.datetime, index: int, mode: str, corrected: bool) -> list[Planned]:  # fmt: skip
    """One person's attempt and answers: on the kiosk during the test, or typed in by a trainer
    from the paper sheets that evening."""
    rng = random.Random(key_seed(f"attempt/{quiz.key}/{phase}/{attendee.person.key}"))
    ability = attendee.ability + (attendee.gain if phase == "post" else 0.0)
    record_id = attempt_id(attendee.enrolment_id, phase)
    if mode == "paper":
        started = when.replace(hour=18, minute=30) + dt.timedelta(minutes=2 * index)
        submitted = started  # a paper attempt is submitted with its first entry
        step = dt.timedelta(seconds=4)
    else:
        started = when + dt.timedelta(minutes=rng.randrange(0, 6), seconds=rng.randrange(60))
        step = dt.timedelta(seconds=rng.randrange(45, 100))
        submitted = started + step * (len(quiz.questions) + 1)
    out = [Planned(QuizAttempt, record_id, {
        "enrolment_id": attendee.enrolment_id, "phase": phase, "version_id": vid, "mode": mode,
        "started_at": started, "submitted_at": submitted}, (attendee.enrolment_id, vid, sq_id))]  # fmt: skip
    responses = [(q, simulate(q, quiz.sims[q.key], phase, ability, rng)) for q in quiz.questions]
    answered = [(q, r) for q, r in responses if r]
    fix = rng.choice([q.key for q, _r in answered if q.kind == "single"]) if corrected else None
    for number, (question, response) in enumerate(answered, start=1):
        at = started + step * number
        values = {"attempt_id": record_id, "question_key": question.key, "response": response,
                  "kind": "answer", "answered_at": at}  # fmt: skip
        answer_id = demo_id(f"answer/{record_id}/{question.key}")
        if question.key == fix:
            # The trainer typed the letter below the one ticked, saw it the next morning.
            typo = str((int(response) + 1) % len(question.choices))
            out.append(Planned(QuizAnswer, answer_id, {**values, "response": typo}, (record_id,)))
            next_morning = dt.datetime.combine(at.date() + dt.timedelta(days=1), dt.time(7, 50))
            out.append(Planned(QuizAnswer, demo_id(f"answer/{record_id}/{question.key}/corrected"),
                               {**values, "kind": "correction", "answered_at": next_morning},
                               (record_id,), later=True))  # fmt: skip
        else:
            out.append(Planned(QuizAnswer, answer_id, values, (record_id,)))
    return out
