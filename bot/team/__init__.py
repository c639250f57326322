"""The team's own messages: handoff posts and return summaries (composition and posting)."""
