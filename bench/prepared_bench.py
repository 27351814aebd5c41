"""In-process timings of the prepared data and the page answers (no browser, no HTTP):
`python -m bench.prepared_bench DATABASE_URL` from the root of a checkout.

Prints, per page: the first answer after start (frames read + `prepare` + view), a fresh
answer with prepared data (median of 5), and, where `dashboard.wiring.render` keeps answers,
a repeated answer. Also `peers.prepare_results` alone (best of 3). Used for the before/after
figures of docs/notes/perf2.md; run the before and after checkouts in the same session.
"""

from __future__ import annotations

import json
import statistics
import sys
import time


def _ms(fn) -> float:
    t0 = time.perf_counter()
    fn()
    return (time.perf_counter() - t0) * 1000


def main(argv: list[str]) -> int:
    import os

    os.environ["DATABASE_URL"] = argv[0]
    from dashboard import cards, data, i18n, peers, views, wiring
    from data_loaders import db  # noqa: F401  (the app's database settings)

    out: dict[str, object] = {}
    index = data.dm().load("index")
    out["prepare_results_ms"] = min(_ms(lambda: peers.prepare_results(index)) for _ in range(3))
    memo = hasattr(wiring, "AnswerMemo")
    pages = {}
    for page, module in views.PAGES.items():
        values = {"lang": "en"}

        def fresh(page=page, values=values):
            with i18n.language("en"):
                return cards.render(views.run(page, values))

        row = {"first_ms": _ms(fresh)}
        row["fresh_ms"] = statistics.median(_ms(fresh) for _ in range(5))
        if memo:
            wiring.render(module, values)
            row["repeat_ms"] = statistics.median(
                _ms(lambda m=module, v=values: wiring.render(m, v)) for _ in range(5)
            )
        pages[page] = row
    out["pages"] = pages
    print(json.dumps(out, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
