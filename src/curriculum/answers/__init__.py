"""How answers travel from the learner's code to the checks.

``wire`` is the data codec (no pickle), ``learner_side`` runs learner calls under limits where
the learner's code lives, and ``standins`` are what the checks hold instead of learner code.
"""
