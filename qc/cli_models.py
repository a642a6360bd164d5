"""`qc models`: the back-translation models (registry, local copies, download),
and the back-translation options of `qc check`."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

import click

#: `qc check` options, named like the qc.engine.Options fields they fill
CHECK_OPTIONS = (
    click.option("--backtranslate/--no-backtranslate", "backtranslate", default=None,
                 help="Rétrotraduction MarianMT (désactivée par défaut ; la configuration peut l'activer)."),
    click.option("--bt-forward", metavar="ID|RÉP", help="Modèle français → langue source (id Hugging Face ou répertoire)."),
    click.option("--bt-back", metavar="ID|RÉP", help="Modèle langue source → français (id Hugging Face ou répertoire)."),
    click.option("--device", metavar="auto|cpu|cuda|cuda:N", help="Où traduire (défaut : auto, CUDA si torch voit un GPU)."),
    click.option("--threads", type=click.IntRange(min=1), help="Threads CPU (défaut : cœurs disponibles)."),
    click.option("--bt-beams", "beams", type=click.IntRange(min=1), help="Recherche en faisceau à N hypothèses (défaut : gloutonne)."),
    click.option("--bt-int8", "int8", is_flag=True, default=None, help="CPU : quantification dynamique int8 (plus rapide)."),
    click.option("--bt-threshold", type=click.FloatRange(0, 100), help="Seuil chrF sous lequel une phrase peut être signalée (défaut : 40)."),
    click.option("--cache", type=click.Path(dir_okay=False), help="Fichier cache des traductions (SQLite)."),
    click.option("--no-cache", is_flag=True, help="Ne lire ni écrire aucun cache de traductions."),
    click.option("--source", type=click.Path(dir_okay=False), help="Article original : comparer la traduction à celui-ci."),
)


def backtranslation_options(command: Callable[..., Any]) -> Callable[..., Any]:
    for option in reversed(CHECK_OPTIONS):
        command = option(command)
    return command


def local_models_dir(models_dir: str | None) -> Path:
    """The local models folder: the option, else the configuration's, else the default."""
    from qc.config import discover
    from qc.translation.models import models_dir as default_dir
    from qc.translation.stage import read_settings

    if models_dir:
        return Path(models_dir)
    config = discover(None)
    return default_dir(read_settings(dict(config.settings).get("backtranslation"), config.path).models_dir)


@click.group()
@click.option("--models-dir", type=click.Path(file_okay=False), help="Dossier des modèles locaux (défaut : models/local/).")
@click.pass_context
def models(ctx: click.Context, models_dir: str | None) -> None:
    """Modèles de rétrotraduction : registre, copies locales, téléchargement."""
    ctx.obj = local_models_dir(models_dir)


@models.command("list")
@click.pass_obj
def list_cmd(base: Path) -> None:
    """Le registre et ce qui est présent localement."""
    from qc.translation.models import find, is_model_dir, registry

    click.echo(f"modèles locaux : {base}")
    for entry in registry().values():
        found = find(entry.id, base)
        where = f"présent ({found.path}, révision {found.revision})" if found else "absent"
        pinned = entry.revision or "non épinglée"
        flag = "défaut" if entry.default else ""
        click.echo(f"{entry.id:<36} {entry.direction:<6} {flag:<7} {entry.size:>7}  {entry.licence}  révision {pinned}  {where}")
    if base.is_dir():
        for folder in sorted(p for p in base.rglob("config.json")):
            model_id = folder.parent.relative_to(base).as_posix()
            if model_id not in registry() and is_model_dir(folder.parent):
                click.echo(f"{model_id:<36} hors registre  {folder.parent}")


@models.command()
@click.argument("model_id", metavar="ID")
@click.pass_obj
def pull(base: Path, model_id: str) -> None:
    """Télécharger un modèle du registre dans le dossier local (réseau requis)."""
    from qc.translation.models import pull as download

    ref = download(model_id, base)
    click.echo(f"{ref.id} : révision {ref.revision} dans {ref.path}")


@models.command()
@click.argument("model", metavar="ID|RÉP")
@click.pass_obj
def info(base: Path, model: str) -> None:
    """Registre, emplacement, révision et architecture d'un modèle."""
    from qc.errors import ModelError
    from qc.translation.models import describe, locate, registry

    entry = registry().get(model)
    if entry:
        click.echo(f"{entry.id} ({entry.direction}, {entry.role}{', défaut' if entry.default else ''})")
        click.echo(f"  révision épinglée : {entry.revision or 'non épinglée'}")
        click.echo(f"  taille : {entry.size} · licence : {entry.licence}")
        click.echo(f"  architecture : {entry.architecture}")
    try:
        ref = locate(model, base)
    except ModelError as exc:
        if entry is None:
            raise
        click.echo(f"  {exc}")
        return
    details = describe(ref.path)
    click.echo(f"  présent : {ref.path} (révision {ref.revision})")
    click.echo("  config : " + ", ".join(f"{k} {v}" for k, v in details["config"].items()))
    for name, size in details["files"].items():
        click.echo(f"  {name:<26} {size:>12,d} octets".replace(",", " "))
