"""The warm grader: one grading process per user that stays up between commands.

A cold ``curriculum grade FILE`` spends most of its time starting: the interpreter, the pipeline's
imports and the zygote that pre-imports the scientific stack. A learner grades the same exercise
again and again, so the first command leaves a grader process running (for a few idle minutes, as
language servers do) and later commands hand it their file over a private Unix socket.

The warm grader grades exactly as the command would (the same ``grade_notebook``, limits and
isolation: each submission in fresh children of its zygote, as in a class batch); it only saves
the start. It serves single files on the fork engine; folders, ``--engine nbclient`` and
``--specs`` are graded by the command itself. ``CURRICULUM_WARM_GRADER=0`` turns it off.
"""

from curriculum.warm.client import grade_warm, warm_grader_enabled

__all__ = ["grade_warm", "warm_grader_enabled"]
