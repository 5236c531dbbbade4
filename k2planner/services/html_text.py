"""User text in printed HTML: always escaped, so it prints as text and is never markup."""

from __future__ import annotations

import html


def esc(text: str) -> str:
    """Escape user text for HTML (quotes too)."""
    return html.escape(text, quote=True)
