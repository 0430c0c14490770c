"""Reading files safely: what a file is, how far it reaches, and reading it without crashing.

- `sniff`: the file's real kind, from its bytes.
- `ooxml`, `ods`, `xls` (with `cfb`): streaming passes that learn a
  workbook's extent before calamine reads it, within `limits`.
- `calamine`: the reading edge, where nothing but an `InputError` escapes.
- `text`, `html`: CSV (encoding, delimiter, unclosed quotes) and HTML tables.
- `model`: `RawWorkbook` and `RawSheet`, what the reader returns.
"""
