"""Write `check`'s annotated workbook: computed columns plus the Summary."""

from __future__ import annotations

from pathlib import Path

from sheetdesk.checking.columns import computed_columns
from sheetdesk.checking.run import CheckResult
from sheetdesk.checking.summary import SummarySheet
from sheetdesk.i18n import output_lang
from sheetdesk.io.annotate import majority_lang, write_annotated
from sheetdesk.progress import SILENT, Progress


def write_checked(
    result: CheckResult, out: str | Path, progress: Progress = SILENT, *, lang: str | None = None
) -> Path:
    """The annotated workbook of SPEC §5 for a check result (atomic write), in `lang`
    (default: the language most of the workbook's headers are in)."""
    ev = result.evaluation
    lang = output_lang(lang, majority_lang(result.dataset))
    computed = computed_columns(result.dataset, ev) if ev is not None else {}
    summary = SummarySheet(ev.kpis, result.as_of, lang) if ev is not None else None
    return write_annotated(
        out, result.dataset, result.report, computed=computed, summary=summary, lang=lang, progress=progress
    )
