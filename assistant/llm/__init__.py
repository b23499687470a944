"""The LLM path: a ChatModel over the openai SDK, the LLMPlanner and LLMComposer, and their wiring.

Nothing here is imported unless a model is configured or asked for (`make_engine(mode="llm")`).
"""
