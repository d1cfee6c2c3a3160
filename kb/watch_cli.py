"""``kb watch FEEDS.txt``: the command line of ``kb.watch``, once or every so often."""

from __future__ import annotations

import re
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

import click

from kb.fetch import Fetcher, user_agent

_DURATION = re.compile(r"(\d+)\s*([dhms])")
_SECONDS = {"d": 86400, "h": 3600, "m": 60, "s": 1}


def parse_duration(text: str) -> float:
    """'30m', '1h30m', '90s', '1d' in seconds; ValueError for anything else."""
    compact = text.strip().lower().replace(" ", "")
    parts = _DURATION.findall(compact)
    if not parts or "".join(n + u for n, u in parts) != compact:
        raise ValueError(f"{text!r} is not a duration: write it like 30m, 2h, 1h30m, 90s or 1d")
    seconds = sum(int(n) * _SECONDS[u] for n, u in parts)
    if seconds < 60:
        raise ValueError(f"{text!r}: poll at most once a minute (--every 1m or more)")
    return float(seconds)


def _duration(ctx, param, value):
    if value is None:
        return None
    try:
        return parse_duration(value)
    except ValueError as error:
        raise click.BadParameter(str(error)) from None


@click.command("watch")
@click.argument(
    "feeds_file", metavar="FEEDS.txt", type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@click.option("--db", "db_path", default="kb.db", show_default=True, type=click.Path(path_type=Path))
@click.option(
    "--every", callback=_duration, metavar="DURATION", help="Poll again every DURATION (30m, 2h); else once."
)
@click.option("--lang", default="auto", show_default=True, help="Language of pages that do not say it.")
@click.option(
    "--archive", type=click.Path(file_okay=False, path_type=Path), help="Keep the fetched pages here."
)
@click.option(
    "--timeout", type=click.FloatRange(0.1), default=20.0, show_default=True, help="Seconds per wait."
)
@click.option(
    "--retries", type=click.IntRange(0, 10), default=2, show_default=True, help="After a 5xx or timeout."
)
@click.option(
    "--backoff", type=click.FloatRange(0), default=2.0, show_default=True, help="Seconds before a retry."
)
@click.option(
    "--delay",
    type=click.FloatRange(0),
    default=1.0,
    show_default=True,
    help="Seconds between requests to a host.",
)
@click.option(
    "--max-bytes",
    type=click.IntRange(1000),
    default=10_000_000,
    show_default=True,
    help="Largest answer read.",
)
@click.option("--contact", help="An e-mail or web address for site owners, added to the User-Agent.")
@click.option("--ignore-robots", is_flag=True, help="Do not read robots.txt (only for sites you own).")
@click.option("--quiet", is_flag=True, help="No progress bar while extracting.")
def watch_command(
    feeds_file,
    db_path,
    every,
    lang,
    archive,
    timeout,
    retries,
    backoff,
    delay,
    max_bytes,
    contact,
    ignore_robots,
    quiet,
):
    """Fetch the feeds and pages listed in FEEDS.txt and ingest the new articles.

    FEEDS.txt holds one address a line (RSS or Atom feed, or a page), optionally followed by
    settings for its documents: lang=, license=, attribution=, publisher=. Lines starting with #
    are comments. A feed is asked for only if it changed (ETag, Last-Modified); each article is
    fetched once (documents are deduplicated by address and by text) and cleaned by trafilatura.
    Requests say who they are (User-Agent), respect robots.txt, wait --delay seconds between two
    requests to the same site, give up after --timeout seconds and retry 5xx answers and timeouts
    with a growing wait. The table `feeds` keeps each source's last fetch, status and error.

    \b
    Example:
        kb watch feeds.txt --db kb.db
        kb watch feeds.txt --db kb.db --every 30m --contact research@example.org
    """
    from kb.watch import Watcher

    if not db_path.parent.exists():
        raise click.ClickException(f"{db_path}: the folder {db_path.parent} does not exist")
    options = {"progress": not quiet}
    while True:
        started = time.monotonic()
        fetcher = Fetcher(
            user_agent(contact), timeout, retries, backoff, delay, max_bytes, robots=not ignore_robots
        )
        watcher = Watcher(db_path, fetcher, lang, archive, lambda m: click.echo(m, err=True), options)
        try:
            with fetcher:
                summary = watcher.poll(feeds_file)
        except KeyboardInterrupt:
            click.echo("stopped", err=True)
            sys.exit(130)
        except (OSError, ValueError) as error:
            raise click.ClickException(str(error)) from error
        click.echo(f"{db_path}: {summary}")
        if every is None:
            if summary.errors and not (summary.fetched or summary.not_modified):
                sys.exit(1)
            return
        wait = max(0.0, every - (time.monotonic() - started))
        next_poll = (datetime.now() + timedelta(seconds=wait)).strftime("%H:%M")
        click.echo(f"next poll at {next_poll} (Ctrl-C to stop)", err=True)
        try:
            time.sleep(wait)
        except KeyboardInterrupt:
            click.echo("stopped", err=True)
            return
