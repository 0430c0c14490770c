"""Every finding code of the policy and rule layers is explained in docs/rules.md."""

from pathlib import Path

from sheetdesk.findings import FINDINGS

ROOT = Path(__file__).resolve().parents[2]


def test_every_code_is_documented() -> None:
    docs = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    codes = {c for c in FINDINGS if c.split(".")[0] in ("policy", "repair", "calendar")}
    assert len(codes) > 15
    missing = sorted(c for c in codes if f"`{c}`" not in docs)
    assert missing == []
