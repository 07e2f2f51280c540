"""The built-in scenarios, each a plugin module of its own (``sorgende_sim_scenarios``)."""
