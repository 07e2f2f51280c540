"""The use cases: what people do, each in one unit of work (see :class:`CommunityService`)."""
