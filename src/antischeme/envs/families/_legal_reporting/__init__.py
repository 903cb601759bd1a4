"""Code shared by Legal Reporting (CN) and Legal Reporting (US): the case model, the mail tools, the rule grader
and the environment builder. Each family supplies its own cases (scenario texts) in its own folder."""
