"""The use cases of one community, gathered in one object."""

from __future__ import annotations

from sorgende.services.actors import ActorUseCases
from sorgende.services.audit import AuditUseCases
from sorgende.services.commitments import CommitmentUseCases
from sorgende.services.conversations import ConversationUseCases
from sorgende.services.coordination import CoordinationUseCases
from sorgende.services.exchanges import ExchangeUseCases
from sorgende.services.help import HelpUseCases
from sorgende.services.inbox import InboxUseCases
from sorgende.services.ledger import LedgerUseCases
from sorgende.services.matching import MatchingUseCases
from sorgende.services.notifications import NotificationUseCases
from sorgende.services.occurrences import OccurrenceUseCases
from sorgende.services.personal_data import PersonalDataUseCases
from sorgende.services.roles import RoleUseCases


class CommunityService(
    ActorUseCases,
    HelpUseCases,
    OccurrenceUseCases,
    ExchangeUseCases,
    CommitmentUseCases,
    LedgerUseCases,
    MatchingUseCases,
    PersonalDataUseCases,
    NotificationUseCases,
    RoleUseCases,
    AuditUseCases,
    ConversationUseCases,
    InboxUseCases,
    CoordinationUseCases,
):
    """Every use case of one community. Get it from :meth:`Platform.community`.

    Each method that changes something is one unit of work: it commits entirely or
    not at all, and its domain events go to plugins after the commit.
    """
