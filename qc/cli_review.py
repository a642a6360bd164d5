"""`qc review FILE`: the terminal side of qc.review.ReviewSession.

On a terminal one key is read without Enter; otherwise (a pipe) one line per
answer, so the session can also be driven by a script.
"""
from __future__ import annotations

import sys

import click


def _read_key(prompt: str) -> str:
    click.echo(prompt, nl=False)
    if not sys.stdin.isatty():
        line = sys.stdin.readline()
        return line.strip()[:1] or ("?" if line else "")
    try:
        key = click.getchar()
    except EOFError:  # Ctrl-D
        return ""
    click.echo(key, nl=False)
    return key


def _read_line(prompt: str) -> str:
    try:
        return input(prompt)
    except EOFError:
        return ""


@click.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--config", type=click.Path(dir_okay=False), help="Fichier de configuration (.qc.toml).")
def review(file: str, config: str | None) -> None:
    """Revoir un article signalement par signalement (a appliquer, e éditer, i ignorer, f forme correcte, s passer, q quitter)."""
    from qc.cli import _color
    from qc.engine import Options
    from qc.review import ReviewSession

    session = ReviewSession(
        file, Options(config=config), read_key=_read_key, read_line=_read_line,
        write=lambda text: click.echo(text, nl=False), color=_color(sys.stdout),
    )
    try:
        session.run()
    except KeyboardInterrupt:
        click.echo(f"\nqc: revue interrompue ; les décisions prises sont enregistrées, l'original est dans {session.backup}", err=True)
        sys.exit(130)
