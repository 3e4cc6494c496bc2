"""Words for the codes of HQ's prison/wing hierarchy (domain.hierarchy.model), shared by the HQ console and the
wing's screens: wrapped for gettext here, translated where shown."""

from __future__ import annotations

from wingdesk.i18n import N_

PRISON_KIND_NAMES = {"closed": N_("Closed prison"), "semi_open": N_("Semi-open prison"), "open": N_("Open prison"),
                     "juvenile": N_("Juvenile institution"), "women": N_("Women's prison"),
                     "remand": N_("Remand prison")}
UNIT_NAMES = {"young": N_("Young prisoners"), "female": N_("Women"), "first_time": N_("First-time prisoners"),
              "high_security": N_("High security")}
