"""The master's key: the secret that signs split records, kept beside the master.

`split` must not change the master (inputs never change), so the master's
secret cannot live inside it. It lives in a small key file beside it,
`master.sheetdesk-key` for `master.xlsx`, which head office keeps with the
master and never sends: split creates it the first time a master is split
(readable by its owner only) and reuses it afterwards; collect reads it to
verify every returned file's split record, and writes a copy beside the
merged workbook, which is the next master. A master saved under another
name (`master_v2.xlsx`) is given its key with `--key`.

The key file holds the master's identity (`master_id`, a random id that
every split record of this master carries) and a 256-bit secret. Records are
signed with HMAC-SHA256 under the secret; a branch, which never has the key,
cannot make a record that verifies. See docs/branches.md for the threat model.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import hmac
import json
import os
import re
import secrets
import tempfile
from dataclasses import dataclass
from pathlib import Path

from sheetdesk.errors import InputError, OutputError
from sheetdesk.i18n import Msg

KEY_SUFFIX = ".sheetdesk-key"
KEY_FORMAT = "sheetdesk master key"
KEY_VERSION = 1
MAX_KEY_BYTES = 64 * 1024
_HEX = re.compile(r"[0-9a-f]+")

NOT_A_KEY = Msg("is not a sheetdesk key file ({problem})", "不是 sheetdesk 密钥文件（{problem}）")
KEY_IN_OUT_DIR = Msg(
    "{path}: the master's key would be in the folder sent to the branches ({out_dir}); "
    "give --key with a path outside it",
    "{path}：总表密钥会落在发往网点的文件夹（{out_dir}）中；请用 --key 指定该文件夹以外的路径",
)
KEY_NOT_WRITTEN = Msg("{path}: the master's key cannot be written ({reason})", "{path}：无法写入总表密钥（{reason}）")
KEY_OF_ANOTHER_MASTER = Msg(
    "{path}: already exists and holds another master's key; use --force to replace it",
    "{path}：已存在，且是另一份总表的密钥；如要替换请加 --force",
)
_NOTE = (
    "The key of a sheetdesk master workbook. Keep it with the master at head office and never send it to a "
    "branch: anyone who has it can make split records that `sheetdesk collect` accepts."
)


@dataclass(frozen=True)
class MasterKey:
    """A master's identity and the secret that signs its split records."""

    master_id: str
    secret: bytes
    path: Path

    def sign(self, data: bytes) -> str:
        return hmac.new(self.secret, data, hashlib.sha256).hexdigest()

    def verifies(self, data: bytes, signature: str) -> bool:
        return hmac.compare_digest(self.sign(data), signature)

    def same_as(self, other: MasterKey) -> bool:
        return self.master_id == other.master_id and hmac.compare_digest(self.secret, other.secret)


def key_path(master: Path) -> Path:
    """Where a master's key lives: `master.sheetdesk-key` beside `master.xlsx`."""
    return master.with_name(master.stem + KEY_SUFFIX)


def read_key(path: Path) -> MasterKey:
    """A key file, or `InputError` naming what is wrong with it."""
    try:
        with path.open("rb") as fh:
            data = fh.read(MAX_KEY_BYTES + 1)
    except FileNotFoundError as exc:
        raise InputError(path, Msg("file not found", "找不到文件")) from exc
    except OSError as exc:
        raise InputError(path, NOT_A_KEY, problem=exc.strerror or type(exc).__name__) from exc
    try:
        doc = json.loads(data.decode("utf-8")) if len(data) <= MAX_KEY_BYTES else None
    except (UnicodeDecodeError, ValueError):
        doc = None
    if not isinstance(doc, dict) or doc.get("format") != KEY_FORMAT:
        raise InputError(path, NOT_A_KEY, problem=Msg("not a key written by sheetdesk split", "不是 split 写出的密钥"))
    master_id, secret = doc.get("master_id"), doc.get("secret")
    if not (_is_hex(master_id, 32) and _is_hex(secret, 64)):
        raise InputError(path, NOT_A_KEY, problem=Msg("its id or secret is damaged", "其标识或密钥已损坏"))
    assert isinstance(master_id, str) and isinstance(secret, str)
    return MasterKey(master_id, bytes.fromhex(secret), path)


def check_key_location(path: Path, out_dir: Path) -> None:
    """A key inside the folder sent to the branches would travel with their files."""
    if _inside(path, out_dir):
        raise OutputError(KEY_IN_OUT_DIR, path=path, out_dir=out_dir)


def key_for_split(master: Path, path: Path) -> tuple[MasterKey, bool]:
    """The master's key at `path`, created the first time; True when it was created now."""
    if path.exists():
        return read_key(path), False
    key = MasterKey(secrets.token_hex(16), secrets.token_bytes(32), path)
    if not _write(key, path, master_name=master.name, replace=False):
        return read_key(path), False  # another run created it a moment ago: use that one
    return key, True


def key_for_collect(master: Path, given: Path | None) -> MasterKey | None:
    """The key given, else the one beside the master; None when there is none."""
    if given is not None:
        return read_key(given)
    path = key_path(master)
    return read_key(path) if path.exists() else None


def check_key_copy(key: MasterKey, target: Path, *, force: bool) -> bool:
    """May the key be written to `target`? False when the same key is already there."""
    if not target.exists():
        return True
    try:
        existing = read_key(target)
    except InputError:
        existing = None
    if existing is not None and existing.same_as(key):
        return False
    if not force:
        raise OutputError(KEY_OF_ANOTHER_MASTER, path=target)
    return True


def write_key_copy(key: MasterKey, target: Path, master_name: str) -> None:
    _write(key, target, master_name=master_name, replace=True)


def _write(key: MasterKey, path: Path, *, master_name: str, replace: bool) -> bool:
    """Write the key file (owner-only) beside `path`, then move it in place.

    Without `replace` the file is created only if absent (False if it appeared meanwhile).
    """
    doc = {
        "format": KEY_FORMAT,
        "version": KEY_VERSION,
        "master_id": key.master_id,
        "secret": key.secret.hex(),
        "master": master_name,
        "created": dt.datetime.now().replace(microsecond=0).isoformat(),
        "note": _NOTE,
    }
    tmp: str | None = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)  # mode 0600
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(doc, fh, indent=2, ensure_ascii=False)
            fh.write("\n")
        if replace:
            os.replace(tmp, path)
            return True
        try:
            os.link(tmp, path)  # atomic create-if-absent
        except FileExistsError:
            return False
        except OSError:  # a file system without hard links
            if path.exists():
                return False
            os.replace(tmp, path)
        return True
    except OSError as exc:
        raise OutputError(KEY_NOT_WRITTEN, path=path, reason=exc.strerror or type(exc).__name__) from exc
    finally:
        if tmp is not None:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)


def _is_hex(value: object, length: int) -> bool:
    return isinstance(value, str) and len(value) >= length and _HEX.fullmatch(value) is not None


def _inside(path: Path, folder: Path) -> bool:
    try:
        return path.resolve().is_relative_to(folder.resolve())
    except OSError:
        return False
