"""Reading files safely: what a file is, how far it reaches, and reading it without crashing.

- `sniff`: the file's real kind, from its bytes.
- `ooxml`, `ods`, `xls` (with `cfb`): streaming passes that learn a
  workbook's extent before calamine reads it, within `limits`; for .xlsx,
  `ooxml_package` (which part is which sheet, which styles show dates) and
  `ooxml_patch` (the copy with misread cells rewritten).
- `overlap`: calamine reading an .xlsx's first sheets while the scan looks
  at the later ones.
- `calamine`: the reading edge, where nothing but an `InputError` escapes.
- `text`, `html`: CSV (encoding, delimiter, unclosed quotes) and HTML tables.
- `model`: `RawWorkbook` and `RawSheet`, what the reader returns.
"""
