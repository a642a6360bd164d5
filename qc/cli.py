"""The `qc` command line: parses options, calls the library, prints.

Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it,
2 usage, input, data or configuration error (one line on stderr, no traceback).
"""
from __future__ import annotations

import itertools
import logging
import os
import sys
from datetime import date
from typing import Any, Sequence

import click

import qc
from qc.cli_models import backtranslation_options
from qc.errors import QcError
from qc.findings import Severity


def _fail(message: str) -> None:
    click.echo(f"qc: {message}", err=True)
    sys.exit(2)


def _color(stream: Any) -> bool:
    return bool(getattr(stream, "isatty", lambda: False)()) and "NO_COLOR" not in os.environ


def _split(values: Sequence[str]) -> tuple[str, ...]:
    return tuple(v.strip() for value in values for v in value.split(",") if v.strip())


def _parse_date(ctx: click.Context, param: click.Parameter, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"« {value} » n'est pas une date AAAA-MM-JJ") from None


def _severity_overrides(values: Sequence[str]) -> tuple[tuple[str, Severity], ...]:
    out = []
    for item in _split(values):
        if "=" not in item:
            raise click.BadParameter(f"« {item} » : RÈGLE=SÉVÉRITÉ attendu", param_hint="--severity")
        rule, sev = item.split("=", 1)
        try:
            out.append((rule.strip(), Severity.parse(sev.strip())))
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="--severity") from None
    return tuple(out)


class _Warnings(logging.Handler):
    """Library warnings (cache rebuilt, alignment abandoned...) as one line on stderr."""

    def emit(self, record: logging.LogRecord) -> None:
        click.echo(f"qc: attention : {record.getMessage()}", err=True)


class _Group(click.Group):
    """Turns qc's own errors into one line on stderr and exit 2, wherever they happen."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except QcError as exc:
            _fail(str(exc))
        except KeyboardInterrupt:
            click.echo("qc: interrompu", err=True)
            sys.exit(130)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(qc.__version__, prog_name="qc")
def main() -> None:
    """qc : contrôle qualité des traductions automatiques d'articles tech en français."""
    logger = logging.getLogger("qc")
    if not any(isinstance(h, _Warnings) for h in logger.handlers):
        logger.addHandler(_Warnings())


@main.command()
@click.argument("paths", nargs=-1)
@click.option("--format", "fmt", default="text", show_default=True, help="Format de sortie (text, json, ...).")
@click.option("--input-format", type=click.Choice(["txt", "md", "html"]), help="Forcer le format de lecture (utile avec -).")
@click.option("--published", callback=_parse_date, help="Date de publication AAAA-MM-JJ (dates relatives).")
@click.option("--source-lang", help="Langue de l'article d'origine (en, es, ...).")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info", "never"]), help="Sévérité qui fait échouer (défaut : error).")
@click.option("--select", multiple=True, help="Règles ou préfixes à activer (remplace la sélection par défaut).")
@click.option("--extend-select", multiple=True, help="Règles ou préfixes à ajouter à la sélection.")
@click.option("--ignore", multiple=True, help="Règles ou préfixes à désactiver.")
@click.option("--severity", "severity", multiple=True, help="RÈGLE=SÉVÉRITÉ, p. ex. idiom=info.")
@click.option("--min-confidence", type=click.FloatRange(0, 1), help="Masquer les signalements moins sûrs.")
@click.option("--config", type=click.Path(dir_okay=False), help="Fichier de configuration (.qc.toml).")
@click.option("--no-source", is_flag=True, help="Texte : ne pas citer la ligne fautive.")
@click.option("--baseline", "baseline_file", type=click.Path(dir_okay=False), help="Ne signaler que ce qui n'est pas dans cette baseline.")
@click.option("--changed", "changed_ref", is_flag=False, flag_value="", default=None, metavar="[REF]",
              help="Ne vérifier que les fichiers modifiés depuis REF (défaut : merge-base avec la branche par défaut).")
@click.option("--changed-lines", is_flag=True, help="Avec --changed : ne garder que les signalements des lignes modifiées.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Processus de vérification (défaut : les cœurs disponibles ; 1 : tout dans ce processus).")
@click.option("--files-from", type=click.File("r", encoding="utf-8"), help="Lire la liste des fichiers (un par ligne ; - pour stdin).")
@click.option("--executor", type=click.Choice(["local", "ray"]), default="local", show_default=True,
              help="Où vérifier : cette machine, ou Ray (extra qc[ray] ; voir docs/scaling.md).")
@click.option("--ray-address", metavar="HÔTE:PORT", help="Avec --executor ray : le cluster à rejoindre (défaut : une instance Ray locale).")
@backtranslation_options
def check(paths: tuple[str, ...], fmt: str, input_format: str | None, published: date | None, source_lang: str | None,
          fail_on: str | None, select: tuple[str, ...], extend_select: tuple[str, ...], ignore: tuple[str, ...],
          severity: tuple[str, ...], min_confidence: float | None, config: str | None, no_source: bool,
          baseline_file: str | None, changed_ref: str | None, changed_lines: bool, jobs: int | None,
          files_from: Any, executor: str, ray_address: str | None, **backtranslation: Any) -> None:
    """Vérifier des articles (.txt, .md, .html, répertoires, - pour stdin)."""
    from qc.config import discover
    from qc.engine import Options
    from qc.report import RenderOptions, exit_code, formats, render, stream_format
    from qc.run import paths_from, run_check

    if fmt not in formats():
        raise click.BadParameter(f"« {fmt} » ({', '.join(formats())})", param_hint="--format")
    if not paths and changed_ref is None and files_from is None:
        raise click.UsageError("donnez au moins un fichier, un répertoire, - (stdin) ou --files-from")
    if ray_address and executor != "ray":
        raise click.UsageError("--ray-address ne s'emploie qu'avec --executor ray")
    options = Options(
        select=_split(select) or None, extend_select=_split(extend_select), ignore=_split(ignore),
        severity=_severity_overrides(severity), published=published, source_lang=source_lang,
        min_confidence=min_confidence, config=config, format=input_format,
        jobs=jobs or _available_cores(), executor=executor, ray_address=ray_address, **backtranslation,
    )
    inputs = itertools.chain(paths, paths_from(files_from)) if files_from is not None else paths
    results = run_check(inputs, options, changed_ref, changed_lines, baseline_file)
    first = next((p for p in paths if p != "-"), None)
    effective_fail_on = fail_on or discover(first, config).fail_on
    stream = stream_format(fmt)
    if stream is not None:
        # one line per file as soon as it is done; only the exit status is remembered
        status = 0
        for r in results:
            click.echo(stream(r), nl=False)
            if r.error:
                click.echo(f"qc: {r.error}", err=True)
            status = max(status, exit_code([r], effective_fail_on))
        sys.exit(status)
    done = list(results)
    out = render(done, fmt, RenderOptions(color=_color(sys.stdout), show_source=not no_source, fail_on=effective_fail_on))
    click.echo(out, nl=False)
    for r in done:
        if r.error and fmt != "text":
            click.echo(f"qc: {r.error}", err=True)
    sys.exit(exit_code(done, effective_fail_on))


def _available_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


@main.command()
@click.option("--explain", "explain", metavar="ID", help="Documentation d'une règle.")
@click.option("--all", "show_all", is_flag=True, help="Inclure les règles désactivées par défaut.")
@click.option("--markdown", is_flag=True, help="Toute la documentation des règles en Markdown (docs/rules.md).")
def rules(explain: str | None, show_all: bool, markdown: bool) -> None:
    """Lister les règles (identifiant, catégorie, sévérité, description)."""
    from qc.checks.base import all_rules
    from qc.rules_doc import explain_rule, rules_markdown

    if markdown:
        click.echo(rules_markdown(), nl=False)
        return
    if explain:
        click.echo(explain_rule(explain))
        return
    for r in all_rules():
        if not r.default_enabled and not show_all:
            continue
        flag = "" if r.default_enabled else "  (désactivée par défaut)"
        click.echo(f"{r.id:<34} {r.category:<15} {r.severity.value:<8} {r.summary}{flag}")


@main.command("eval")
@click.argument("corpora", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["table", "json", "markdown"]), default="table", show_default=True)
@click.option("--show", is_flag=True, help="Lister les erreurs manquées et les fausses alertes.")
@click.option("--select", multiple=True, help="Règles à évaluer (défaut : sélection par défaut).")
@click.option("--calibrate", is_flag=True, help="Écrire la précision mesurée de chaque règle (qc/data/calibration.json).")
def eval_cmd(corpora: tuple[str, ...], fmt: str, show: bool, select: tuple[str, ...], calibrate: bool) -> None:
    """Mesurer qc sur des corpus annotés (JSON Lines)."""
    from qc.evaluation import evaluate, format_json, format_markdown, format_table, write_calibration

    # calibrating measures every rule, the ones switched off by an earlier measure included
    report = evaluate(corpora, select=_split(select) or (("ALL",) if calibrate else None))
    if calibrate:
        path = write_calibration(report)
        click.echo(f"calibration écrite : {path}", err=True)
    formatters = {"json": format_json, "markdown": format_markdown}
    click.echo(formatters[fmt](report) if fmt in formatters else format_table(report, show))


@main.group("baseline")
def baseline_group() -> None:
    """Baseline : accepter les signalements actuels, ne voir que les nouveaux."""


@baseline_group.command("create")
@click.argument("paths", nargs=-1, required=True)
@click.option("-o", "--output", default=".qc-baseline.json", show_default=True, type=click.Path(dir_okay=False))
@click.option("--config", type=click.Path(dir_okay=False))
def baseline_create(paths: tuple[str, ...], output: str, config: str | None) -> None:
    """Écrire les signalements actuels dans un fichier de baseline."""
    from qc import baseline
    from qc.engine import Options, check_paths

    results = list(check_paths(paths, Options(config=config)))
    count = baseline.create(results, output)
    click.echo(f"baseline : {count} signalement(s) enregistré(s) dans {output}")
    for r in results:
        if r.error:
            click.echo(f"qc: {r.error}", err=True)
    sys.exit(2 if any(r.error for r in results) else 0)


from qc.cli_facts import facts  # noqa: E402
from qc.cli_models import models  # noqa: E402
from qc.cli_report import report  # noqa: E402
from qc.cli_review import review  # noqa: E402

main.add_command(facts)
main.add_command(models)
main.add_command(report)
main.add_command(review)
