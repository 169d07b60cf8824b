"""``bundle export``, ``bundle import``, ``bundle inspect``."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from trainer_desktop.core.errors import UserError
from trainer_desktop.core.i18n import _, ngettext

from .common import add_db_option, open_from_args


def register(commands: argparse._SubParsersAction) -> None:
    bundle = commands.add_parser("bundle", help=_("carry data between laptops in .tdbundle files"))
    sub = bundle.add_subparsers(dest="bundle_command", metavar=_("COMMAND"), required=True)

    export = sub.add_parser("export", help=_("write a bundle"),
                            description=_("Write the whole database, chosen sessions, or what changed since the last bundle for a recipient."))  # fmt: skip
    add_db_option(export)
    export.add_argument("--out", required=True, metavar=_("FILE"), help=_("the bundle to write (.tdbundle)"))
    export.add_argument("--session", action="append", metavar="ID", help=_("only this session (repeatable)"))
    export.add_argument("--for", dest="recipient", metavar=_("RECIPIENT"),
                        help=_("only what changed since the last bundle for this recipient"))  # fmt: skip
    _passphrase_option(export, _("encrypt with the passphrase in this file"))
    export.set_defaults(run=_export)

    imports = sub.add_parser("import", help=_("import bundles (each at most once)"))
    add_db_option(imports)
    imports.add_argument("files", nargs="+", metavar=_("FILE"), help=_("bundles, or folders of bundles"))
    _passphrase_option(imports, _("passphrase of encrypted bundles"))
    imports.add_argument("--json", action="store_true", help=_("print the summary as JSON"))
    imports.set_defaults(run=_import)

    inspect = sub.add_parser("inspect", help=_("show a bundle's manifest and signer without importing it"))
    inspect.add_argument("file", metavar=_("FILE"))
    _passphrase_option(inspect, _("passphrase of an encrypted bundle"))
    inspect.set_defaults(run=_inspect)


def _passphrase_option(parser: argparse.ArgumentParser, text: str) -> None:
    parser.add_argument("--passphrase-file", metavar=_("FILE"), help=text)


def _read_passphrase(args: argparse.Namespace) -> str | None:
    if not args.passphrase_file:
        return None
    try:
        text = Path(args.passphrase_file).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UserError(_("Cannot read the passphrase file {path}: {error}").format(
            path=args.passphrase_file, error=getattr(exc, "strerror", None) or exc)) from exc  # fmt: skip
    return text.rstrip("\r\n")


def _export(args: argparse.Namespace) -> int:
    from trainer_desktop.bundles.exchange import export_bundle

    passphrase = _read_passphrase(args)
    workspace = open_from_args(args)
    try:
        result = export_bundle(workspace, Path(args.out), sessions=args.session,
                               recipient=args.recipient, passphrase=passphrase)  # fmt: skip
    except OSError as exc:
        raise UserError(_("Cannot write {path}: {error}").format(path=args.out, error=exc.strerror or exc)) from exc  # fmt: skip
    finally:
        workspace.close()
    total = sum(result.counts.values())
    print(ngettext("{path}: {n} record, {size} bytes{encrypted}.",
                   "{path}: {n} records, {size} bytes{encrypted}.", total).format(
        path=result.path, n=total, size=result.size,
        encrypted=_(", encrypted") if result.encrypted else ""))  # fmt: skip
    return 0


def _import(args: argparse.Namespace) -> int:
    from trainer_desktop.bundles.exchange import expand_paths, import_bundles

    passphrase = _read_passphrase(args)
    paths = expand_paths(args.files)
    if not paths:
        raise UserError(_("No bundle (.tdbundle) found in {files}.").format(files=", ".join(args.files)))
    workspace = open_from_args(args)
    try:
        results = import_bundles(workspace, paths, passphrase=passphrase)
    finally:
        workspace.close()
    if args.json:
        print(json.dumps([{"file": str(r.file), "status": r.status, "message": r.message,
                           "bundle_id": r.bundle_id, "source": r.source_name,
                           "fingerprint": r.fingerprint, "new_device": r.new_device,
                           **r.counts.as_dict()} for r in results], ensure_ascii=False, indent=2))  # fmt: skip
    else:
        for r in results:
            if r.status == "imported":
                c = r.counts
                print(_("{file}: imported from {source}: {added} added, {updated} updated, {unchanged} unchanged, {conflicts} conflicts, {refused} refused.").format(
                    file=r.file.name, source=r.source_name, added=c.added, updated=c.updated,
                    unchanged=c.unchanged, conflicts=c.conflicts, refused=c.refused))  # fmt: skip
                if r.new_device:
                    print("  " + _("New device “{source}”, key fingerprint {fingerprint}: check it with the sender.").format(
                        source=r.source_name, fingerprint=r.fingerprint))  # fmt: skip
                if c.future:
                    print("  " + ngettext("{n} record carries a date far in the future (a laptop's clock is wrong).",
                                         "{n} records carry a date far in the future (a laptop's clock is wrong).",
                                         c.future).format(n=c.future))  # fmt: skip
            else:
                print(f"{r.file.name}: {r.message}")
    return 1 if any(r.status == "refused" for r in results) else 0


def _inspect(args: argparse.Namespace) -> int:
    from trainer_desktop.bundles.exchange import inspect_bundle

    info = inspect_bundle(Path(args.file), _read_passphrase(args))
    manifest = {k: v for k, v in info.manifest.items() if k != "members"}
    manifest["signer_fingerprint"] = info.fingerprint
    print(json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True))
    return 0
