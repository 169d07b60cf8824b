"""Demo people: who came to the four real sessions, when they signed in, and their signatures.

- Sévaré (38 of the 40 expected OPJ) and Ségou (30): judicial police officers of the gendarmerie
  and the police of the Mopti and Ségou regions, a minority of women, ranks and units of the
  field; two of them came to both sessions (one registration, two enrolments).
- Rabat, MNP/OPCAT workshop (25): presidents, commissioners and staff of eight African national
  human-rights institutions.
- Rabat, GLO.ACT (20): prosecutors, judges, police, gendarmerie and social workers; one CNDH
  jurist also came to the MNP workshop.
- Typed twice: the same officer registered as "KEÏTA" in Sévaré and "KEITA" in Ségou, a given
  name misspelled ("Fatimata"), "EL MANSOURI" written "ELMANSOURI"; and two real namesakes (two
  "Moussa TRAORÉ", different people): what the duplicates review is for.
- A few generated sessions get a handful of returning participants of their country.

Every session in the past gets its default sign-in periods and marks (mostly present, some late
with their arrival time, a few absent or excused); signatures are drawn for every period in
Sévaré and for the first day in Ségou (the rest was ticked on paper).

Records are written by :class:`DemoWriter` in the caller's transaction: each has a derived id
and is added only if no record has that id (deleted ones included), and only below live parents,
so loading again adds nothing and what a user deleted stays deleted.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import random
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from . import records
from .attendance import DEFAULT_PERIODS, AttendanceMark, Signature, SignInPeriod, mark_id, period_id
from .demo import demo_id  # (demo.py imports this module only when loading)
from .participants import Enrolment, Participant, enrolment_id, name_key, validate_participant
from .records import SyncedRecord
from .search import fold

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from .clock import HybridClock, Stamp
    from .sessions import TrainingSession

SEVARE, SEGOU = "real/opj-sevare-2022", "real/opj-segou-2022"
MNP, GLO_ACT = "real/mnp-rabat-2019", "real/glo-act-rabat-2019"
#: The participants' seed: fixed, so the real sessions' people are the same whatever the seed.
PEOPLE_SEED = 20221108


# -- writing -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Planned:
    """A demo record to add if missing: its model, derived id, values and the ids of the records
    it hangs from (added only while they are live)."""

    model: type[SyncedRecord]
    record_id: str
    values: dict[str, Any]
    parents: tuple[str, ...] = ()
    later: bool = False  # stamped after the others (a correction after the answer it corrects)


class DemoWriter:
    """Adds planned demo records in the caller's transaction (all or nothing with it).

    Existing ids are read in a few queries rather than one ``get`` each (a ``get`` flushes the
    pending records and queries alone: thousands of them would take seconds). Every record of
    one :meth:`write` shares one clock stamp, those marked ``later`` a second, later one.
    """

    def __init__(self, tx: Session, clock: HybridClock) -> None:
        self.tx = tx
        self.clock = clock
        self.live: set[str] = set()  # ids known to be live: parents of what comes next

    def known_live(self, ids: Iterable[str]) -> None:
        self.live.update(ids)

    def existing(self, model: type[SyncedRecord], ids: Sequence[str]) -> dict[str, bool]:
        """id -> deleted, for the ``ids`` that exist."""
        out: dict[str, bool] = {}
        for start in range(0, len(ids), 500):
            rows = self.tx.execute(select(model.id, model.deleted).where(
                model.id.in_(ids[start:start + 500])))  # fmt: skip
            out.update({row[0]: bool(row[1]) for row in rows})
        return out

    def write(self, planned: Sequence[Planned]) -> Counter[type[SyncedRecord]]:
        """Add the missing records among ``planned`` (parents listed before children); returns
        how many of each model were added."""
        if len({item.record_id for item in planned}) != len(planned):
            raise ValueError("the demo data plans a record twice")  # a mistake in the data
        by_model: dict[type[SyncedRecord], list[str]] = defaultdict(list)
        for item in planned:
            by_model[item.model].append(item.record_id)
        existing: dict[str, bool] = {}
        for model, ids in by_model.items():
            existing.update(self.existing(model, ids))
        created: Counter[type[SyncedRecord]] = Counter()
        stamps: dict[bool, Stamp] = {}
        for item in planned:
            if item.record_id in existing:
                if not existing[item.record_id]:
                    self.live.add(item.record_id)
                continue  # there already (or deleted by the user: it stays deleted)
            if not all(parent in self.live for parent in item.parents):
                continue
            if item.later and False not in stamps:
                stamps[False] = self.clock.tick(self.tx)
            if item.later not in stamps:
                stamps[item.later] = self.clock.tick(self.tx)
            self.tx.add(records.create(item.model, stamps[item.later], item.values,
                                       record_id=item.record_id))  # fmt: skip
            self.live.add(item.record_id)
            created[item.model] += 1
        return created


# -- people --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Person:
    key: str  # stable: the record's id is derived from it
    family_name: str
    given_names: str
    sex: str
    institution: str
    function: str
    unit: str
    region: str
    town: str
    phone: str
    email: str = ""
    consent_photo: bool = True

    def values(self) -> dict[str, Any]:
        return validate_participant({
            "family_name": self.family_name, "given_names": self.given_names, "sex": self.sex,
            "institution": self.institution, "function": self.function, "unit": self.unit,
            "region": self.region, "town": self.town, "phone": self.phone, "email": self.email,
            "id_number": "", "consent_data": True, "consent_photo": self.consent_photo})  # fmt: skip


def person_id(person: Person) -> str:
    return demo_id(f"person/{person.key}")


GENDARMERIE, POLICE = "Gendarmerie nationale", "Police nationale"

# fmt: off
#: (unit, town) by region and force.
MALI_UNITS = {
    ("Mopti", GENDARMERIE): [
        ("Brigade territoriale de Sévaré", "Sévaré"), ("Brigade territoriale de Mopti", "Mopti"),
        ("Brigade territoriale de Bandiagara", "Bandiagara"), ("Brigade territoriale de Djenné", "Djenné"),
        ("Brigade territoriale de Douentza", "Douentza"), ("Brigade territoriale de Koro", "Koro"),
        ("Brigade territoriale de Bankass", "Bankass"), ("Brigade territoriale de Ténenkou", "Ténenkou"),
        ("Brigade territoriale de Youwarou", "Youwarou"), ("Brigade territoriale de Konna", "Konna"),
        ("Compagnie de gendarmerie de Mopti", "Mopti"), ("Brigade de recherches de Mopti", "Mopti"),
    ],
    ("Mopti", POLICE): [
        ("Commissariat de police de Sévaré", "Sévaré"),
        ("Commissariat du 1er arrondissement de Mopti", "Mopti"),
        ("Commissariat du 2e arrondissement de Mopti", "Mopti"),
        ("Commissariat de police de Bandiagara", "Bandiagara"),
        ("Commissariat de police de Djenné", "Djenné"),
        ("Commissariat de police de Douentza", "Douentza"),
        ("Direction régionale de la police de Mopti", "Mopti"),
    ],
    ("Ségou", GENDARMERIE): [
        ("Brigade territoriale de Ségou", "Ségou"), ("Brigade territoriale de San", "San"),
        ("Brigade territoriale de Bla", "Bla"), ("Brigade territoriale de Niono", "Niono"),
        ("Brigade territoriale de Macina", "Macina"), ("Brigade territoriale de Markala", "Markala"),
        ("Brigade territoriale de Tominian", "Tominian"), ("Brigade territoriale de Barouéli", "Barouéli"),
        ("Compagnie de gendarmerie de Ségou", "Ségou"), ("Brigade de recherches de Ségou", "Ségou"),
    ],
    ("Ségou", POLICE): [
        ("Commissariat du 1er arrondissement de Ségou", "Ségou"),
        ("Commissariat du 2e arrondissement de Ségou", "Ségou"),
        ("Commissariat de police de San", "San"), ("Commissariat de police de Niono", "Niono"),
        ("Commissariat de police de Markala", "Markala"),
        ("Direction régionale de la police de Ségou", "Ségou"),
    ],
}
#: Ranks of judicial police officers (OPJ), the commoner first; with a role now and then.
MALI_RANKS = {
    GENDARMERIE: ["Adjudant-chef", "Adjudant-chef", "Adjudant", "Adjudant", "Maréchal des logis-chef",
                  "Lieutenant", "Lieutenant", "Capitaine", "Sous-lieutenant"],
    POLICE: ["Officier de police", "Officier de police", "Officier de police principal",
             "Inspecteur principal de police", "Commissaire de police", "Commissaire principal de police"],
}
MALI_ROLES = {
    GENDARMERIE: {"Adjudant-chef": "commandant de brigade", "Capitaine": "commandant de compagnie",
                  "Lieutenant": "commandant de brigade"},
    POLICE: {"Commissaire de police": "chef de commissariat",
             "Commissaire principal de police": "chef de commissariat",
             "Officier de police principal": "chef de la brigade de recherches"},
}
MALI_FAMILY = [
    "Traoré", "Coulibaly", "Diarra", "Keïta", "Konaté", "Samaké", "Doumbia", "Sangaré", "Diallo",
    "Cissé", "Maïga", "Touré", "Dicko", "Sidibé", "Bah", "Guindo", "Dolo", "Togo", "Ongoïba",
    "Tembely", "Kassogué", "Sanogo", "Koné", "Berthé", "Camara", "Fofana", "Haïdara", "Dembélé",
    "Tangara", "Mariko", "Dao", "Ballo", "Bagayoko", "Kouyaté", "Diakité", "Goïta", "Niangaly",
    "Djiré", "Kané", "Sissoko", "Timbiné", "Poudiougo", "Barry", "Sow", "Kamissoko",
]
MALI_MEN = [
    "Moussa", "Boubacar", "Seydou", "Ibrahim", "Amadou", "Modibo", "Adama", "Salif", "Oumar",
    "Souleymane", "Bakary", "Drissa", "Issa", "Yacouba", "Lassina", "Sékou", "Cheick Oumar",
    "Abdoulaye", "Hamadoun", "Alassane", "Sidiki", "Daouda", "Mahamane", "Allaye", "Aly",
    "Ousmane", "Siaka", "Zoumana", "Yaya", "Moctar", "Brahima", "Mamadou Lamine", "Hamidou",
    "Kalilou", "Tiémoko", "Nouhoum", "Baba", "Fousseyni", "Abdramane", "Youssouf",
]
MALI_WOMEN = [
    "Awa", "Aminata", "Mariam", "Kadiatou", "Oumou", "Hawa", "Assitan", "Djénéba", "Rokia",
    "Salimata", "Kadidia", "Aïssata", "Nana", "Bintou", "Fanta",
]
MALI_PHONE_PREFIXES = ["76", "76", "77", "78", "79", "66", "65", "70", "90", "91", "82", "83"]
# fmt: on


def _phone_mali(rng: random.Random, local: bool) -> str:
    digits = [rng.choice(MALI_PHONE_PREFIXES)] + [f"{rng.randrange(100):02d}" for _ in range(3)]
    return " ".join(digits) if local else "+223 " + " ".join(digits)


def _email(rng: random.Random, family: str, given: str) -> str:
    first = re.sub(r"[^a-z]", "", fold(given.split()[0]))
    last = re.sub(r"[^a-z]", "", fold(family))
    local = rng.choice((f"{first}.{last}", f"{first[0]}{last}{rng.randrange(70, 99)}",
                        f"{last}{first}"))  # fmt: skip
    return f"{local}@{rng.choice(('yahoo.fr', 'gmail.com', 'gmail.com', 'hotmail.fr'))}"


class Registry:
    """People drawn so far: a new one must not look like someone else to the duplicates review
    (same names, or the same family name with a similar given name, or the same phone), so the
    only candidates are the ones made on purpose below."""

    def __init__(self) -> None:
        self.names: set[str] = set()
        self.given_by_family: dict[str, list[str]] = defaultdict(list)
        self.phones: set[str] = set()

    @staticmethod
    def _phone_key(phone: str) -> str:
        return re.sub(r"\D", "", phone)[-8:]

    def fits(self, family: str, given: str, phone: str = "") -> bool:
        if name_key(family, given) in self.names:
            return False
        if phone and self._phone_key(phone) in self.phones:
            return False
        return all(difflib.SequenceMatcher(None, fold(given), g).ratio() < 0.8
                   for g in self.given_by_family[fold(family)])  # fmt: skip

    def add(self, person: Person) -> Person:
        self.names.add(name_key(person.family_name, person.given_names))
        self.given_by_family[fold(person.family_name)].append(fold(person.given_names))
        if person.phone:
            self.phones.add(self._phone_key(person.phone))
        return person


def _opj(rng: random.Random, registry: Registry, key: str, region: str, woman: bool) -> Person:
    """A judicial police officer of ``region``, drawn until nobody looks like them."""
    if woman and rng.random() < 0.7:
        force = POLICE
    else:
        force = rng.choice((GENDARMERIE, GENDARMERIE, POLICE))
    while True:
        family = rng.choice(MALI_FAMILY)
        given = rng.choice(MALI_WOMEN if woman else MALI_MEN)
        phone = _phone_mali(rng, local=rng.random() < 0.3)
        if registry.fits(family, given, phone):
            break
    rank = rng.choice(MALI_RANKS[force])
    role = MALI_ROLES[force].get(rank)
    function = f"{rank}, {role}" if role and rng.random() < 0.6 else rank
    unit, town = rng.choice(MALI_UNITS[(region, force)])
    email = _email(rng, family, given) if rng.random() < 0.25 else ""
    return registry.add(Person(key, family, given, "woman" if woman else "man", force, function,
                               unit, region, town, phone, email,
                               consent_photo=rng.random() < 0.8))  # fmt: skip


# fmt: off
#: Typed twice (the duplicates review must find them) and two real namesakes.
KEITA_SEVARE = Person("mali/keita-moussa", "Keïta", "Moussa", "man", GENDARMERIE,
                      "Adjudant-chef, commandant de brigade", "Brigade territoriale de Bla",
                      "Ségou", "Bla", "+223 76 45 12 89")
KEITA_SEGOU = Person("mali/keita-moussa-bis", "KEITA", "Moussa", "man", GENDARMERIE,
                     "Adjudant-chef", "Brigade de Bla", "Ségou", "Bla", "76451289")
COULIBALY_SEVARE = Person("mali/coulibaly-fatoumata", "Coulibaly", "Fatoumata", "woman", POLICE,
                          "Officier de police", "Commissariat de police de San", "Ségou", "San",
                          "+223 66 21 08 47", "fatoumata.coulibaly@yahoo.fr")
COULIBALY_SEGOU = Person("mali/coulibaly-fatimata", "Coulibaly", "Fatimata", "woman", POLICE,
                         "Officier de police", "Commissariat de police de San", "Ségou", "San", "")
TRAORE_SEVARE = Person("mali/traore-moussa-douentza", "Traoré", "Moussa", "man", GENDARMERIE,
                       "Adjudant", "Brigade territoriale de Douentza", "Mopti", "Douentza",
                       "+223 79 14 52 33")
TRAORE_SEGOU = Person("mali/traore-moussa-segou", "Traoré", "Moussa", "man", POLICE,
                      "Commissaire de police, chef de commissariat",
                      "Commissariat du 2e arrondissement de Ségou", "Ségou", "Ségou",
                      "+223 76 88 30 15", "moussa.traore@gmail.com")

_CNDH_MA = "Conseil national des droits de l'Homme (CNDH)"
_MNP_MA = "Mécanisme national de prévention de la torture (MNP)"
EL_MANSOURI = Person("maroc/el-mansouri-adil", "El Mansouri", "Adil", "man", _CNDH_MA,
                     "Cadre du MNP", _MNP_MA, "Rabat-Salé-Kénitra", "Rabat",
                     "+212 6 61 48 23 90", "adil.elmansouri@gmail.com")
ELMANSOURI = Person("maroc/elmansouri-adil", "ELMANSOURI", "Adil", "man", _CNDH_MA,
                    "Chargé de mission", "Direction de la protection des droits de l'Homme",
                    "Rabat-Salé-Kénitra", "Rabat", "06 61 48 23 90")
#: A CNDH jurist who came to both Rabat sessions: one registration, two enrolments.
LAHLOU = Person("maroc/lahlou-salma", "Lahlou", "Salma", "woman", _CNDH_MA,
                "Juriste", "Direction de la protection des droits de l'Homme",
                "Rabat-Salé-Kénitra", "Rabat", "+212 6 62 17 94 05", "salma.lahlou@gmail.com")


def _indh(key: str, family: str, given: str, sex: str, institution: str, function: str,
          country: str, town: str, phone: str, email: str = "") -> Person:
    # Foreign delegates: the country stands in the region column (where they come from).
    return Person(f"indh/{key}", family, given, sex, institution, function, "", country, town,
                  phone, email)


_RW = "Commission nationale des droits de la personne (CNDP) du Rwanda"
_ML = "Commission nationale des droits de l'homme (CNDH) du Mali"
_TG = "Commission nationale des droits de l'homme (CNDH) du Togo"
_BF = "Commission nationale des droits humains (CNDH) du Burkina Faso"
_MG = "Commission nationale indépendante des droits de l'homme (CNIDH) de Madagascar"
_MU = "Commission nationale des droits de l'homme de Maurice"
_MR = "Commission nationale des droits de l'homme (CNDH) de Mauritanie"
_MR_MNP = "Mécanisme national de prévention de la torture (MNP) de Mauritanie"
_CRDH = "Commission régionale des droits de l'Homme (CRDH)"

MNP_PEOPLE = [
    _indh("mukamana-jeanne", "Mukamana", "Jeanne d'Arc", "woman", _RW, "Commissaire", "Rwanda",
          "Kigali", "+250 788 412 337", "jmukamana@gmail.com"),
    _indh("habimana-emmanuel", "Habimana", "Emmanuel", "man", _RW,
          "Chef de l'unité de prévention de la torture", "Rwanda", "Kigali", "+250 783 205 918"),
    _indh("diakite-aminata", "Diakité", "Aminata", "woman", _ML,
          "Commissaire, chargée du Mécanisme national de prévention", "Mali", "Bamako",
          "+223 76 02 41 93", "aminata.diakite@yahoo.fr"),
    _indh("sanogo-bakary", "Sanogo", "Bakary", "man", _ML, "Juriste, unité MNP", "Mali", "Bamako",
          "+223 66 73 15 28"),
    _indh("agbeko-kossi", "Agbeko", "Kossi", "man", _TG, "Président", "Togo", "Lomé",
          "+228 90 12 48 63"),
    _indh("adjavon-afi", "Adjavon", "Afi", "woman", _TG, "Chargée de la prévention de la torture",
          "Togo", "Lomé", "+228 91 57 20 34", "afi.adjavon@gmail.com"),
    _indh("sawadogo-mariam", "Sawadogo", "Mariam", "woman", _BF, "Commissaire", "Burkina Faso",
          "Ouagadougou", "+226 70 26 81 45"),
    _indh("kabore-issouf", "Kaboré", "Issouf", "man", _BF, "Chef du service MNP", "Burkina Faso",
          "Ouagadougou", "+226 76 40 13 72", "issouf.kabore@yahoo.fr"),
    _indh("rakotomalala-hery", "Rakotomalala", "Hery", "man", _MG, "Commissaire", "Madagascar",
          "Antananarivo", "+261 34 12 457 89"),
    _indh("rasoanaivo-voahangy", "Rasoanaivo", "Voahangy", "woman", _MG, "Juriste",
          "Madagascar", "Antananarivo", "+261 33 05 218 64", "voahangy.rasoanaivo@gmail.com"),
    _indh("ramsamy-priya", "Ramsamy", "Priya", "woman", _MU, "Membre de la division MNP",
          "Maurice", "Port-Louis", "+230 5712 3486"),
    _indh("bhugun-vikash", "Bhugun", "Vikash", "man", _MU, "Enquêteur", "Maurice", "Port-Louis",
          "+230 5894 0217"),
    _indh("ould-cheikh-mohamed-lemine", "Ould Cheikh", "Mohamed Lemine", "man", _MR_MNP,
          "Président", "Mauritanie", "Nouakchott", "+222 22 41 36 90"),
    _indh("mint-ahmed-mariem", "Mint Ahmed", "Mariem", "woman", _MR, "Commissaire", "Mauritanie",
          "Nouakchott", "+222 36 18 52 07"),
    EL_MANSOURI,
    LAHLOU,
    Person("maroc/tahiri-imane", "Tahiri", "Imane", "woman", _CNDH_MA, "Chargée de programme",
           _MNP_MA, "Rabat-Salé-Kénitra", "Rabat", "+212 6 70 35 81 24", "imane.tahiri@gmail.com"),
    Person("maroc/naciri-driss", "Naciri", "Driss", "man", _CNDH_MA, "Membre du MNP", _MNP_MA,
           "Rabat-Salé-Kénitra", "Rabat", "+212 6 61 09 27 53"),
    Person("maroc/ouchen-naima", "Ouchen", "Naïma", "woman", _CNDH_MA, "Psychologue", _MNP_MA,
           "Rabat-Salé-Kénitra", "Rabat", "+212 6 63 74 10 88"),
    Person("maroc/zniber-khalid", "Zniber", "Khalid", "man", _CNDH_MA, "Médecin", _MNP_MA,
           "Rabat-Salé-Kénitra", "Salé", "+212 6 68 22 45 19"),
    Person("maroc/cherkaoui-latifa", "Cherkaoui", "Latifa", "woman", _CRDH, "Présidente",
           "CRDH Casablanca-Settat", "Casablanca-Settat", "Casablanca", "+212 6 61 57 38 02",
           "l.cherkaoui@gmail.com"),
    Person("maroc/bakkali-hamza", "Bakkali", "Hamza", "man", _CRDH, "Chargé du suivi des lieux "
           "de privation de liberté", "CRDH Tanger-Tétouan-Al Hoceïma",
           "Tanger-Tétouan-Al Hoceïma", "Tanger", "+212 6 66 81 29 47"),
    Person("maroc/haddad-siham", "Haddad", "Siham", "woman", _CRDH, "Juriste", "CRDH Fès-Meknès",
           "Fès-Meknès", "Fès", "+212 6 62 90 14 36"),
    Person("maroc/el-ouafi-abdelaziz", "El Ouafi", "Abdelaziz", "man", _CNDH_MA,
           "Directeur du MNP", _MNP_MA, "Rabat-Salé-Kénitra", "Rabat", "+212 6 61 30 72 58"),
    Person("maroc/sbai-hind", "Sbai", "Hind", "woman", _CNDH_MA, "Chargée de communication",
           "Secrétariat général", "Rabat-Salé-Kénitra", "Rabat", "+212 6 64 28 16 93"),
]

_JUSTICE = "Ministère de la Justice"
_PARQUET = "Présidence du ministère public"
_CSPJ = "Conseil supérieur du pouvoir judiciaire"
_DGSN = "Direction générale de la sûreté nationale (DGSN)"
_GR = "Gendarmerie royale"
_EN = "Entraide nationale"


def _ma(key: str, family: str, given: str, sex: str, institution: str, function: str, unit: str,
        region: str, town: str, phone: str, email: str = "") -> Person:
    return Person(f"maroc/{key}", family, given, sex, institution, function, unit, region, town,
                  phone, email)


GLO_ACT_PEOPLE = [
    _ma("bennani-karim", "Bennani", "Karim", "man", _PARQUET, "Substitut du procureur du Roi",
        "Tribunal de première instance de Rabat", "Rabat-Salé-Kénitra", "Rabat",
        "+212 6 61 73 50 26", "k.bennani@gmail.com"),
    _ma("idrissi-fatima-zahra", "Idrissi", "Fatima Zahra", "woman", _CSPJ, "Juge d'instruction",
        "Cour d'appel de Casablanca", "Casablanca-Settat", "Casablanca", "+212 6 62 48 19 70"),
    _ma("el-fassi-omar", "El Fassi", "Omar", "man", _PARQUET, "Procureur du Roi",
        "Tribunal de première instance de Tanger", "Tanger-Tétouan-Al Hoceïma", "Tanger",
        "+212 6 61 05 92 84"),
    _ma("sefrioui-loubna", "Sefrioui", "Loubna", "woman", _PARQUET,
        "Substitut du procureur général du Roi", "Cour d'appel de Fès", "Fès-Meknès", "Fès",
        "+212 6 67 31 26 45", "loubna.sefrioui@gmail.com"),
    _ma("ouazzani-mehdi", "Ouazzani", "Mehdi", "man", _CSPJ, "Juge",
        "Tribunal de première instance d'Oujda", "L'Oriental", "Oujda", "+212 6 60 84 17 39"),
    _ma("naji-hicham", "Naji", "Hicham", "man", _PARQUET, "Substitut du procureur du Roi",
        "Tribunal de première instance de Marrakech", "Marrakech-Safi", "Marrakech",
        "+212 6 65 20 43 71"),
    _ma("ait-ouahmane-brahim", "Aït Ouahmane", "Brahim", "man", _DGSN, "Commissaire de police",
        "Brigade nationale de la police judiciaire (BNPJ)", "Casablanca-Settat", "Casablanca",
        "+212 6 61 92 38 04"),
    _ma("kettani-yassine", "Kettani", "Yassine", "man", _DGSN, "Officier de police judiciaire",
        "Préfecture de police de Tanger", "Tanger-Tétouan-Al Hoceïma", "Tanger",
        "+212 6 63 15 70 62"),
    _ma("belhaj-asmae", "Belhaj", "Asmae", "woman", _DGSN, "Officier de police",
        "Cellule de prise en charge des femmes et des enfants, préfecture de police de Rabat",
        "Rabat-Salé-Kénitra", "Rabat", "+212 6 68 40 21 97"),
    _ma("lamrani-abdelilah", "Lamrani", "Abdelilah", "man", _DGSN, "Inspecteur principal de police",
        "Préfecture de police de Nador", "L'Oriental", "Nador", "+212 6 62 77 08 13"),
    _ma("el-khattabi-mustapha", "El Khattabi", "Mustapha", "man", _GR, "Capitaine",
        "Compagnie de gendarmerie royale de Laâyoune", "Laâyoune-Sakia El Hamra", "Laâyoune",
        "+212 6 61 26 55 40"),
    _ma("mouline-said", "Mouline", "Saïd", "man", _GR, "Adjudant-chef",
        "Brigade de gendarmerie royale de Tétouan", "Tanger-Tétouan-Al Hoceïma", "Tétouan",
        "+212 6 66 09 83 21"),
    _ma("hajji-noureddine", "Hajji", "Noureddine", "man", _GR, "Lieutenant-colonel",
        "État-major, division de la police judiciaire", "Rabat-Salé-Kénitra", "Rabat",
        "+212 6 61 64 12 75"),
    _ma("squalli-zineb", "Squalli", "Zineb", "woman", _JUSTICE, "Assistante sociale",
        "Tribunal de première instance de Rabat", "Rabat-Salé-Kénitra", "Rabat",
        "+212 6 70 18 46 52", "zineb.squalli@gmail.com"),
    _ma("benkirane-khadija", "Benkirane", "Khadija", "woman", _JUSTICE, "Assistante sociale",
        "Cour d'appel de Marrakech", "Marrakech-Safi", "Marrakech", "+212 6 61 83 29 60"),
    _ma("el-ouardi-houda", "El Ouardi", "Houda", "woman", _EN, "Assistante sociale",
        "Centre de protection de l'enfance d'Agadir", "Souss-Massa", "Agadir",
        "+212 6 65 72 04 18"),
    _ma("fassi-fihri-anas", "Fassi Fihri", "Anas", "man", _EN, "Chef de service",
        "Délégation de Casablanca", "Casablanca-Settat", "Casablanca", "+212 6 60 39 51 86"),
    _ma("bouzidi-meryem", "Bouzidi", "Meryem", "woman",
        "Délégation interministérielle aux droits de l'Homme (DIDH)", "Cadre",
        "Direction de la coordination", "Rabat-Salé-Kénitra", "Rabat", "+212 6 62 05 67 34"),
    ELMANSOURI,
    LAHLOU,
]
# fmt: on


#: The real sessions' speakers (``demo.py``): no participant is drawn with their names.
SPEAKERS = [
    ("Dembélé", "Awa"), ("Sangaré", "Boubacar"), ("Cissé", "Kadiatou"), ("Coulibaly", "Issa"),
    ("Tangara", "Oumar"), ("Kané", "Drissa"), ("Traoré", "Mamadou"), ("Diarra", "Adama"),
    ("Sissoko", "Fatoumata"), ("Lefèvre", "Claire"), ("El Amrani", "Youssef"),
    ("Ouédraogo", "Jean-Baptiste"), ("Bennani", "Nadia"), ("Tazi", "Leïla"),
    ("Benjelloun", "Hassan"), ("Alaoui", "Samira"), ("Idrissi", "Rachid"), ("Chraibi", "Karim"),
    ("Berrada", "Ghizlane"),
]  # fmt: skip


@dataclass(frozen=True)
class Rosters:
    """Who is enrolled in each real session (session key -> people), and the whole registry."""

    by_session: dict[str, list[Person]]
    people: list[Person]


@functools.cache
def rosters() -> Rosters:
    """The people of the four real sessions, the same every time."""
    rng = random.Random(PEOPLE_SEED)
    registry = Registry()
    for person in (KEITA_SEVARE, COULIBALY_SEVARE, TRAORE_SEVARE, *MNP_PEOPLE, *GLO_ACT_PEOPLE):
        registry.add(person)  # their twins and namesake are added to the rosters on purpose
    for family, given in SPEAKERS:
        registry.add(Person("", family, given, "", "", "", "", "", "", ""))
    # Sévaré: 38 of the 40 expected, from both regions (most from Mopti), five women.
    sevare = [KEITA_SEVARE, COULIBALY_SEVARE, TRAORE_SEVARE]
    women = {4, 11, 19, 27}
    for n in range(35):
        region = "Ségou" if n % 5 == 3 else "Mopti"
        sevare.append(_opj(rng, registry, f"mali/opj-{n + 1:02d}", region, n in women))
    # Ségou: 30, two of whom came to Sévaré too, four women.
    back = [p for p in sevare[3:] if p.region == "Ségou"][:2]
    segou = [KEITA_SEGOU, COULIBALY_SEGOU, TRAORE_SEGOU, *back]
    women = {6, 15, 21}
    for n in range(25):
        region = "Mopti" if n % 8 == 5 else "Ségou"
        segou.append(_opj(rng, registry, f"mali/opj-{n + 36:02d}", region, n in women))
    rng.shuffle(sevare)  # enrolled in the order they arrived, not these lists'
    rng.shuffle(segou)
    by_session = {SEVARE: sevare, SEGOU: segou, MNP: list(MNP_PEOPLE),
                  GLO_ACT: list(GLO_ACT_PEOPLE)}  # fmt: skip
    people: dict[str, Person] = {}
    for group in by_session.values():
        for person in group:
            people.setdefault(person.key, person)
    return Rosters(by_session, list(people.values()))


# -- attendance ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Mark:
    status: str
    arrived_at: dt.time | None = None


@dataclass(frozen=True)
class Period:
    id: str
    day: dt.date
    kind: str
    start: dt.time
    end: dt.time


@dataclass
class Attendee:
    """One enrolled person of a session, with their marks (what the tests use: who was there)."""

    person: Person
    participant_id: str
    enrolment_id: str
    ability: float  # how well they do in the tests (see demo_quizzes)
    gain: float  # how much they learn
    marks: dict[str, Mark] = field(default_factory=dict)  # period id -> mark

    def there_at(self, period: Period, at: dt.time) -> bool:
        mark = self.marks.get(period.id)
        if mark is None or mark.status not in ("present", "late"):
            return False
        return mark.arrived_at is None or mark.arrived_at <= at


@dataclass
class PeopleResult:
    attendees: dict[str, list[Attendee]]  # session key -> people (sessions in the past only)
    periods: dict[str, list[Period]]  # session key -> its sign-in periods
    participants_created: int = 0
    enrolments_created: int = 0
    periods_created: int = 0
    marks_created: int = 0
    signatures_created: int = 0


#: Who misses a test, by session: (person's index in the roster, what happens).
#: "late-first-morning": arrives after the pre-test; "excused-first-morning": away the first
#: morning; "excused-last-day": called back to the unit the last day (misses the post-test).
FORCED = {
    SEVARE: {5: "late-first-morning", 17: "excused-last-day", 30: "excused-first-morning"},
    SEGOU: {9: "excused-last-day", 22: "late-first-morning"},
    MNP: {12: "late-first-morning", 20: "excused-last-day"},
    GLO_ACT: {7: "excused-last-day"},
}
#: Sessions whose signatures were drawn on the sign-in kiosk: all days, or the first n days.
SIGNED_DAYS = {SEVARE: 3, SEGOU: 1}


def _periods(session: TrainingSession) -> list[Period]:
    return [Period(period_id(session.id, day, kind), day, kind, start, end)
            for day in session.days for kind, start, end in DEFAULT_PERIODS]  # fmt: skip


def _plus(time: dt.time, minutes: int) -> dt.time:
    return (dt.datetime.combine(dt.date(2000, 1, 1), time) + dt.timedelta(minutes=minutes)).time()


def _marks(rng: random.Random, periods: list[Period], forced: str | None,
           habit: float) -> dict[str, Mark]:  # fmt: skip
    """Mostly present; late now and then (more for the habitually late), a few absences. The
    first morning and the last day stay as they are unless ``forced`` (the tests are then)."""
    first_day, last_day = periods[0].day, periods[-1].day
    sick_day = rng.choice([p.day for p in periods]) if rng.random() < 0.04 else None
    out = {}
    for period in periods:
        test_time = (period.day == first_day and period.kind == "morning") or period.day == last_day
        r = rng.random()
        first_morning = period.day == first_day and period.kind == "morning"
        if forced == "late-first-morning" and first_morning:
            mark = Mark("late", dt.time(11, 40))  # after the pre-test
        elif (forced == "excused-first-morning" and first_morning) or (
                forced == "excused-last-day" and period.day == last_day):  # fmt: skip
            mark = Mark("excused")
        elif period.day == sick_day and not test_time:
            mark = Mark("absent" if rng.random() < 0.5 else "excused")
        elif r < 0.05 + habit:
            mark = Mark("late", _plus(period.start, rng.randrange(20, 56)))
        elif r < 0.08 + habit and not test_time:
            mark = Mark("absent")
        elif r < 0.10 + habit and not test_time:
            mark = Mark("excused")
        else:
            mark = Mark("present")
        out[period.id] = mark
    return out


SIGNATURE_POOL = 16


@functools.cache
def _base_signature(index: int) -> Any:
    from .signature_demo import demo_signature

    return demo_signature(index * 7919 + 11)


@functools.cache
def signature_bytes(seed: int) -> bytes:
    """A person's drawn signature: one of a few cursive shapes (drawing one costs ~8 ms), each
    person's stretched, slanted and shifted their own way."""
    from .signatures import Point, encode

    rng = random.Random(seed)
    base = _base_signature(seed % SIGNATURE_POOL)
    sx, sy = rng.uniform(0.8, 1.05), rng.uniform(0.75, 1.1)
    shear, dx, dy = rng.uniform(-0.2, 0.2), rng.uniform(-20, 40), rng.uniform(-15, 15)
    strokes = [[Point(min(599.0, max(1.0, 20 + (p.x - 20) * sx + shear * (150 - p.y) + dx)),
                      min(219.0, max(1.0, 150 + (p.y - 150) * sy + dy)), p.t_ms, p.pressure)
                for p in stroke] for stroke in base.strokes]  # fmt: skip
    return encode(strokes, 600, 220)


def _signed_at(period: Period, mark: Mark, rng: random.Random) -> dt.datetime:
    if mark.arrived_at is not None:
        return dt.datetime.combine(period.day, mark.arrived_at)
    start = dt.datetime.combine(period.day, period.start)
    return start + dt.timedelta(minutes=rng.randrange(-12, 12), seconds=rng.randrange(60))


def key_seed(text: str) -> int:
    """A seed from a key, the same in every run (``hash`` of a string is not)."""
    import zlib

    return zlib.crc32(text.encode())


def add_people(writer: DemoWriter, sessions: dict[str, TrainingSession], seed: int) -> PeopleResult:
    """Participants, enrolments, periods, marks and signatures of the live demo ``sessions``
    (session key -> session). Generated sessions get a few returning participants (enrolled
    only: no attendance, whether their dates are past or not)."""
    plan: list[Planned] = []
    result = PeopleResult({}, {})
    registry = rosters()
    by_session = {key: people for key, people in registry.by_session.items() if key in sessions}
    by_session.update(_returning(registry, sessions, seed))
    enrolled = {p.key for people in by_session.values() for p in people}
    for person in registry.people:
        if person.key in enrolled:
            plan.append(Planned(Participant, person_id(person), person.values()))
    for key, people in by_session.items():
        session = sessions[key]
        rng = random.Random(key_seed(f"attendance/{key}"))
        attendees = []
        for person in people:
            pid = person_id(person)
            eid = enrolment_id(session.id, pid)
            plan.append(Planned(Enrolment, eid, {"session_id": session.id, "participant_id": pid,
                                                 "role": "participant"}, (session.id, pid)))  # fmt: skip
            person_rng = random.Random(key_seed(f"ability/{person.key}"))
            attendees.append(Attendee(person, pid, eid, person_rng.gauss(0, 1),
                                      person_rng.gauss(0.35, 0.35)))  # fmt: skip
        if key not in registry.by_session:
            continue  # attendance only for the real sessions (all in the past)
        periods = _periods(session)
        for period in periods:
            plan.append(Planned(SignInPeriod, period.id, {
                "session_id": session.id, "day": period.day, "kind": period.kind, "label": "",
                "start_time": period.start, "end_time": period.end}, (session.id,)))  # fmt: skip
        forced = FORCED.get(key, {})
        signed_days = set(session.days[: SIGNED_DAYS.get(key, 0)])
        for index, attendee in enumerate(attendees):
            habit = 0.25 if rng.random() < 0.06 else 0.0  # the habitually late
            attendee.marks = _marks(rng, periods, forced.get(index), habit)
            for period in periods:
                mark = attendee.marks[period.id]
                record_id = mark_id(attendee.enrolment_id, period.id)
                plan.append(Planned(AttendanceMark, record_id, {
                    "enrolment_id": attendee.enrolment_id, "period_id": period.id,
                    "status": mark.status, "arrived_at": mark.arrived_at},
                    (attendee.enrolment_id, period.id)))  # fmt: skip
                if period.day in signed_days and mark.status in ("present", "late"):
                    plan.append(Planned(Signature, demo_id(f"signature/{record_id}"), {
                        "enrolment_id": attendee.enrolment_id, "period_id": period.id,
                        "strokes": signature_bytes(key_seed(attendee.person.key)),
                        "signed_at": _signed_at(period, mark, rng)},
                        (attendee.enrolment_id, period.id)))  # fmt: skip
        result.attendees[key] = attendees
        result.periods[key] = periods
    created = writer.write(plan)
    result.participants_created = created[Participant]
    result.enrolments_created = created[Enrolment]
    result.periods_created = created[SignInPeriod]
    result.marks_created = created[AttendanceMark]
    result.signatures_created = created[Signature]
    return result


#: How many generated sessions get returning participants, and how many each.
RETURNING_SESSIONS, RETURNING_PEOPLE = 3, (4, 7)


def _returning(registry: Rosters, sessions: dict[str, TrainingSession],
               seed: int) -> dict[str, list[Person]]:  # fmt: skip
    """A few people of the real sessions back in some generated sessions of their country."""
    pools = {
        "Mali": [p for key in (SEVARE, SEGOU) for p in registry.by_session[key]
                 if p not in (KEITA_SEGOU, COULIBALY_SEGOU)],
        "Maroc": [p for key in (MNP, GLO_ACT) for p in registry.by_session[key]
                  if p.key.startswith("maroc/") and p is not ELMANSOURI],
    }  # fmt: skip
    # Those who came to two real sessions are in a pool once.
    pools = {country: list({p.key: p for p in pool}.values()) for country, pool in pools.items()}
    out = {}
    # The first few generated sessions, each drawn on its own: the user deleting one changes
    # nobody's enrolments elsewhere.
    for key in (f"generated/{seed}/{index}" for index in range(RETURNING_SESSIONS)):
        pool = pools.get(sessions[key].country, []) if key in sessions else []
        if pool:
            rng = random.Random(key_seed(f"returning/{key}"))
            out[key] = rng.sample(pool, min(len(pool), rng.randint(*RETURNING_PEOPLE)))
    return out
