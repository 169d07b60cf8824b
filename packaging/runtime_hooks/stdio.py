"""PyInstaller runtime hook: give the windowed Windows program (TrainerDesktop.exe, no console)
somewhere to write.

Without a console, ``sys.stdout`` and ``sys.stderr`` are None there and the first ``print`` or
``sys.stderr.write`` (argparse's messages, the GUI's error hook) raises. Bugs are still shown in
the GUI's error box; what would have gone to the console is dropped.
"""

import os
import sys

if sys.stdout is None:
    sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 (lives as long as the program)
if sys.stderr is None:
    sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
