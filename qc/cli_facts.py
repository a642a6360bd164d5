"""`qc facts`: validate, list, show and search the fact table; expand it with literal renderings."""
from __future__ import annotations

import sys

import click

from qc.errors import DataError


def _resources():
    from qc.config import discover
    from qc.resources import Resources

    return Resources.for_config(discover(None))


@click.group()
def facts() -> None:
    """Table des faits : valider, lister, afficher, chercher."""


@facts.command()
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False))
@click.option("--no-default", is_flag=True, help="Ne valider que les FICHIERS donnés.")
def validate(files: tuple[str, ...], no_default: bool) -> None:
    """Vérifier le schéma et les références (fichier:ligne: champ: problème)."""
    from qc.facts.table import default_files, read_tables

    table, problems = read_tables([*(() if no_default and files else default_files()), *files])
    for p in problems:
        click.echo(p)
    if problems:
        click.echo(f"{len(problems)} problème(s)", err=True)
        sys.exit(1)
    click.echo(f"ok : {len(table.entities)} entités, {len(table.facts)} faits dans {len(table.files)} fichier(s)")


@facts.command("list")
@click.option("--kind", help="Type d'entité (person, company, publication...) ou 'fact'.")
def list_cmd(kind: str | None) -> None:
    """Lister les entrées."""
    table = _resources().facts
    if kind == "fact":
        for f in sorted(table.facts.values(), key=lambda f: f.id):
            click.echo(f"{f.id:<40} {f.event:<10} {f.date or ''}  {f.statement}")
        return
    for e in sorted(table.entities.values(), key=lambda e: e.id):
        if kind is None or e.kind == kind:
            click.echo(f"{e.id:<34} {e.kind:<12} {e.name}")


@facts.command()
@click.argument("entry_id")
def show(entry_id: str) -> None:
    """Afficher une entité ou un fait."""
    table = _resources().facts
    if entry_id in table.entities:
        e = table.entities[entry_id]
        click.echo(f"{e.id} ({e.kind}) — {e.name}")
        if e.accepted:
            click.echo(f"  formes acceptées : {', '.join(e.accepted)}")
        for b in e.bad:
            click.echo(f"  forme fautive : {b.form}" + (f" ({b.note})" if b.note else "") + (" [ambiguë]" if b.ambiguous else ""))
        click.echo(f"  casse stricte : {'oui' if e.case_strict else 'non'}")
        click.echo(f"  source : {e.source} (vérifiée le {e.checked})")
        for f in table.facts_about(e.id):
            click.echo(f"  fait {f.id} : {f.statement}")
        click.echo(f"  défini dans {e.file}:{e.line}")
    elif entry_id in table.facts:
        f = table.facts[entry_id]
        click.echo(f"{f.id} ({f.event}) — {f.statement}")
        click.echo(f"  sujet : {f.subject}" + (f" · objet : {f.object}" if f.object else ""))
        if f.date:
            click.echo(f"  date : {f.date}")
        if f.amount:
            click.echo(f"  montant : {f.amount.value:,.0f} {f.amount.currency or ''}")
        click.echo(f"  source : {f.source} (vérifiée le {f.checked})")
        click.echo(f"  défini dans {f.file}:{f.line}")
    else:
        raise DataError(f"« {entry_id} » : aucune entité ni aucun fait de ce nom")


@facts.command()
@click.argument("text")
def grep(text: str) -> None:
    """Quelles entrées une phrase mentionne (noms, formes fautives)."""
    index = _resources().names
    hits = list(index.scan(text))
    if not hits:
        click.echo("aucune entrée")
        sys.exit(1)
    for h in hits:
        ent = index.entity(h.form.entity)
        status = "forme fautive" if h.form.kind == "bad" else ("forme correcte" if h.text in ent.forms else "casse différente")
        click.echo(f"{h.start}-{h.end} « {h.text} » → {ent.id} ({ent.name}) : {status}")


@facts.command()
@click.option("--model", metavar="ID|RÉP", help="Modèle anglais → français (défaut : celui du registre).")
@click.option("--output", required=True, type=click.Path(dir_okay=False), help="Fichier de faits utilisateur à compléter (YAML).")
@click.option("--device", default="auto", show_default=True, metavar="auto|cpu|cuda|cuda:N")
@click.option("--threads", type=click.IntRange(min=1), help="Threads CPU (défaut : cœurs disponibles).")
def expand(model: str | None, output: str, device: str, threads: int | None) -> None:
    """Ajouter comme formes fautives les rendus littéraux des noms par MarianMT."""
    from qc.cli_models import local_models_dir
    from qc.translation import expand as literal
    from qc.translation.engine import Translator, resolve_device
    from qc.translation.models import default_pair, locate

    ref = locate(model or default_pair("en")[1], local_models_dir(None))
    renderings = literal.literal_forms(_resources().facts, Translator(ref, resolve_device(device), threads=threads))
    added = literal.write(output, renderings, ref.key)
    for r in renderings:
        click.echo(f"{r.entity.id:<34} {r.entity.name} → {r.form}" + (" [ambiguë]" if r.ambiguous else ""))
    click.echo(f"{added} forme(s) littérale(s) ajoutée(s) à {output}", err=True)
