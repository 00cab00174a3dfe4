"""Exit 0 if the database at the URL given answers, 1 if not (used by `make test`)."""

import sys

import psycopg


def main() -> int:
    url = sys.argv[1]
    try:
        psycopg.connect(url.replace("postgres://", "postgresql://", 1), connect_timeout=3).close()
    except psycopg.Error as error:
        print(f"cannot reach {url}: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
