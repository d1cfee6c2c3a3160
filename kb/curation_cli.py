"""``kb reextract`` and ``kb review``: keep a knowledge base's claims current and checked."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kb import reviews
from kb.reviews import ClaimFilter, ReviewError

DB_HELP = "SQLite file of the knowledge base."


def open_kb(db_path: Path):
    """The KB at ``db_path``, its schema brought up to date; a missing file is an error, not a new KB."""
    from kb.store import open_db

    if not Path(db_path).is_file():
        raise click.ClickException(
            f"{db_path}: no such knowledge base; build it with `kb ingest PATH --db {db_path}`"
        )
    try:
        return open_db(db_path)
    except ValueError as error:
        raise click.ClickException(str(error)) from None


@click.command("reextract")
@click.option(
    "--db", "db_path", default="kb.db", show_default=True, type=click.Path(path_type=Path), help=DB_HELP
)
@click.option("--all", "every", is_flag=True, help="Every document, not only those an older extractor read.")
@click.option("--document", "document_ids", multiple=True, metavar="ID", help="This document (repeatable).")
@click.option("--dry-run", is_flag=True, help="Say what would change; write nothing.")
@click.option("--workers", type=click.IntRange(1), default=1, show_default=True, help="spaCy processes.")
@click.option("--batch-size", type=click.IntRange(1), default=32, show_default=True)
@click.option("--model-en", envvar="KB_MODEL_EN", help="spaCy model for English. Env: KB_MODEL_EN.")
@click.option("--model-fr", envvar="KB_MODEL_FR", help="spaCy model for French. Env: KB_MODEL_FR.")
@click.option("--quiet", is_flag=True, help="No progress bar.")
def reextract_command(db_path, every, document_ids, dry_run, workers, batch_size, model_en, model_fr, quiet):
    """Run the current extractor again over stored documents.

    By default, the documents an older extractor version read (documents.extractor); each is
    written in its own transaction, so an interrupted run goes on where it stopped. Prints a line
    per document that changed: claims added (+), removed (-) and changed (~). Reviews hold: a
    claim found again keeps its verdict.

    \b
    Example:
        kb reextract --db kb.db
        kb reextract --db kb.db --document uk-2021-07-19 --dry-run
        KB_LEXICONS=my-lexicons/ kb reextract --db copy.db --all --dry-run
    """
    from extract.version import extractor_version
    from kb.reextract import choose_documents, reextract

    version = extractor_version()
    db = open_kb(db_path)
    try:
        chosen = choose_documents(db, version, every=every, ids=document_ids)
    except ValueError as error:
        raise click.ClickException(str(error)) from None
    if not chosen:
        click.echo(f"{db_path}: nothing to do: every document was read by the current extractor ({version})")
        return
    models = {lang: name for lang, name in (("en", model_en), ("fr", model_fr)) if name}
    summary = reextract(
        db, chosen, version, dry_run=dry_run, models=models, workers=workers, batch_size=batch_size,
        progress=not quiet, echo=click.echo,
    )  # fmt: skip
    click.echo(f"{db_path}: {summary} ({version}{', dry run: nothing written' if dry_run else ''})")
    if summary.errors and not summary.documents:
        sys.exit(1)


# --- kb review -------------------------------------------------------------------------------


def _names(db, claims: list[dict]) -> dict[str, str]:
    ids = {c[k] for c in claims for k in ("claimant_id", "subject_id") if c.get(k)}
    return {
        row["id"]: row["name"]
        for row in db["actors"].rows_where(f"id IN ({', '.join('?' * len(ids))})", list(ids))
    }


def show_claim(claim: dict, names: dict[str, str]) -> str:
    state = f" [{claim['review']}]" if claim.get("review") else ""
    claimant = names.get(claim["claimant_id"], claim["claimant_id"])
    subject = names.get(claim["subject_id"], claim["subject_id"])
    confidence = claim["confidence"] or 0
    return (
        f"#{claim['id']} {claim['fingerprint']}  {confidence:.2f}  {claimant} {claim['stance']} {subject}"
        f"{state}  ({claim['document_id']}, {claim['published'] or 'undated'})\n    “{claim['evidence']}”"
    )


def _reviewer_option(function):
    return click.option(
        "--reviewer", envvar="KB_REVIEWER", help="Who reviews (default: $KB_REVIEWER, else your login)."
    )(function)


@click.group("review", invoke_without_command=True)
@click.option(
    "--db", "db_path", default="kb.db", show_default=True, type=click.Path(path_type=Path), help=DB_HELP
)
@click.option("--actor", help="Claims made by or about this actor (id, name or alias).")
@click.option("--stance", type=click.Choice(["accuses", "denies"]))
@click.option("--below", type=click.FloatRange(0, 1), metavar="CONFIDENCE", help="Confidence below this.")
@click.option("--document", "document_id", metavar="ID", help="Claims of this document.")
@click.option("--limit", type=click.IntRange(0), default=20, show_default=True, help="0: all.")
@click.option("--reviewed", is_flag=True, help="List the reviewed claims (rejected ones too) instead.")
@click.option("--interactive", "-i", is_flag=True, help="Ask for a verdict on each claim listed.")
@_reviewer_option
@click.pass_context
def review_group(ctx, db_path, actor, stance, below, document_id, limit, reviewed, interactive, reviewer):
    """List the claims nobody reviewed yet, least confident first, or record verdicts.

    A review names its claim by fingerprint (the document's text, claimant, stance, subject and
    sentence), so it holds through `kb reextract`, a re-ingest, and into another KB built from
    the same texts (`kb review export` / `kb review import`). A rejected claim leaves every
    question, page, graph and export; a corrected one shows its corrected values.

    \b
    Example:
        kb review --db kb.db --actor China --below 0.6
        kb review reject 12 --note "the subject is the victim"
        kb review correct 12 --subject APT31 --degree sponsored
        kb review export --db kb.db --out reviews.jsonl
    """
    ctx.obj = {"db_path": db_path}
    if ctx.invoked_subcommand:
        return
    db = open_kb(db_path)
    actor_ids: tuple[str, ...] = ()
    if actor:
        from kb.graph import UnknownActorError, resolve_actor

        try:
            actor_ids = tuple(resolve_actor(db, actor))
        except UnknownActorError as error:
            raise click.ClickException(str(error)) from None
    chosen = ClaimFilter(actor_ids, stance, below, document_id, reviewed, limit or None)
    claims = reviews.list_claims(db, chosen)
    names = _names(db, claims)
    for claim in claims:
        click.echo(show_claim(claim, names))
        if interactive and not _ask(db, claim, reviewer):
            break
    counts = reviews.count_claims(db)
    total = sum(counts.values())
    done = total - counts["unreviewed"]
    click.echo(
        f"{db_path}: {len(claims)} listed; {done} of {total} claims reviewed "
        f"({counts['confirmed']} confirmed, {counts['corrected']} corrected, {counts['rejected']} rejected)",
        err=True,
    )


def _ask(db, claim: dict, reviewer: str | None) -> bool:
    """One verdict from the keyboard; False to stop."""
    answer = click.prompt(
        "  [c]onfirm, [r]eject, [s]kip, [q]uit", type=click.Choice(list("crsq")), default="s"
    )
    if answer == "q":
        return False
    if answer in "cr":
        note = click.prompt("  note", default="", show_default=False) or None
        verdict = "confirmed" if answer == "c" else "rejected"
        reviews.record(db, [claim["fingerprint"]], verdict, reviewer=reviewer, note=note)
        click.echo(f"  {verdict}")
    return True


def _db_of(ctx, db_path):
    return open_kb(db_path or ctx.obj["db_path"])


SUB_DB = click.option("--db", "db_path", type=click.Path(path_type=Path), help=DB_HELP + " [default: kb.db]")
NOTE = click.option("--note", help="Why, in your words.")
REFS = click.argument("refs", nargs=-1, required=True, metavar="CLAIM...")


def _record(ctx, db_path, refs, verdict, corrections, reviewer, note):
    db = _db_of(ctx, db_path)
    try:
        written = reviews.record(db, refs, verdict, corrections, reviewer=reviewer, note=note)
    except ReviewError as error:
        raise click.ClickException(str(error)) from None
    for row in written:
        click.echo(
            f"{row['fingerprint']} {verdict} ({row['claimant_id']} {row['stance']} {row['subject_id']})"
        )


def _verdict_command(name: str, verdict: str, help_text: str):
    """``kb review confirm`` and ``kb review reject``: a verdict without corrections."""

    @review_group.command(name, help=help_text)
    @REFS
    @NOTE
    @_reviewer_option
    @SUB_DB
    @click.pass_context
    def command(ctx, refs, note, reviewer, db_path):
        _record(ctx, db_path, refs, verdict, {}, reviewer, note)

    return command


confirm_command = _verdict_command("confirm", "confirmed", "Confirm claims (CLAIM: claim id or fingerprint).")
reject_command = _verdict_command(
    "reject",
    "rejected",
    "Reject claims: they leave every question, page, graph and export (CLAIM: id or fingerprint).",
)


@review_group.command("correct")
@REFS
@click.option("--claimant", help="The right claimant (id, name or alias).")
@click.option("--subject", help="The right subject (id, name or alias).")
@click.option("--speaker", help="The right speaker, or 'none'.")
@click.option("--counterpart", help="The accuser a denial answers, or 'none'.")
@click.option("--stance", type=click.Choice(["accuses", "denies"]))
@click.option("--degree", type=click.Choice(["direct", "sponsored", "territory", "unspecified"]))
@click.option("--hedged/--not-hedged", default=None, help="Whether the wording is hedged.")
@click.option("--incident", help="The operation the claim is about, or 'none'.")
@NOTE
@_reviewer_option
@SUB_DB
@click.pass_context
def correct_command(
    ctx,
    refs,
    claimant,
    subject,
    speaker,
    counterpart,
    stance,
    degree,
    hedged,
    incident,
    note,
    reviewer,
    db_path,
):
    """Correct what the extractor read; the claim shows the corrected values and says so.

    \b
    Example:
        kb review correct 12 --subject APT31 --degree sponsored --note "APT31 is named in the sentence"
        kb review correct 3f9a2c --counterpart none
    """
    db = _db_of(ctx, db_path)
    given = {
        "claimant_id": claimant,
        "subject_id": subject,
        "speaker_id": speaker,
        "counterpart_id": counterpart,
    }
    corrections = {"stance": stance, "degree": degree, "hedged": hedged, "incident": _none(incident)}
    for name, value in given.items():
        corrections[name] = _actor_id(db, value) if value else None
    corrections = {k: v for k, v in corrections.items() if v is not None}
    if not corrections:
        raise click.UsageError("say what to correct: --claimant, --subject, --stance, --degree, ...")
    _record(ctx, db_path, refs, "corrected", corrections, reviewer, note)


def _none(value: str | None) -> str | None:
    return "" if value is not None and value.strip().lower() == "none" else value


def _actor_id(db, query: str) -> str:
    """One actor for an option: its id, name or alias; '' for 'none'."""
    from kb.graph import UnknownActorError, resolve_actor

    if _none(query) == "":
        return ""
    try:
        found = resolve_actor(db, query)
    except UnknownActorError as error:
        raise click.ClickException(str(error)) from None
    if len(found) > 1:
        raise click.ClickException(f"{query!r} names several actors ({', '.join(found)}): give the id")
    return found[0]


@review_group.command("clear")
@REFS
@SUB_DB
@click.pass_context
def clear_command(ctx, refs, db_path):
    """Forget the reviews of claims: they show as extracted again."""
    db = _db_of(ctx, db_path)
    try:
        removed = reviews.clear(db, refs)
    except ReviewError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"{removed} review{'s' if removed != 1 else ''} removed")


@review_group.command("export")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="JSONL file (default: stdout).")
@SUB_DB
@click.pass_context
def export_reviews_command(ctx, out, db_path):
    """Write every review as JSON Lines, for `kb review import` into another KB."""
    db = _db_of(ctx, db_path)
    lines = list(reviews.export_reviews(db))
    text = "".join(line + "\n" for line in lines)
    if out:
        out.write_text(text, encoding="utf-8")
        click.echo(f"{out}: {len(lines)} reviews", err=True)
    else:
        click.echo(text, nl=False)


@review_group.command("import")
@click.argument(
    "files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@SUB_DB
@click.pass_context
def import_reviews_command(ctx, files, db_path):
    """Add the reviews of JSONL files (from `kb review export`); a newer review wins.

    Reviews of claims this KB does not hold (yet) are kept: they apply when the documents are
    ingested. A bad line is reported with its number; the others are imported.
    """
    db = _db_of(ctx, db_path)
    failed = 0
    for path in files:
        summary = reviews.import_reviews(db, path)
        for message in summary.errors:
            click.echo(f"error: {message}", err=True)
        click.echo(f"{path}: {summary}")
        failed += bool(summary.errors) and not (summary.added or summary.updated or summary.kept)
    if failed:
        sys.exit(1)


@review_group.command("status")
@SUB_DB
@click.pass_context
def status_command(ctx, db_path):
    """How many claims are reviewed, and the reviews that apply to no claim here."""
    db = _db_of(ctx, db_path)
    counts = reviews.count_claims(db)
    total = sum(counts.values())
    share = (total - counts["unreviewed"]) / total if total else 0
    click.echo(
        f"{total} claims: {counts['unreviewed']} unreviewed, {counts['confirmed']} confirmed, "
        f"{counts['corrected']} corrected, {counts['rejected']} rejected ({share:.0%} reviewed)"
    )
    for row in reviews.unmatched_reviews(db):
        where = f"{row['document_id']}: “{row['evidence']}”"
        click.echo(f"{row['fingerprint']} {row['verdict']}: {row['problem']} ({where})")
