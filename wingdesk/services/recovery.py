"""HQ recovery on the wing (issue 22 item 3): an administrator installs HQ's recovery key for this PC.

The data key is then also sealed to that key (the slot file's recovery slot), so that if every administrator is
gone HQ can issue a grant from which `wingdesk recover` creates a new one (storage.recovery). Only an
administrator installs it, and the act is audited.
"""

from __future__ import annotations

from wingdesk.services.gateway import GuardedService, guarded
from wingdesk.services.policy import Action, Resource, Scope


class RecoveryService(GuardedService):
    @guarded(Action.ADMINISTER, Resource.USERS)
    def install_recovery_key(self, data: bytes) -> int:
        """Install HQ's signed recovery-key file for this PC; returns its generation. Refused: nothing changes."""
        if self.gateway.scope(Action.ADMINISTER, Resource.USERS) is not Scope.ALL:  # a supervisor: unlock only
            raise self.gateway.deny(Action.ADMINISTER, Resource.USERS, "recovery_key")
        with self.ctx.repo.transaction():
            device_id, generation = self.ctx.vault.install_recovery_key(data)
            self.audit.append(self.user.id, "recovery_key_installed", f"device:{device_id}", str(generation))
        return generation
