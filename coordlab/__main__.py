"""``python -m coordlab doctor``: check that this environment can run the course."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args[:1] == ["doctor"] and len(args) == 1:
        from coordlab.doctor import main as doctor_main

        return doctor_main()
    print("usage: python -m coordlab doctor", file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(main())
