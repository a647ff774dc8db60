"""Start a participant's kernel under a memory ceiling (the kernel spec the workshop writes runs
``python -m safekit.server.kernel --memory-mib N -f CONNECTION_FILE``).

The ceiling is the kernel process's address space (``RLIMIT_AS``): a kernel that a hostile page
fills with widgets gets a ``MemoryError`` and stops, instead of the laptop running out of memory
for the whole room. Where the operating system has no such limit, the kernel starts without it.
"""

from __future__ import annotations

import runpy
import sys

DEFAULT_MEMORY_MIB = 512


def limit_memory(mib: int) -> bool:
    """Limit this process's address space to ``mib`` MiB; False where that is not possible."""
    try:
        import resource
    except ImportError:  # Windows
        return False
    limit = mib * 1024 * 1024
    try:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ValueError, OSError):
        return False
    return True


def main(argv: list[str]) -> None:
    args = list(argv)
    mib = DEFAULT_MEMORY_MIB
    if "--memory-mib" in args:
        at = args.index("--memory-mib")
        mib = int(args[at + 1])
        del args[at : at + 2]
    if mib > 0:
        limit_memory(mib)
    sys.argv = ["ipykernel_launcher", *args]
    runpy.run_module("ipykernel_launcher", run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    main(sys.argv[1:])
