"""Montenegrin (cnr) translations for WingDesk.

Built from the Bosnian file (bs.py): the shared ijekavian Latin text is taken over and the words in which the
Montenegrin standard differs are replaced (odjeljenje, nalog, bezbjednost, opština, istorija, pol, biće...);
OVERRIDES then fixes the entries whose grammar changes (neuter "odjeljenje") or whose wording differs.
Re-run safe: new messages added to bs.py are converted the same way.
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

_spec = importlib.util.spec_from_file_location("tw_bs_for_cnr", Path(__file__).resolve().parent / "bs.py")
_bs = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_bs)

# whole-word replacements (lower-case forms; a capitalised source word gets a capitalised replacement)
_WORDS = {
    # wing: odjel (m.) -> odjeljenje (n.)
    "odjel": "odjeljenje", "odjela": "odjeljenja", "odjelu": "odjeljenju", "odjelom": "odjeljenjem",
    "odjele": "odjeljenja", "odjeli": "odjeljenja", "odjelima": "odjeljenjima",
    # account: račun -> nalog
    "račun": "nalog", "računa": "naloga", "računu": "nalogu", "računom": "nalogom", "računi": "nalozi",
    "računima": "nalozima", "račune": "naloge",
    # security
    "sigurnost": "bezbjednost", "sigurnosti": "bezbjednosti", "sigurnosni": "bezbjednosni",
    "sigurnosnog": "bezbjednosnog", "sigurnosna": "bezbjednosna", "sigurnosne": "bezbjednosne",
    # other standard differences
    "općinski": "opštinski", "općenito": "opšte", "historiji": "istoriji", "historija": "istorija",
    "spol": "pol", "zadano": "podrazumijevano", "certifikata": "sertifikata", "certifikat": "sertifikat",
    "demonstracijski": "demonstracioni", "demonstracijskom": "demonstracionom",
    "dodan": "dodat", "poslan": "poslat", "poslani": "poslati", "poslano": "poslato",
    "sadržavati": "sadržati", "vlastiti": "sopstveni", "vlastitim": "sopstvenim",
    "postavkama": "podešavanjima", "postavku": "parametar", "zaposlenika": "zaposlenih",
}
_PHRASES = [("bit će", "biće"), ("Bit će", "Biće"), ("Dodijelit će", "Dodijeliće")]


def _word(match: re.Match) -> str:
    word = match.group(0)
    new = _WORDS.get(word.lower())
    if new is None:
        return word
    if word.isupper() and len(word) > 1:
        return new.upper()
    return new[0].upper() + new[1:] if word[0].isupper() else new


_RE = re.compile(r"\b(" + "|".join(sorted(_WORDS, key=len, reverse=True)) + r")\b", re.IGNORECASE)


def convert(text: str) -> str:
    for old, new in _PHRASES:
        text = text.replace(old, new)
    return _RE.sub(_word, text)


OVERRIDES: dict[str, str] = {
    # neuter "odjeljenje": agreement
    "&Create wing": "Kreiraj &odjeljenje",
    "Created wing {wing} in {folder} with administrator {user}.": "Kreirano je odjeljenje {wing} u {folder} s administratorom {user}.",
    "Creating a demo wing with synthetic data in {folder}...": "Kreira se demonstraciono odjeljenje sa sintetičkim podacima u {folder}...",
    "Creating the wing; measuring this PC's key-derivation speed...": "Kreira se odjeljenje; mjeri se brzina izvođenja ključa na ovom računaru...",
    "This wing": "Ovo odjeljenje",
    "This wing was created by a newer WingDesk. Install the newer version.": "Ovo odjeljenje je kreirano novijom verzijom programa WingDesk. Instalirajte noviju verziju.",
    "Using the demo wing in {folder}.": "Koristi se demonstraciono odjeljenje u {folder}.",
    "confirmation code read out by the wing": "potvrdni kod koji je pročitalo odjeljenje",
    "create (or reuse) a demo wing with synthetic data": "kreiraj (ili ponovo koristi) demonstraciono odjeljenje sa sintetičkim podacima",
    "Prisoners on {wing}": "Zatvorenici u odjeljenju {wing}",
    # demo mode
    "DEMO MODE: synthetic data only. Do not enter real information. Choose a demo account below.": "DEMONSTRACIONI REŽIM: samo sintetički podaci. Ne unosite stvarne podatke. Izaberite demonstracioni nalog ispod.",
    "Demo accounts": "Demonstracioni nalozi",
    "Demo accounts (click to fill in the user name):": "Demonstracioni nalozi (kliknite da unesete korisničko ime):",
    # "lice" as in Montenegrin official texts
    "Responsible person": "Odgovorno lice",
    "Responsible role": "Uloga odgovornog lica",
    "Steps and who is responsible": "Koraci i odgovorna lica",
    "People informed": "Obaviještena lica",
    "Told by someone else": "Prema riječima drugog lica",
    "Vulnerable": "Ranjivo lice",
    "Person": "Lice",
    # wording
    "The key file uses a key-derivation setting below the allowed minimum.": "Datoteka ključa koristi parametar izvođenja ključa ispod dozvoljenog minimuma.",
    "You manage staff accounts and settings on the Administration page.": "Nalozima zaposlenih i podešavanjima upravljate na stranici Administracija.",
    "Removed {n} incomplete file(s) left by an earlier attempt.": "Uklonjene nepotpune datoteke zaostale od ranijeg pokušaja: {n}.",
}

T: dict[str, str] = {k: convert(v) for k, v in _bs.T.items()}
T.update(OVERRIDES)
P: dict[str, list[str]] = {k: [convert(f) for f in v] for k, v in _bs.P.items()}
T['A public key was refused because it is weak (genuine keys never are); nothing was stored.'] = 'Javni ključ je odbijen jer je slab (pravi ključevi to nikad nijesu); ništa nije sačuvano.'
