"""Planning: turning a question into tool calls (RulePlanner offline, LLMPlanner with a model)."""
