#!/usr/bin/env python3
"""Regenerate blocklist.txt (weak / forbidden passwords for WingDesk accounts).

Deterministic: no network, no randomness. Output is lowercase, unique, sorted
(Python code-point order), one entry per line, UTF-8, trailing newline.

    python3 installer/make_blocklist.py

Contents:
  * common leaked/weak passwords and passphrases (hand-written list below);
  * keyboard walks (QWERTY and the QWERTZ layout used in the Western Balkans);
  * digit runs, repeated digits/letters, years 1950-2030;
  * common words combined with years and digit suffixes;
  * site-specific words (product, prison vocabulary, roles) with suffixes;
  * the six countries and capitals in local languages (with/without diacritics,
    Latin and Cyrillic) with suffixes.
A password checker should compare the lowercased candidate against this set,
and ideally also its diacritic-folded form (č->c, ë->e, ...).
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "wingdesk" / "resources" / "passwords" / "blocklist.txt"

COMMON = """
123456 123456789 12345678 12345 1234567 1234567890 123123 1234 111111 000000 654321 666666 121212
112233 123321 123qwe qwe123 1q2w3e 1q2w3e4r 1q2w3e4r5t 1qaz2wsx zaq12wsx zaq1zaq1 qazwsx qwerty
qwerty123 qwerty1 qwertyuiop qwerty12 qwe123qwe abc123 abcd1234 abcdef abc abcabc a1b2c3 a1b2c3d4
aa123456 password password1 password12 password123 password1234 passw0rd p@ssw0rd p@ssword pass
pass123 pass1234 passwort motdepasse contraseña contrasena senha parola haslo salasana wachtwoord
iloveyou iloveyou1 iloveu loveyou lovely love123 loveme ilovegod princess princess1 sunshine
monkey dragon master letmein login welcome welcome1 welcome123 admin admin123 admin1234 administrator
root toor user guest test test123 testing changeme default secret secret123 qazxsw football
baseball basketball soccer hockey superman batman spiderman starwars pokemon shadow michael
jennifer jordan jordan23 harley ranger hunter buster thomas tigger robert soccer1 killer trustno1
whatever freedom ninja mustang access flower hello hello123 hellokitty charlie donald cheese
computer internet samsung nokia iphone google facebook instagram youtube twitter linkedin microsoft
windows apple azerty asdfgh asdfghjkl zxcvbnm zxcvbn 987654321 9876543210 0987654321 159753
147258369 147258 258456 789456 789456123 741852963 963852741 159357 753951 456789 147852 963852
102030 101010 202020 11111 1111 11111111 1111111 22222222 00000000 88888888 99999999 55555555
12341234 1234512345 123654 0123456789 01234567 159951 852456 qwer1234 asdf1234 zxcv1234 qwerasdf
asdfqwer 1qazxsw2 q1w2e3r4 q1w2e3r4t5 q1w2e3 a1s2d3f4 z1x2c3 qweasd qweasdzxc qweasdzxc123 asdzxc
asd123 zxc123 zxcasdqwe mypassword mypass passpass password! password@123 pa55word pa55w0rd
correcthorsebatterystaple correct horse battery staple letmein123 iloveyou123 ihateyou fuckyou
fuckoff fuckyou1 asshole bitch biteme sexy sex secret1 superstar rockstar ginger summer winter
spring autumn hottie lovers forever friends family jesus christ angel angels blessed heaven
matrix merlin cookie banana chocolate coffee pepper orange purple yellow silver golden diamond
corvette ferrari porsche mercedes bmw audi yamaha honda toyota nissan qwertz qwertzu qwertzuiop
yxcvbnm yxcvbn asdfghjklö 1q2w3e4r5t6y 1234qwer 12345qwert 12qwaszx 1qa2ws3ed zaqxsw 1z2x3c 1a2s3d
q12345 qw1234 a12345 abc12345 abcd123 abc1234 xyz123 aaa111 qqq111 zzz111 aaaaaa aaaaaaaa qqqqqq
zzzzzz xxxxxx asdasd qweqwe zxczxc 121314 131313 232323 252525 123abc 123asd 123zxc
iloveyou2 loveyou2 princesa tequiero teamo teiubesc jetaime ichliebedich tikamsumina
volimte volim te volimtepuno ljubav ljubavi ljubavmoja mojaljubav srce srcemoje zlato zlatomoje
zlatice dusa dušo duso sunce sunceko mackica maca medo medeni lepotica ljepotica princeza
sifra šifra sifra123 lozinka lozinka1 lozinka123 tajna tajno tajnasifra mojasifra novasifra
пароль лозинка лозинка123 шифра шифра123 тајна љубав волимте
fjalekalim fjalëkalim fjalekalimi fjalëkalimi kodi sekret sekreti tedua të dua tedashuroj
tëdashuroj zemra zemra ime zemraime shpirt shpirti shpirtiim jetaime jeta jetaime1 dashuri
dashuria engjell engjëll princesha bukuroshe zemër
partizan crvenazvezda zvezda delije grobari zeljeznicar željezničar sarajevo fksarajevo hajduk
dinamo dinamozagreb bbb torcida vardar komiteti tirana partizani vllaznia prishtina fkprishtina
buducnost budućnost sutjeska mornar velez zrinjski borac olimpik sloboda radnicki radnički
skenderbeu skënderbeu shqiperia shqipëria kosova kosovo bosna crnagora makedonija srbija
hrvatska beograd zagreb skopje podgorica tirane prishtine
"""

PASSPHRASES = """
letmeinplease opensesame iloveyouforever ilovemymom ilovemydad ilovemyfamily myfamily
mypassword1 thisismypassword passwordpassword qwertyqwerty abcabcabc iamthebest iloveme
nopassword nopass changeit changeme123 welcome2024 welcome2025 welcome2026 123456abc
secretpassword supersecret supersecret123 masterkey master123 godisgood godbless
thequickbrownfox thequickbrownfoxjumpsoverthelazydog onetwothree onetwothreefour
""".split()

KEYBOARD_ROWS = ["1234567890", "qwertyuiop", "asdfghjkl", "zxcvbnm", "qwertzuiop", "yxcvbnm",
                 "0987654321", "poiuytrewq", "lkjhgfdsa", "mnbvcxz", "poiuztrewq", "mnbvcxy"]

WORDS = """
password pass qwerty qwertz admin welcome love iloveyou monkey dragon sunshine princess football
soccer summer winter spring letmein master shadow hello secret login user test guest
zatvor burg kpz kazneno popravni burgu prison officer supervisor wingdesk police policija
sifra lozinka fjalekalim tajna ljubav zemra sunce zlato srce jeta dashuri
beograd zagreb sarajevo skopje podgorica tirana prishtina kosova kosovo srbija bosna
crnagora makedonija shqiperia albania serbia montenegro macedonia croatia hrvatska
partizan zvezda hajduk dinamo vardar marko nikola ivan ana maria marija jelena milica
amir emir adnan arben besnik ilir luka stefan petar aleksandar
""".split()

# Site-specific words that must never be passwords (roles, product, prison vocabulary).
SITE = """
wingdesk wing-desk wing desk zatvor zatvora zatvori burg burgu burgje kpz kpd kpu kazneno
kaznenopopravni kazneno-popravni kaznenopopravnizavod popravni popravnidom zavod zavodi
prison prisons jail gaol penitentiary officer officers supervisor admin administrator governor
guard warden cell wing security sigurnost bezbednost bezbjednost siguria oficer oficir
sluzbenik službenik nadzornik upravnik drejtor gardian rojë roje polic policija policia
затвор затвори казнено казненопоправни казнено-поправни поправни завод казнено-поправен
казненопоправен затворски стража чувар управник надзорник службеник безбедност
""".split()

PLACES = """
shqipëri shqipëria shqiperi shqiperia tiranë tirana tirane
bosna bosnaihercegovina bosna-i-hercegovina bih hercegovina sarajevo
kosova kosovo republikaekosoves republikaekosovës prishtinë prishtina prishtine priština pristina
crnagora crna-gora montenegro podgorica
makedonija sjevernamakedonija severnamakedonija maqedonia maqedoniaeveriut shkup skopje
srbija serbia beograd belgrade
босна сарајево црнагора црна-гора подгорица македонија севернамакедонија скопје
србија београд косово приштина
""".split()

SUFFIXES = ["", "1", "12", "123", "1234", "12345", "!", "1!", "123!", "01", "007", "11", "69", "99",
            "00", "2020", "2021", "2022", "2023", "2024", "2025", "2026"]
SITE_SUFFIXES = SUFFIXES + ["2019", "2027", "2028", "2029", "2030", "@123", "#1", "_1", ".1"]
YEARS = range(1950, 2031)


def fold_latin(s: str) -> str:
    """Strip Latin diacritics (č->c, ë->e, đ->dj); Cyrillic is left exactly as written."""
    if any("\u0400" <= c <= "\u04ff" for c in s):
        return s
    s = s.replace("đ", "dj")
    stripped = "".join(c for c in unicodedata.normalize("NFD", s) if unicodedata.category(c) != "Mn")
    return unicodedata.normalize("NFC", stripped)


def variants(word: str) -> set[str]:
    w = word.lower()
    out = {w, w.replace(" ", ""), w.replace("-", ""), fold_latin(w), fold_latin(w).replace(" ", ""),
           fold_latin(w).replace("-", "")}
    return {v for v in out if v}


def leet(word: str) -> set[str]:
    table = str.maketrans({"a": "@", "o": "0", "e": "3", "i": "1", "s": "$"})
    simple = str.maketrans({"o": "0"})
    return {word.translate(table), word.translate(simple), word.replace("a", "@")}


def build() -> set[str]:
    out: set[str] = set()
    for line in COMMON.splitlines():
        for tok in line.split():
            out |= variants(tok)
    # multi-word phrases kept as written (with spaces) and joined
    for phrase in ["correct horse battery staple", "i love you", "volim te", "të dua", "zemra ime",
                   "let me in", "open sesame"]:
        out |= variants(phrase)
    out.update(p.lower() for p in PASSPHRASES)

    # keyboard walks: every prefix of length >= 4 of each row, and row pairs
    for row in KEYBOARD_ROWS:
        for n in range(4, len(row) + 1):
            out.add(row[:n])
    for a, b in [("qwerty", "asdfgh"), ("qwertz", "asdfgh"), ("asdfgh", "zxcvbn"), ("asdfgh", "yxcvbn"),
                 ("qwe", "asd"), ("asd", "zxc"), ("asd", "yxc"), ("1234", "qwer"), ("qwer", "1234")]:
        out.add(a + b)

    # digit runs and repeats
    digits = "01234567890"
    for start in range(10):
        for n in range(4, 11):
            run = "".join(digits[(start + i) % 10] for i in range(n))
            out.add(run)
            out.add(run[::-1])
    for d in "0123456789":
        for n in range(4, 13):
            out.add(d * n)
    for c in "abcdefghijklmnopqrstuvwxyz":
        for n in (4, 6, 8):
            out.add(c * n)
    for a in range(10):
        for b in range(10):
            if a != b:
                out.add(f"{a}{b}" * 3)
                out.add(f"{a}{b}" * 4)

    # years on their own and common words + years / digit suffixes
    for y in YEARS:
        out.add(str(y))
        out.add(f"{y}{y}")
    for w in WORDS:
        for base in variants(w):
            for suf in SUFFIXES:
                out.add(base + suf)
            for y in YEARS:
                out.add(f"{base}{y}")
                out.add(f"{base}{y % 100:02d}")
            for lv in leet(base):
                out.add(lv)
                out.add(lv + "1")
                out.add(lv + "123")
    # capitalised-then-lowercased forms are identical; add a few word+word doubles
    for w in WORDS[:30]:
        out.add(w + w)

    # site-specific words and places, each with common suffixes
    for w in SITE + PLACES:
        for base in variants(w):
            for suf in SITE_SUFFIXES:
                out.add(base + suf)
            for lv in leet(base):
                out.add(lv)
                out.add(lv + "1")
                out.add(lv + "123")

    return {e.strip().lower() for e in out if e.strip()}


def main() -> None:
    entries = sorted(build())
    OUT.write_text("\n".join(entries) + "\n", encoding="utf-8")
    print(f"wrote {len(entries)} entries to {OUT}")


if __name__ == "__main__":
    main()
