"""The codes of a pre-release handover (issue 19 item 2), apart from the record kinds so that the command line can
offer them without loading every kind before the sign-in window (tests/gui/test_startup_imports.py)."""

# the legal basis of a handover: the prisoner's consent, or a basis in law (domain.md, rule-of-law table)
LEGAL_BASES = ("CONSENT", "LEGAL_OBLIGATION", "COURT_ORDER", "PUBLIC_TASK", "VITAL_INTERESTS")

# what probation reports after release, coded for research (no free text)
OUTCOMES = ("COMPLETED_SUPERVISION", "ENGAGED_WITH_SUPERVISION", "IN_WORK_OR_TRAINING", "STABLE_HOUSING",
            "BREACH_OF_CONDITIONS", "RECALLED", "NEW_CONVICTION", "LOST_CONTACT")
