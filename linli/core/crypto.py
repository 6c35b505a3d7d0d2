"""Personal data at rest: SM4-GCM encryption and an HMAC-SM3 blind index (GB/T 39786-2021).

Stored form: ``v1:<key id>:<base64(nonce ‖ ciphertext ‖ tag)>``. Keys come from the environment
(``PII_KEYS="k2:<base64>,k1:<base64>"``, the first one encrypts, all decrypt, so keys rotate by
prepending a new one; ``PII_INDEX_KEY=<base64>`` for the blind index). Development machines get
generated keys in an ignored local file (see linli.envconf.pii_keys). Never in the repository or
the database.
"""

from __future__ import annotations

import base64
import os
from functools import lru_cache

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, hmac
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from django.conf import settings

VERSION = "v1"
NONCE_BYTES = 12
TAG_BYTES = 16


class DecryptionError(Exception):
    pass


@lru_cache(maxsize=1)
def _keys() -> tuple[str, dict[str, bytes], bytes]:
    keys = {kid: base64.b64decode(raw) for kid, raw in settings.PII_KEYS}
    if not keys or any(len(k) != 16 for k in keys.values()):
        raise RuntimeError("PII_KEYS must hold 128-bit SM4 keys")
    return settings.PII_KEYS[0][0], keys, base64.b64decode(settings.PII_INDEX_KEY)


class Encryptor:
    """SM4-GCM encryption and the HMAC-SM3 blind index with the key objects made once, for
    code that writes many values (every write goes through the one made by ``encryptor()``)."""

    def __init__(self) -> None:
        active, keys, index_key = _keys()
        self._algorithm = algorithms.SM4(keys[active])
        self._prefix = f"{VERSION}:{active}:"
        self._mac = hmac.HMAC(index_key, hashes.SM3())

    def encrypt(self, plaintext: str) -> str:
        nonce = os.urandom(NONCE_BYTES)
        encryptor = Cipher(self._algorithm, modes.GCM(nonce)).encryptor()
        body = encryptor.update(plaintext.encode()) + encryptor.finalize()
        return self._prefix + base64.b64encode(nonce + body + encryptor.tag).decode()

    def blind_index(self, value: str) -> str:
        """A keyed HMAC-SM3 of the normalised value, for exact lookup and duplicate checks."""
        mac = self._mac.copy()
        mac.update(value.strip().upper().encode())
        return mac.finalize().hex()


@lru_cache(maxsize=1)
def encryptor() -> Encryptor:
    """The process's encryptor for the configured keys."""
    return Encryptor()


def encrypt(plaintext: str) -> str:
    return encryptor().encrypt(plaintext)


def decrypt(stored: str) -> str:
    try:
        version, kid, payload = stored.split(":", 2)
        raw = base64.b64decode(payload)
        key = _keys()[1][kid]
    except (ValueError, KeyError) as exc:
        raise DecryptionError("unreadable or unknown-key ciphertext") from exc
    if version != VERSION:
        raise DecryptionError(f"unknown format {version}")
    nonce, body, tag = raw[:NONCE_BYTES], raw[NONCE_BYTES:-TAG_BYTES], raw[-TAG_BYTES:]
    try:
        decryptor = Cipher(algorithms.SM4(key), modes.GCM(nonce, tag)).decryptor()
        return (decryptor.update(body) + decryptor.finalize()).decode()
    except InvalidTag as exc:
        raise DecryptionError("ciphertext was altered or the key is wrong") from exc


def blind_index(value: str) -> str:
    """A keyed HMAC-SM3 of the normalised value, for exact lookup and duplicate checks."""
    return encryptor().blind_index(value)


def mask_id_number(value: str) -> str:
    """3101**********1234"""
    return value[:4] + "*" * (len(value) - 8) + value[-4:] if len(value) > 8 else "*" * len(value)


def mask_phone(value: str) -> str:
    """138****5678"""
    return value[:3] + "****" + value[-4:] if len(value) >= 11 else "*" * len(value)


def mask_name(value: str) -> str:
    """张*, 欧*** (first character kept)."""
    return value[:1] + "*" * (len(value) - 1) if value else value
