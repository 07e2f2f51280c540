"""No path takes a weak password (issue 13: "12345678" and the login itself were accepted).

The password policy is :mod:`sorgende_web.passwords`; the account store asks it for every
password it stores, so every way to an account (``create_account``, a new account of the
store, a new password) refuses what it refuses, whichever page or script calls.
"""

from __future__ import annotations

import pytest
from sorgende_web.accounts import accounts_for, create_account
from sorgende_web.errors import InvalidAccount
from sorgende_web.testing import PASSWORD, World

from sorgende.domain.actors import ActorKind

WEAK = ["12345678", "passwort", "password1", "olga2026", "aaaaaaaa"]


@pytest.mark.parametrize("password", WEAK)
def test_create_account_refuses_a_weak_password(world: World, password: str) -> None:
    olga = world.community.register_actor(ActorKind.PERSON, "Olga Ohm")
    with pytest.raises(InvalidAccount):
        create_account(
            world.platform,
            community_id=world.community.community_id,
            actor_id=olga.id,
            login="olga",
            password=password,
        )
    assert accounts_for(world.platform).by_login("olga") is None


@pytest.mark.parametrize("password", ["12345678", "anna2026", "Anna!!!!"])
def test_a_new_password_is_checked_too(world: World, password: str) -> None:
    store = accounts_for(world.platform)
    anna = store.by_login("anna")
    assert anna is not None
    with pytest.raises(InvalidAccount):
        store.set_password(anna.id, password)
    # the old password still signs in
    assert store.authenticate("anna", PASSWORD, "198.51.100.7").id == anna.id
