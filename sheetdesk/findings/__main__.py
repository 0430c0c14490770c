"""`python -m sheetdesk.findings > docs/findings.md`: the docs' table of every finding code."""

from sheetdesk.findings import docs_page

print(docs_page(), end="")
