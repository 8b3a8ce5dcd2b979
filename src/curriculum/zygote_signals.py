"""The zygote's first import: Ctrl-C is for the grader, not for the zygote or its children.

The zygote shares the terminal's process group, so a Ctrl-C reaches it too; until
multiprocessing's forkserver ignores SIGINT (after its preload imports, seconds later) it would
die printing a traceback. Imported first, before anything heavy, this ignores SIGINT from the
start; the children inherit that, which is what we want: the grader, which does see Ctrl-C, stops
them, and their own limits use SIGALRM and SIGUSR1.

It also skips the optional imports nothing in the zygote uses (see
:mod:`curriculum.lean_imports`) before the preload reaches them.
"""

import signal

signal.signal(signal.SIGINT, signal.SIG_IGN)

from curriculum.lean_imports import skip_unused_optional_imports  # noqa: E402

skip_unused_optional_imports()
