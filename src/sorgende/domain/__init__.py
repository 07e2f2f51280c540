"""The pure domain model of a caring community: no storage, no plugins, no I/O."""
