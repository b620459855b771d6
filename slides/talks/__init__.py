"""The three talks, each a deck: their argument in this project's words.

A talk module holds prose only; every number in it is a placeholder
(slides/placeholders.py) that the run folder fills.
"""

from talks import orchestrator, scaling, serverless

TALKS = (orchestrator.TALK, scaling.TALK, serverless.TALK)
