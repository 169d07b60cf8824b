"""Hostile and damaged files: each refused with a clear message, and nothing changed."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import time
import tracemalloc
import uuid
import zipfile
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from trainer_desktop.bundles import keys
from trainer_desktop.bundles.exchange import export_bundle, import_bundles, inspect_bundle
from trainer_desktop.core.errors import UserError
from trainer_desktop.core.export_json import dumps, export_records

D = dt.date(2022, 11, 8)


def state(workspace):
    """Everything a refused import must leave as it was: records, import log, known devices."""
    with workspace.db.engine.connect() as conn:
        local = [conn.exec_driver_sql(f"SELECT * FROM {t} ORDER BY 1").fetchall()
                 for t in ("local_bundle_import", "local_known_device", "local_merge_event")]  # fmt: skip
    return dumps(export_records(workspace.db)), local


@pytest.fixture
def sender(make_workspace):
    awa = make_workspace("awa")
    session = awa.sessions.create(title="Atelier OPJ", start_date=D, end_date=D)
    awa.programme.add(session.id, day=D, start_time=dt.time(9), end_time=dt.time(10), title="Ouverture")
    return awa


@pytest.fixture
def coordinator(make_workspace):
    moussa = make_workspace("moussa")
    moussa.sessions.create(title="Déjà là", start_date=D, end_date=D)
    return moussa


def refused(coordinator, path, match, **kwargs):
    before = state(coordinator)
    [result] = import_bundles(coordinator, [path], **kwargs)
    assert result.status == "refused", result
    assert match in result.message, result.message
    assert state(coordinator) == before
    return result


def read_members(path):
    with zipfile.ZipFile(path) as zf:
        return {i.filename: zf.read(i) for i in zf.infolist()}


def craft(path, members, key, manifest_changes=None, extra=(), declare=None):
    """A bundle with the given record members, signed by ``key``; ``extra`` members are added
    to the zip without being in the manifest; ``declare`` overrides the manifest's member list."""
    manifest = json.loads(members["manifest.json"])
    records = {n: d for n, d in members.items() if n.startswith("records/")}
    manifest["members"] = declare if declare is not None else {
        n: {"size": len(d), "sha256": hashlib.sha256(d).hexdigest()} for n, d in records.items()}  # fmt: skip
    manifest["source"]["public_key"] = keys.public_bytes(key).hex()
    manifest.update(manifest_changes or {})
    raw = json.dumps(manifest).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in [*records.items(), *extra]:
            zf.writestr(name, data)
        zf.writestr("manifest.json", raw)
        zf.writestr("manifest.sig", key.sign(raw))
    return path


@pytest.fixture
def bundle(sender, tmp_path):
    return export_bundle(sender, tmp_path / "awa").path


@pytest.fixture
def sender_key(sender):
    return keys.signing_key(sender.db)


def test_the_intact_bundle_imports(coordinator, bundle):
    [result] = import_bundles(coordinator, [bundle])
    assert result.status == "imported" and result.counts.added == 2


def test_every_single_flipped_byte_is_refused_or_changes_nothing(make_workspace, tmp_path):
    small = make_workspace("small")  # one record keeps the file, and the test, short
    small.sessions.create(title="Atelier OPJ", start_date=D, end_date=D)
    bundle = export_bundle(small, tmp_path / "small").path
    reference = make_workspace("reference")
    import_bundles(reference, [bundle])
    expected = dumps(export_records(reference.db))
    target = make_workspace("target")
    current = state(target)
    data = bundle.read_bytes()
    accepted = 0
    path = bundle.with_name("flipped.tdbundle")
    for position in range(len(data)):
        flipped = bytearray(data)
        flipped[position] ^= 0x01
        path.write_bytes(bytes(flipped))
        [result] = import_bundles(target, [path])
        if result.status == "refused":
            assert result.message
            assert state(target) == current, position
            continue
        # The byte carried no data (a zip timestamp, say): imported exactly as the intact file.
        accepted += 1
        assert result.status == "imported", position
        assert dumps(export_records(target.db)) == expected, position
        target.close()
        target = make_workspace(f"target{position}")
        current = state(target)
    # Only zip header fields that carry no data (versions, timestamps, attributes: about 50 bytes
    # per member in the local and central headers) may be flipped without a refusal; each such
    # file was checked above to import exactly as the intact one.
    assert accepted < len(data) // 5
    with zipfile.ZipFile(bundle) as zf:  # the records are compressed, so every byte matters
        assert all(i.compress_type == zipfile.ZIP_DEFLATED for i in zf.infolist())
    print(f"{len(data)} bytes flipped one at a time: {accepted} carried no data")


def test_a_truncated_file_is_refused(coordinator, bundle):
    data = bundle.read_bytes()
    for length in (0, 10, len(data) // 2, len(data) - 1):
        bundle.with_name("cut.tdbundle").write_bytes(data[:length])
        refused(coordinator, bundle.with_name("cut.tdbundle"), "not a valid bundle")


def test_an_encrypted_bundle_needs_the_right_passphrase(sender, coordinator, tmp_path):
    path = export_bundle(sender, tmp_path / "secret", passphrase="mot de passe long").path
    assert b"Atelier" not in path.read_bytes()
    refused(coordinator, path, "encrypted: give its passphrase")
    refused(coordinator, path, "Wrong passphrase", passphrase="pas le bon mot")
    data = bytearray(path.read_bytes())
    data[-5] ^= 0xFF
    tampered = tmp_path / "tampered.tdbundle"
    tampered.write_bytes(bytes(data))
    refused(coordinator, tampered, "damaged", passphrase="mot de passe long")
    tampered.write_bytes(path.read_bytes()[:-40])
    refused(coordinator, tampered, "damaged or incomplete", passphrase="mot de passe long")
    [result] = import_bundles(coordinator, [path], passphrase="mot de passe long")
    assert result.status == "imported"


def test_hostile_encryption_parameters_are_refused_fast(coordinator, tmp_path):
    from trainer_desktop.bundles import encryption

    header = json.dumps({"kdf": "scrypt", "n": 1 << 30, "r": 8, "p": 1, "salt": "A" * 24,
                         "nonce_prefix": "AAAAAAAAAA==", "chunk_size": 1 << 20,
                         "cipher": "AES-256-GCM", "check": "0"}).encode()  # fmt: skip
    path = tmp_path / "greedy.tdbundle"
    path.write_bytes(encryption.MAGIC + len(header).to_bytes(4, "big") + header + b"x" * 64)
    started = time.perf_counter()
    refused(coordinator, path, "settings this version refuses", passphrase="whatever123")
    assert time.perf_counter() - started < 1


def test_a_signature_by_another_key_is_refused(coordinator, bundle, tmp_path):
    members = read_members(bundle)
    manifest = members["manifest.json"]
    forged = tmp_path / "forged.tdbundle"
    with zipfile.ZipFile(forged, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, Ed25519PrivateKey.generate().sign(manifest) if name == "manifest.sig" else data)
    refused(coordinator, forged, "signature is not valid")


def test_a_known_device_with_another_key_is_refused(coordinator, bundle, tmp_path):
    import_bundles(coordinator, [bundle])
    members = read_members(bundle)
    impostor = craft(tmp_path / "impostor.tdbundle", members, Ed25519PrivateKey.generate(),
                     {"bundle_id": str(uuid.uuid4())})  # fmt: skip
    result = refused(coordinator, impostor, "signed with another key")
    assert result.fingerprint and result.fingerprint in result.message


def test_an_unknown_device_is_recorded_with_its_fingerprint(coordinator, bundle, sender_key):
    [result] = import_bundles(coordinator, [bundle])
    assert result.new_device and result.fingerprint == keys.fingerprint(keys.public_bytes(sender_key))


@pytest.mark.parametrize(
    "name",
    ["../evil.jsonl", "/etc/passwd", "records/../../x.jsonl", "records\\training_session.jsonl",
     "C:/records/x.jsonl", "records/./training_session.jsonl"],
)  # fmt: skip
def test_unsafe_member_names_are_refused(coordinator, bundle, sender_key, tmp_path, name):
    members = read_members(bundle)
    path = craft(tmp_path / "names.tdbundle", members, sender_key, extra=[(name, b"{}\n")],
                 declare={name: {"size": 3, "sha256": hashlib.sha256(b"{}\n").hexdigest()}})  # fmt: skip
    refused(coordinator, path, "unsafe member name")


def test_links_are_refused(coordinator, bundle, sender_key, tmp_path):
    members = read_members(bundle)
    path = tmp_path / "link.tdbundle"
    craft(path, members, sender_key)
    with zipfile.ZipFile(path, "a") as zf:
        info = zipfile.ZipInfo("records/link.jsonl")
        info.external_attr = 0o120777 << 16
        zf.writestr(info, "/etc/passwd")
    refused(coordinator, path, "not a plain file")


def test_a_member_not_in_the_manifest_is_refused(coordinator, bundle, sender_key, tmp_path):
    path = craft(tmp_path / "extra.tdbundle", read_members(bundle), sender_key,
                 extra=[("records/extra.jsonl", b"{}\n")])  # fmt: skip
    refused(coordinator, path, "is not in the manifest")


def test_duplicate_members_are_refused(coordinator, bundle, sender_key, tmp_path):
    members = read_members(bundle)
    name = "records/training_session.jsonl"
    with pytest.warns(UserWarning, match="Duplicate name"):
        path = craft(tmp_path / "dup.tdbundle", members, sender_key, extra=[(name, members[name])])
    refused(coordinator, path, "appears twice")


def test_a_member_whose_content_changed_is_refused(coordinator, bundle, sender_key, tmp_path):
    members = read_members(bundle)
    declared = json.loads(members["manifest.json"])["members"]
    members["records/training_session.jsonl"] = members["records/training_session.jsonl"].replace(
        b"Atelier OPJ", b"Atelier XYZ")  # fmt: skip
    path = craft(tmp_path / "changed.tdbundle", members, sender_key, declare=declared)
    refused(coordinator, path, "does not match its checksum")


def test_a_zip_bomb_is_refused_fast_in_little_memory(coordinator, bundle, sender_key, tmp_path,
                                                     monkeypatch):  # fmt: skip
    members = read_members(bundle)
    size = 400 << 20  # 400 MiB of zeros, about 400 KiB compressed
    name = "records/training_session.jsonl"
    path = tmp_path / "bomb.tdbundle"
    manifest = json.loads(members["manifest.json"])
    manifest["members"] = {name: {"size": size, "sha256": "0" * 64}}
    manifest["source"]["public_key"] = keys.public_bytes(sender_key).hex()
    raw = json.dumps(manifest).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        info = zipfile.ZipInfo(name)
        info.compress_type = zipfile.ZIP_DEFLATED
        with zf.open(info, "w", force_zip64=True) as member:
            block = bytes(1 << 20)
            for _ in range(size >> 20):
                member.write(block)
        zf.writestr("manifest.json", raw)
        zf.writestr("manifest.sig", sender_key.sign(raw))
    assert path.stat().st_size < 2 << 20
    # "Fast" without a clock: count what is decompressed before the refusal.
    decompressed = []
    real_read = zipfile.ZipExtFile.read

    def counting_read(self, n=-1):  # noqa: ANN001, ANN202
        data = real_read(self, n)
        decompressed.append(len(data))
        return data

    monkeypatch.setattr(zipfile.ZipExtFile, "read", counting_read)
    tracemalloc.start()
    try:
        refused(coordinator, path, "zip bomb")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert sum(decompressed) < 4 << 20  # about a megabyte of the 400 MiB, then refused
    assert peak < 50 << 20


def test_a_newer_schema_or_format_asks_to_update_the_application(coordinator, bundle, sender_key, tmp_path):
    members = read_members(bundle)
    for change in ({"schema_version": "0099"}, {"format_version": 2}):
        path = craft(tmp_path / "newer.tdbundle", members, sender_key, change)
        refused(coordinator, path, "update the application")


def test_a_malformed_record_refuses_the_whole_bundle(coordinator, bundle, sender_key, tmp_path):
    members = read_members(bundle)
    name = "records/programme_item.jsonl"
    members[name] = members[name].replace(b'"start_time":"09:00:00"', b'"start_time":"neuf heures"')
    path = craft(tmp_path / "bad.tdbundle", members, sender_key)
    result = refused(coordinator, path, "start_time")
    assert "programme_item" in result.message  # the session it carries was not merged either


def test_a_child_without_its_parent_is_refused(coordinator, bundle, sender_key, tmp_path):
    members = read_members(bundle)
    del members["records/training_session.jsonl"]
    manifest = json.loads(members["manifest.json"])
    manifest["counts"].pop("training_session")
    members["manifest.json"] = json.dumps(manifest).encode()
    path = craft(tmp_path / "orphan.tdbundle", members, sender_key)
    refused(coordinator, path, "neither in the bundle nor in this database")


def test_not_a_bundle_at_all(coordinator, tmp_path):
    for name, data in (("photo.tdbundle", b"\xff\xd8\xff\xe0" + bytes(500)),
                       ("empty.tdbundle", b""),
                       ("excel.tdbundle", _an_xlsx())):  # fmt: skip
        (tmp_path / name).write_bytes(data)
        refused(coordinator, tmp_path / name, "not a valid bundle")
    refused(coordinator, tmp_path / "missing.tdbundle", "Cannot read missing.tdbundle")


def _an_xlsx():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
    return buf.getvalue()


def test_inspect_verifies_without_importing(bundle, sender_key, tmp_path):
    info = inspect_bundle(bundle)
    assert info.manifest["counts"] == {"training_session": 1, "programme_item": 1}
    assert info.fingerprint == keys.fingerprint(keys.public_bytes(sender_key))
    members = read_members(bundle)
    declared = json.loads(members["manifest.json"])["members"]
    members["records/programme_item.jsonl"] = members["records/programme_item.jsonl"].replace(
        b"Ouverture", b"Fermeture")  # fmt: skip
    changed = craft(tmp_path / "changed.tdbundle", members, sender_key, declare=declared)
    with pytest.raises(UserError, match="does not match its checksum"):
        inspect_bundle(changed)


def test_the_same_file_again_is_recognised_without_its_passphrase(sender, coordinator, tmp_path):
    path = export_bundle(sender, tmp_path / "secret", passphrase="mot de passe long").path
    asked = []

    def passphrase(p):  # noqa: ANN001, ANN202
        asked.append(p)
        return "mot de passe long"

    [first] = import_bundles(coordinator, [path], passphrase=passphrase)
    [again] = import_bundles(coordinator, [path], passphrase=passphrase)
    assert (first.status, again.status, len(asked)) == ("imported", "already", 1)
    assert again.bundle_id == first.bundle_id and again.fingerprint == first.fingerprint


def test_another_copy_of_an_imported_bundle_is_recognised_by_its_id(coordinator, bundle, tmp_path):
    import_bundles(coordinator, [bundle])
    copy = tmp_path / "copy.tdbundle"
    with zipfile.ZipFile(bundle) as source, zipfile.ZipFile(copy, "w", zipfile.ZIP_STORED) as target:
        for info in source.infolist():  # the same members, stored instead of compressed
            target.writestr(info.filename, source.read(info))
    assert copy.read_bytes() != bundle.read_bytes()
    before = state(coordinator)
    [result] = import_bundles(coordinator, [copy])
    assert result.status == "already" and state(coordinator) == before


def test_an_encrypted_export_writes_no_plaintext_beside_the_destination(sender, tmp_path, monkeypatch):
    import tempfile as tempfile_module

    stick = tmp_path / "usb-stick"
    stick.mkdir()
    staged = []
    real = tempfile_module.TemporaryFile

    def spy(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        staged.append(kwargs.get("dir"))
        return real(*args, **kwargs)

    monkeypatch.setattr(tempfile_module, "TemporaryFile", spy)
    export_bundle(sender, stick / "secret", passphrase="mot de passe long")
    assert staged and all(stick not in Path(d).parents and Path(d) != stick for d in staged)
    assert [p.name for p in stick.iterdir()] == ["secret.tdbundle"]
