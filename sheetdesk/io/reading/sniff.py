"""What a file really is, from its bytes: the name only breaks ties.

Web systems export an HTML table, or tab-separated text, as ".xls"; people
rename an .xlsx to .xls. Those are read as what they are. A file that is
no table at all (a PDF, a picture, a Word document, a zip of something
else) gets one line that says what it is.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from sheetdesk.errors import InputError
from sheetdesk.i18n import Msg
from sheetdesk.io.reading import limits
from sheetdesk.io.reading.cfb import OLE_MAGIC, Cfb, CfbError

ZIP_MAGIC = b"PK"
WORKBOOK_SUFFIXES = {".xlsx", ".xlsm", ".xlsb", ".xls", ".ods", ".xltx", ".xltm"}
TEXT_SUFFIXES = {".csv", ".txt", ".tsv"}
# The suffixes each content may carry without a remark.
USUAL_SUFFIXES = {
    "xlsx": {".xlsx", ".xlsm", ".xltx", ".xltm"},
    "xlsm": {".xlsx", ".xlsm", ".xltx", ".xltm"},
    "xlsb": {".xlsb"},
    "ods": {".ods"},
    "xls": {".xls"},
    "csv": TEXT_SUFFIXES,
    "html": {".html", ".htm"},
}
KIND_NAMES = {
    "xlsx": Msg("an Excel workbook (.xlsx)", "Excel 工作簿（.xlsx）"),
    "xlsm": Msg("an Excel workbook with macros (.xlsm)", "含宏的 Excel 工作簿（.xlsm）"),
    "xlsb": Msg("an Excel binary workbook (.xlsb)", "Excel 二进制工作簿（.xlsb）"),
    "ods": Msg("an OpenDocument spreadsheet (.ods)", "OpenDocument 电子表格（.ods）"),
    "xls": Msg("an Excel 97-2003 workbook (.xls)", "Excel 97-2003 工作簿（.xls）"),
    "csv": Msg("delimited text (CSV)", "分隔符文本（CSV）"),
    "html": Msg("a web page holding a table (HTML)", "含表格的网页（HTML）"),
}

NOT_FOUND = Msg("file not found", "文件不存在")
IS_FOLDER = Msg("is a folder, not a file", "是文件夹，不是文件")
CANNOT_OPEN = Msg("cannot be opened ({reason})", "无法打开（{reason}）")
EMPTY = Msg("is empty (0 bytes)", "是空文件（0 字节）")
ENCRYPTED = Msg(
    "is password-protected (encrypted); remove the password in Excel and try again",
    "已加密（设置了密码）；请在 Excel 中取消密码后重试",
)
TRUNCATED = Msg(
    "is truncated or corrupt (not a complete zip/xlsx file)", "文件被截断或已损坏（不是完整的 zip/xlsx 文件）"
)
ZIP_BOMB = Msg(
    "unpacks to {unpacked:,.0f} MiB from {packed:,.1f} MiB; refused as a possible zip bomb",
    "解压后为 {unpacked:,.0f} MiB（压缩 {packed:,.1f} MiB），疑似压缩炸弹，拒绝读取",
)
ZIP_NOT_WORKBOOK = Msg(
    "is a zip file but not a workbook (no xl/workbook.xml or content.xml)",
    "是 zip 文件，但不是工作簿（没有 xl/workbook.xml 或 content.xml）",
)
IS_OTHER = Msg(
    "is {what}, not a workbook; save the table from its program as .xlsx or .csv",
    "是{what}，不是工作簿；请在原程序中把表格另存为 .xlsx 或 .csv",
)
NOT_WORKBOOK_NAMED = Msg(
    "is not a workbook: the file is not an Excel/ODS file despite its {suffix} name",
    "不是工作簿：尽管文件名后缀为 {suffix}，内容并非 Excel/ODS 文件",
)
NOT_WORKBOOK = Msg(
    "is not a workbook or CSV file (expected .xlsx, .xlsm, .xls, .ods or .csv)",
    "不是工作簿或 CSV 文件（应为 .xlsx、.xlsm、.xls、.ods 或 .csv）",
)
XML_2003 = Msg(
    "is an Excel 2003 XML spreadsheet, which sheetdesk does not read; open it in Excel and save it as .xlsx",
    "是 Excel 2003 XML 电子表格，sheetdesk 不能读取；请在 Excel 中打开并另存为 .xlsx",
)

OTHER_KINDS = {
    "pdf": Msg("a PDF document", "PDF 文档"),
    "image": Msg("a picture", "图片"),
    "rtf": Msg("an RTF document", "RTF 文档"),
    "word": Msg("a Word document", "Word 文档"),
    "powerpoint": Msg("a PowerPoint presentation", "PowerPoint 演示文稿"),
    "odt": Msg("an OpenDocument text or presentation", "OpenDocument 文本或演示文稿"),
    "zip": Msg("a zip archive of other files", "装有其他文件的 zip 压缩包"),
    "ole": Msg("an Office file of another kind (OLE compound file)", "其他类型的 Office 文件（OLE 复合文档）"),
    "xml": Msg("an XML file", "XML 文件"),
}
_MAGIC = (
    (b"%PDF", "pdf"),
    (b"\x89PNG", "image"),
    (b"\xff\xd8\xff", "image"),
    (b"GIF8", "image"),
    (b"BM", None),  # too short to trust
    (b"{\\rtf", "rtf"),
)


def sniff_format(path: Path) -> str:
    """xlsx, xlsm, xlsb, ods, xls, csv or html; InputError (saying what the file is) otherwise."""
    if not path.exists():
        raise InputError(path, NOT_FOUND)
    if path.is_dir():
        raise InputError(path, IS_FOLDER)
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(64 * 1024)
    except OSError as exc:
        raise InputError(path, CANNOT_OPEN, reason=exc.strerror or str(exc)) from exc
    if size == 0:
        raise InputError(path, EMPTY)
    suffix = path.suffix.lower()
    if head.startswith(ZIP_MAGIC):
        return _sniff_zip(path, suffix)
    if head.startswith(OLE_MAGIC):
        return _sniff_ole(path, size)
    for magic, kind in _MAGIC:
        if kind is not None and head.startswith(magic):
            raise InputError(path, IS_OTHER, what=OTHER_KINDS[kind])
    if is_text(head):
        markup = _markup(head)
        if markup == "html":
            return "html"
        if markup == "xml2003":
            raise InputError(path, XML_2003)
        if markup == "xml":
            raise InputError(path, IS_OTHER, what=OTHER_KINDS["xml"])
        return "csv"
    if suffix in WORKBOOK_SUFFIXES:
        raise InputError(path, NOT_WORKBOOK_NAMED, suffix=suffix)
    raise InputError(path, NOT_WORKBOOK)


def is_text(head: bytes) -> bool:
    """Text, not binary: a BOM, or almost no control characters (random bytes have ~12%)."""
    if head.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return True
    if b"\x00" in head:
        return False
    sample = head[:4096]
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 13, 12)) + sample.count(b"\x7f")
    return controls <= len(sample) // 100


def _markup(head: bytes) -> str | None:
    text = head.lstrip(b"\xef\xbb\xbf\xff\xfe \t\r\n").replace(b"\x00", b"")[: 64 * 1024].lower()
    if not text.startswith(b"<"):
        return None
    if b"urn:schemas-microsoft-com:office:spreadsheet" in text and b"<html" not in text:
        return "xml2003"
    if b"<table" in text or b"<html" in text or b"<!doctype html" in text:
        return "html"
    if text.startswith(b"<?xml"):
        return "xml"
    return None


def _sniff_zip(path: Path, suffix: str) -> str:
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            names = {i.filename for i in infos}
            unpacked = sum(i.file_size for i in infos)
            packed = sum(i.compress_size for i in infos) or 1
    except (zipfile.BadZipFile, ValueError, EOFError) as exc:
        raise InputError(path, TRUNCATED) from exc
    except OSError as exc:
        raise InputError(path, CANNOT_OPEN, reason=exc.strerror or str(exc)) from exc
    if unpacked > limits.MAX_UNPACKED_BYTES or (
        unpacked > limits.RATIO_CHECKED_ABOVE and unpacked / packed > limits.MAX_COMPRESSION_RATIO
    ):
        raise InputError(path, ZIP_BOMB, unpacked=unpacked / 1024**2, packed=packed / 1024**2)
    lower = {n.lower() for n in names}
    if "mimetype" in names and "content.xml" in names:
        mimetype = _member_head(path, "mimetype")
        if b"spreadsheet" in mimetype or not mimetype:
            return "ods"
        raise InputError(path, IS_OTHER, what=OTHER_KINDS["odt"])
    if "xl/workbook.bin" in lower:
        return "xlsb"
    if "xl/workbook.xml" in lower:
        return "xlsm" if suffix == ".xlsm" or "xl/vbaproject.bin" in lower else "xlsx"
    if "word/document.xml" in lower:
        raise InputError(path, IS_OTHER, what=OTHER_KINDS["word"])
    if "ppt/presentation.xml" in lower:
        raise InputError(path, IS_OTHER, what=OTHER_KINDS["powerpoint"])
    raise InputError(path, ZIP_NOT_WORKBOOK)


def _member_head(path: Path, name: str) -> bytes:
    try:
        with zipfile.ZipFile(path) as zf, zf.open(name) as fh:
            return fh.read(200)
    except (zipfile.BadZipFile, KeyError, OSError, RuntimeError, ValueError, EOFError):
        return b""


def _sniff_ole(path: Path, size: int) -> str:
    if size > limits.MAX_XLS_BYTES:
        return "xls"  # the .xls scan refuses it with its size
    data = path.read_bytes()
    try:
        names = set(Cfb(data).names())
    except CfbError:
        if "EncryptedPackage".encode("utf-16-le") in data[: 256 * 1024]:
            raise InputError(path, ENCRYPTED) from None
        return "xls"  # the .xls scan says how it is damaged
    if "EncryptedPackage" in names:
        raise InputError(path, ENCRYPTED)
    if names & {"Workbook", "Book"}:
        return "xls"
    if "WordDocument" in names:
        raise InputError(path, IS_OTHER, what=OTHER_KINDS["word"])
    if "PowerPoint Document" in names:
        raise InputError(path, IS_OTHER, what=OTHER_KINDS["powerpoint"])
    raise InputError(path, IS_OTHER, what=OTHER_KINDS["ole"])
