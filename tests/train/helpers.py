"""Constants shared by the training tests."""

ENV_IDS = ["lazy_checklist/release-none-deploy", "lazy_checklist/clinical-strong-eval"]
