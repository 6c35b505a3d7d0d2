from __future__ import annotations

import pytest
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from linli.core import crypto


def test_sm4_known_answer_gb_t_32907() -> None:
    key = bytes.fromhex("0123456789abcdeffedcba9876543210")
    encryptor = Cipher(algorithms.SM4(key), modes.ECB()).encryptor()  # noqa: S305 (test vector)
    assert (encryptor.update(key) + encryptor.finalize()).hex() == (
        "681edf34d206965e86b3e94f536e4246"
    )


def test_round_trip_and_fresh_nonce_each_time() -> None:
    a, b = crypto.encrypt("310104199001011234"), crypto.encrypt("310104199001011234")
    assert a != b and "310104" not in a
    assert crypto.decrypt(a) == crypto.decrypt(b) == "310104199001011234"


def test_tampering_is_detected() -> None:
    stored = crypto.encrypt("13812345678")
    version, kid, payload = stored.split(":", 2)
    flipped = payload[:-6] + ("A" if payload[-6] != "A" else "B") + payload[-5:]
    with pytest.raises(crypto.DecryptionError):
        crypto.decrypt(f"{version}:{kid}:{flipped}")


def test_blind_index_is_stable_and_case_insensitive() -> None:
    assert crypto.blind_index("31010419900101123x") == crypto.blind_index("31010419900101123X")
    assert crypto.blind_index("a") != crypto.blind_index("b")
    assert len(crypto.blind_index("a")) == 64


def test_masks() -> None:
    assert crypto.mask_id_number("310104199001011234") == "3101**********1234"
    assert crypto.mask_phone("13812345678") == "138****5678"
    assert crypto.mask_name("张三") == "张*" and crypto.mask_name("欧阳娜娜") == "欧***"
