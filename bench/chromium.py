"""Headless Chromium as this project drives it (benchmarks and browser tests share these)."""

from __future__ import annotations

# No sandbox (root in CI), no GPU, and no background traffic: the machine has no network.
CHROME_FLAGS: tuple[str, ...] = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--window-size=1400,1000",
)
