"""The zygote's first import: Ctrl-C is for the grader, not for the zygote or its children.

The zygote shares the terminal's process group, so a Ctrl-C reaches it too; until
multiprocessing's forkserver ignores SIGINT (after its preload imports, seconds later) it would
die printing a traceback. Imported first, before anything heavy, this ignores SIGINT from the
start; the children inherit that, which is what we want: the grader, which does see Ctrl-C, stops
them, and their own limits use SIGALRM and SIGUSR1.
"""

import signal

signal.signal(signal.SIGINT, signal.SIG_IGN)
