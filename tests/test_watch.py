"""kb watch against a local HTTP server (127.0.0.1) serving fixture feeds and every kind of failure.

The fetcher's manners are tested alone (no model); the polls run the real extractor.
"""

from __future__ import annotations

import socket

import pytest
import sqlite_utils
from click.testing import CliRunner
from watch_server import running_server

from kb.cli import cli
from kb.fetch import Fetcher, FetchError, user_agent
from kb.watch_cli import parse_duration

FAST = {"timeout": 0.5, "retries": 1, "backoff": 0.05, "delay": 0.0, "max_bytes": 1_000_000}


@pytest.fixture(scope="module")
def server():
    with running_server() as running:
        yield running


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def failure(fetcher: Fetcher, url: str) -> FetchError:
    with pytest.raises(FetchError) as caught:
        fetcher.get(url)
    return caught.value


def test_a_feed_is_asked_for_again_only_if_it_changed(server):
    with Fetcher(**FAST) as fetcher:
        first = fetcher.get(server.base + "/feed.xml")
        assert first.status == 200 and first.headers["etag"] == '"v1"' and b"<rss" in first.body
        again = fetcher.get(server.base + "/feed.xml", etag=first.headers["etag"])
        assert again.not_modified and again.body == b""
    sent = [headers for _, path, headers in server.requests if path == "/feed.xml"]
    assert sent[-1]["If-None-Match"] == '"v1"'
    assert sent[-1]["User-Agent"].startswith("cyber-claims-kb/") and "kb watch" in sent[-1]["User-Agent"]


def test_each_failure_is_a_clear_error_and_only_what_may_pass_is_retried(server):
    fetcher = Fetcher(**FAST)
    cases = {
        "/missing.xml": ("HTTP 404", 1, True),
        "/error.xml": ("HTTP 500 (2 attempts)", 2, False),
        "/slow.xml": ("no answer within 0.5 s", 2, False),
        "/loop-a": ("redirect loop", 1, True),
        "/huge.xml": ("larger than the 1,000,000-byte limit", 1, True),
    }
    for path, (reason, attempts, permanent) in cases.items():
        before = server.hits[path]
        error = failure(fetcher, server.base + path)
        assert reason in error.reason, (path, error.reason)
        assert error.permanent is permanent, path
        assert server.hits[path] - before == attempts, path
    fetcher.close()


def test_robots_txt_is_respected_and_an_unreachable_or_foreign_address_is_refused(server):
    fetcher = Fetcher(**FAST)
    error = failure(fetcher, server.base + "/private/secret.html")
    assert "disallowed by robots.txt" in error.reason and error.permanent
    assert server.hits["/private/secret.html"] == 0 and server.hits["/robots.txt"] >= 1
    for url in ("ftp://127.0.0.1/feed.xml", "file:///etc/passwd", "javascript:alert(1)", "feed.xml"):
        assert failure(fetcher, url).reason == "not an http(s) URL"
    unreachable = failure(fetcher, f"http://127.0.0.1:{closed_port()}/feed.xml")
    assert "cannot connect" in unreachable.reason and not unreachable.permanent
    fetcher.close()


def test_requests_to_one_host_are_spaced_by_the_delay(server):
    with Fetcher(**{**FAST, "delay": 0.3}) as fetcher:
        for _ in range(3):
            fetcher.get(server.base + "/page.html")
    times = [when for when, path, _ in server.requests if path == "/page.html"][-3:]
    assert all(later - earlier >= 0.29 for earlier, later in zip(times, times[1:], strict=False))


def test_durations_and_the_user_agent():
    assert parse_duration("30m") == 1800 and parse_duration("1h30m") == 5400 and parse_duration("1d") == 86400
    for wrong in ("soon", "30", "10s", "1h 30x"):
        with pytest.raises(ValueError):
            parse_duration(wrong)
    assert user_agent("ops@example.org").endswith("; +ops@example.org)")


# --- polls, with the real extractor ------------------------------------------------------------


def feeds_file(tmp_path, server) -> str:
    lines = [
        "# the local test site",
        f'{server.base}/feed.xml license="Open Government Licence v3.0"',
        f"{server.base}/page.html lang=en publisher='Test Council'",
        f"{server.base}/missing.xml",
        f"{server.base}/error.xml",
        f"{server.base}/slow.xml",
        f"{server.base}/broken.xml",
        f"{server.base}/loop-a",
        f"{server.base}/huge.xml",
        "ftp://127.0.0.1/feed.xml",
        f"http://127.0.0.1:{closed_port()}/feed.xml",
        f"{server.base}/feed.xml colour=blue",
    ]
    path = tmp_path / "feeds.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def watch(feeds: str, db_path, *extra: str):
    args = ["watch", feeds, "--db", str(db_path), "--timeout", "0.5", "--retries", "1"]
    args += ["--backoff", "0.05", "--delay", "0", "--max-bytes", "1000000", "--quiet", *extra]
    return CliRunner().invoke(cli, args, catch_exceptions=False)


@pytest.mark.slow
def test_watch_ingests_new_items_once_and_a_second_poll_fetches_nothing_new(tmp_path):
    with running_server() as server:
        feeds, db_path = feeds_file(tmp_path, server), tmp_path / "kb.db"
        first = watch(feeds, db_path)
        assert first.exit_code == 0, first.output
        db = sqlite_utils.Database(db_path)
        documents = {row["id"]: row for row in db["documents"].rows}
        base = server.base
        assert set(documents) == {
            f"{base}/articles/a1.html",
            f"{base}/articles/a2.html",
            f"{base}/feed.xml#statement-2018-10-06",  # an entry without a page: its own text
            f"{base}/articles/gone.html",  # 404: read from its entry's text instead
            f"{base}/page.html",
        }
        a1 = documents[f"{base}/articles/a1.html"]
        assert a1["title"] == "UK exposes GRU cyber campaign" and a1["published"] == "2018-10-04"
        assert a1["license"] == "Open Government Licence v3.0" and a1["publisher"] == "Test Ministry news"
        assert (
            "Organisation for the Prohibition of Chemical Weapons" in a1["text"]
            and "Home |" not in a1["text"]
        )
        assert documents[f"{base}/page.html"]["publisher"] == "Test Council"
        claims = {(r["document_id"], r["claimant_id"], r["stance"]) for r in db["claims"].rows}
        assert (a1["id"], "GBR", "accuses") in claims
        assert any(doc == f"{base}/articles/a2.html" and stance == "denies" for doc, _, stance in claims)
        assert server.hits["/private/secret.html"] == 0
        secret = db["feed_items"].get(f"{base}/private/secret.html")
        assert secret["status"] == "failed" and "robots.txt" in secret["error"]
        assert secret["attempts"] == 3, "robots.txt will say the same next time: given up at once"

        # every failing source is in feeds, in ingest_errors and on the console; the others went on
        feeds_rows = {row["url"]: row for row in db["feeds"].rows}
        expected = {
            "/missing.xml": "HTTP 404",
            "/error.xml": "HTTP 500",
            "/slow.xml": "no answer within 0.5 s",
            "/broken.xml": "malformed feed",
            "/loop-a": "redirect loop",
            "/huge.xml": "larger than",
        }
        for path, reason in expected.items():
            row = feeds_rows[base + path]
            assert row["status"] == "error" and reason in row["error"], (path, row)
            assert reason in first.output
        assert feeds_rows["ftp://127.0.0.1/feed.xml"]["error"].endswith("not an http(s) URL")
        assert any(
            row["status"] == "error" and "cannot connect" in (row["error"] or "")
            for row in feeds_rows.values()
        )
        assert (
            feeds_rows[f"{base}/feed.xml"]["status"] == "ok"
            and feeds_rows[f"{base}/feed.xml"]["etag"] == '"v1"'
        )
        errors = [row["reason"] for row in db["ingest_errors"].rows]
        assert any("unknown setting 'colour=blue'" in reason for reason in errors)
        assert sum("HTTP 500" in reason for reason in errors) == 1
        articles_fetched = {path: server.hits[path] for path in ("/articles/a1.html", "/articles/a2.html")}
        n_claims = db["claims"].count

        second = watch(feeds, db_path)
        assert second.exit_code == 0
        assert f"{base}/feed.xml: not modified" in second.output
        assert {path: server.hits[path] for path in articles_fetched} == articles_fetched
        assert db["documents"].count == 5 and db["claims"].count == n_claims
        assert "0 new documents" in second.output

        # the feed changes: only its new article is fetched
        server.feed_version = "v2"
        third = watch(feeds, db_path)
        assert f"{base}/feed.xml: 6 entries, 1 new" in third.output
        assert server.hits["/articles/a3.html"] == 1
        assert {path: server.hits[path] for path in articles_fetched} == articles_fetched
        assert db["documents"].count == 6
        assert db["feeds"].get(f"{base}/feed.xml")["documents"] == 5


@pytest.mark.slow
def test_an_item_that_fails_for_now_is_tried_again_at_the_next_poll(tmp_path):
    with running_server() as server:
        feeds = tmp_path / "feeds.txt"
        feeds.write_text(f"{server.base}/feed.xml\n", encoding="utf-8")
        db_path = tmp_path / "kb.db"
        original = server.RequestHandlerClass.do_GET

        def a1_down(handler):
            if handler.path == "/articles/a1.html":
                handler.server.hits[handler.path] += 1
                handler.send(503, b"busy")
            else:
                original(handler)

        server.RequestHandlerClass.do_GET = a1_down
        try:
            watch(str(feeds), db_path)
        finally:
            server.RequestHandlerClass.do_GET = original
        db = sqlite_utils.Database(db_path)
        item = db["feed_items"].get(f"{server.base}/articles/a1.html")
        assert (item["status"], item["attempts"]) == ("failed", 1) and "HTTP 503" in item["error"]
        assert not db["documents"].count_where("id = ?", [item["id"]])

        again = watch(str(feeds), db_path)
        assert "not modified" in again.output  # the feed did not change, the pending item is fetched
        assert db["feed_items"].get(item["id"])["status"] == "stored"
        assert db["documents"].count_where("id = ?", [item["id"]]) == 1


def test_a_poll_where_every_source_fails_exits_with_an_error(server, tmp_path):
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(f"{server.base}/missing.xml\nmailto:someone@example.org\n", encoding="utf-8")
    result = watch(str(feeds), tmp_path / "kb.db")
    assert result.exit_code == 1
    assert f"{server.base}/missing.xml: HTTP 404" in result.output
    assert f"{feeds}:2: mailto:someone@example.org: not an http(s) URL" in result.output
    db = sqlite_utils.Database(tmp_path / "kb.db")
    assert {row["status"] for row in db["feeds"].rows} == {"error"} and db["ingest_errors"].count == 2
    missing_folder = CliRunner().invoke(cli, ["watch", str(feeds), "--db", str(tmp_path / "no" / "kb.db")])
    assert missing_folder.exit_code == 1 and "does not exist" in missing_folder.output


def test_every_polls_again_until_stopped(server, tmp_path, monkeypatch):
    import kb.watch_cli

    feeds = tmp_path / "feeds.txt"
    feeds.write_text(f"{server.base}/missing.xml\n", encoding="utf-8")
    waits: list[float] = []

    def sleep(seconds: float) -> None:
        waits.append(seconds)
        if len(waits) == 2:
            raise KeyboardInterrupt

    monkeypatch.setattr(kb.watch_cli.time, "sleep", sleep)
    before = server.hits["/missing.xml"]
    result = watch(str(feeds), tmp_path / "kb.db", "--every", "30m")
    assert result.exit_code == 0 and result.output.count("next poll at") == 2 and "stopped" in result.output
    assert server.hits["/missing.xml"] - before == 2, "two polls before Ctrl-C"
    assert all(1790 < wait <= 1800 for wait in waits)


def test_feed_entries_with_relative_links_and_wrong_settings_lines(tmp_path):
    from kb.feed_sources import parse_feed, read_sources

    body = (
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
        b"<item><title>A</title><link>/news/a.html</link></item>"
        b"<item><title>B</title><link>javascript:alert(1)</link><description>Text of B.</description></item>"
        b"</channel></rss>"
    )
    feed = parse_feed("http://old.example/feed.xml", body, "http://new.example/feeds/feed.xml")
    assert [e.url for e in feed.entries] == ["http://new.example/news/a.html", None]
    assert feed.entries[1].key == "http://old.example/feed.xml#2" and feed.bad_links == [
        "javascript:alert(1)"
    ]
    listed = tmp_path / "feeds.txt"
    listed.write_text(
        "http://a.example/f.xml lang=english\nhttp://b.example/f.xml 'unclosed\n", encoding="utf-8"
    )
    sources, errors = read_sources(listed)
    assert sources == []
    assert [(written, error.line) for written, _, error in errors] == [
        ("http://a.example/f.xml", 1),
        ("http://b.example/f.xml", 2),
    ]
    assert "lang='english'" in errors[0][1] and "cannot read the line" in errors[1][1]
