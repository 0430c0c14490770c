"""Every finding code the rule layer can emit is explained in docs/rules.md."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_every_code_is_documented() -> None:
    docs = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    source = "".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "sheetdesk" / "rules").glob("*.py")))
    codes = set(re.findall(r'"((?:policy|repair|calendar)\.[a-z_]+)"', source))
    assert len(codes) > 15
    missing = sorted(c for c in codes if f"`{c}`" not in docs)
    assert missing == []
