"""The live workshop: ``sleutelcursus live`` serves the built book and a session.

Trainees who join with the session code send their answers (the same payload as the
answer file) as they answer; the trainer's page shows the group picture. Modules:
``codes`` (join codes, tokens), ``storage`` (SQLAlchemy Core), ``limits`` (in-memory
rate limits), ``trainee_api`` (join, answer, leave), ``app`` (the Starlette app:
book, API, security), ``server`` (the command).
"""
