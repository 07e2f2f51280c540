"""The plugin's facade: every use case and query of one community, in one object.

``Participation(platform, community_id)`` is what the web pages, the REST endpoints and
scripts call; each method is one unit of work and asks :mod:`sorgende_participation.rules`.
"""

from __future__ import annotations

from sorgende_participation.forums import ForumCases
from sorgende_participation.ideas import IdeaCases
from sorgende_participation.surveys import SurveyCases


class Participation(IdeaCases, SurveyCases, ForumCases):
    """Ideas, surveys, forums and workshops of one community."""
