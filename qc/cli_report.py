"""`qc report --html OUT PATHS`: write the self-contained HTML report to a file."""
from __future__ import annotations

import sys

import click

from qc.errors import InputError


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--html", "out", required=True, type=click.Path(dir_okay=False), help="Fichier HTML à écrire.")
@click.option("--config", type=click.Path(dir_okay=False), help="Fichier de configuration (.qc.toml).")
def report(paths: tuple[str, ...], out: str, config: str | None) -> None:
    """Écrire un rapport HTML autonome : passages surlignés, détails au clic, filtres, résumé."""
    from qc.engine import Options, check_paths
    from qc.report import render, summarize
    from qc.atomic import write_bytes

    results = list(check_paths(paths, Options(config=config)))
    try:
        write_bytes(out, render(results, "html").encode("utf-8"))
    except OSError as exc:
        raise InputError(f"{out}: écriture impossible ({exc.strerror})") from None
    summary = summarize(results)
    click.echo(f"rapport écrit : {out} ({summary['findings']} signalement(s) dans {summary['files']} fichier(s))")
    for r in results:
        if r.error:
            click.echo(f"qc: {r.error}", err=True)
    sys.exit(2 if any(r.error for r in results) else 0)
