"""A returning visitor's interpreter comes from this browser's own snapshot, in Chromium.

The first visit that starts Python keeps a memory snapshot of it (calculators
imported, policy read, no question asked yet) in Cache Storage; the next visit
restores it instead of starting Python again (overrides/assets/helpcenter/
snapshot.js). Pyodide's snapshot API is private, so these tests pin what must
hold whatever it does: the answers are the ones CPython gives, a damaged or
missing snapshot means an ordinary start (and a new snapshot), a new deploy's
snapshot (or a changed worker's) replaces the old one, and a shopper's inputs
are never in it.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest
from conftest import Shopper
from test_delivery_widget import assert_page_shows, cpython_reply, typed

pytestmark = pytest.mark.browser

__all__ = ["cpython_reply"]  # a fixture, used by name

NEW_YORK = ZoneInfo("America/New_York")
BOOT_WAIT_MS = 60_000  # a Pyodide start on a machine shared with other work
CACHE = "helpcenter-interpreter"  # snapshot.js's CACHE_NAME

# Run in the page (whose CSP allows no eval), with the cache's name.
CACHED_URLS = "async (name) => (await (await caches.open(name)).keys()).map((r) => r.url)"
# Put every stored snapshot back with one of these damages done to it.
DAMAGE_ALL = """async ([name, damage]) => {
  const damages = {
    // A body cut short: the length header no longer matches, so it is not even read.
    "cut-short": (bytes) => bytes.slice(0, 1000),
    // Every 4,096th byte after the first 64 KB flipped: Pyodide restores it and traps.
    "overwritten": (bytes) => {
      for (let i = 65536; i < bytes.length; i += 4096) bytes[i] ^= 0xff;
      return bytes;
    },
    // All zeros: not a snapshot at all (Pyodide checks a magic number).
    "zeroed": (bytes) => new Uint8Array(bytes.length),
  };
  const cache = await caches.open(name);
  for (const request of await cache.keys()) {
    const response = await cache.match(request);
    const bytes = damages[damage](new Uint8Array(await response.arrayBuffer()));
    await cache.put(request, new Response(bytes, { headers: response.headers }));
  }
}"""
DAMAGES = ["cut-short", "overwritten", "zeroed"]
# Whether any stored snapshot holds `text` (ASCII: Python keeps it one byte a character).
SNAPSHOT_HOLDS = """async ([name, text]) => {
  const cache = await caches.open(name);
  const wanted = new TextEncoder().encode(text);
  for (const request of await cache.keys()) {
    const bytes = new Uint8Array(await (await cache.match(request)).arrayBuffer());
    for (let i = bytes.indexOf(wanted[0]); i >= 0; i = bytes.indexOf(wanted[0], i + 1)) {
      if (wanted.every((byte, k) => bytes[i + k] === byte)) return true;
    }
  }
  return false;
}"""


def wait_until_kept(shopper: Shopper) -> None:
    shopper.page.wait_for_function(
        "() => globalThis.helpcenterRuntime.snapshotKept === true", timeout=BOOT_WAIT_MS
    )


def visited_once(shopper_factory, site_url: str) -> Shopper:
    """A shopper on the Shipping page, once this visit's snapshot is kept."""
    shopper = shopper_factory(site_url)
    shopper.open()
    wait_until_kept(shopper)
    return shopper


def next_visit(shopper: Shopper) -> Shopper:
    """The same browser (cache, storage) coming back: a new page of the same context."""
    shopper.page.close()
    again = Shopper(shopper.page.context.new_page(), shopper.base_url)
    again.open()
    return again


def test_a_returning_visitor_is_restored_and_gets_the_answers_cpython_gives(
    shopper_factory, site_url, cpython_reply
):
    first = shopper_factory(site_url)
    first.open()
    first.estimate("2026-11-28T10:00", "Standard shipping")
    assert first.runtime()["interpreter"] == "started"
    wait_until_kept(first)
    assert first.page.evaluate(CACHED_URLS, CACHE) != []

    back = next_visit(first)
    # Christmas Eve: a holiday deadline and a closure, so the restored
    # interpreter reads the time zone's data and the calendar as a new one does.
    for local_time, method in [
        ("2026-11-28T10:00", "Standard shipping"),
        ("2026-12-24T09:15", "Expedited shipping"),
    ]:
        back.estimate(local_time, method)
        assert_page_shows(back, cpython_reply(method, typed(local_time, NEW_YORK)))
    assert back.runtime()["interpreter"] == "restored"
    assert back.runtime()["snapshotKept"] is False  # nothing new to keep
    assert first.page_errors == back.page_errors == []


@pytest.mark.parametrize("damage", DAMAGES)
def test_a_damaged_snapshot_means_an_ordinary_start_and_a_new_snapshot(
    shopper_factory, site_url, cpython_reply, damage
):
    first = visited_once(shopper_factory, site_url)
    first.page.evaluate(DAMAGE_ALL, [CACHE, damage])

    back = next_visit(first)
    back.estimate("2026-11-29T12:00", "Expedited shipping")
    expected = cpython_reply("Expedited shipping", typed("2026-11-29T12:00", NEW_YORK))
    assert_page_shows(back, expected)
    assert back.runtime()["interpreter"] == "started"
    wait_until_kept(back)  # the damaged one is replaced
    assert back.runtime()["state"] == "ready"
    assert back.page_errors == []


def test_a_snapshot_whose_last_restore_never_finished_is_not_tried_again(
    shopper_factory, site_url, cpython_reply
):
    # A restore that hangs is ended by the page's boot timeout, or the shopper
    # leaves while it runs: either way its "restoring" mark stays behind.
    first = visited_once(shopper_factory, site_url)
    (stored,) = first.page.evaluate(CACHED_URLS, CACHE)
    first.page.evaluate(
        """async ([name, url]) => (await caches.open(name)).put(url, new Response(""))""",
        [CACHE, f"{stored}-restoring"],
    )

    back = next_visit(first)
    back.estimate("2026-11-28T10:00", "Standard shipping")
    assert_page_shows(back, cpython_reply("Standard shipping", typed("2026-11-28T10:00", NEW_YORK)))
    assert back.runtime()["interpreter"] == "started"
    wait_until_kept(back)
    assert back.page.evaluate(CACHED_URLS, CACHE) == [stored]  # made again, the mark gone


def test_a_new_deploys_snapshot_replaces_the_old_one_and_leaves_other_sites_alone(
    shopper_factory, site_url
):
    shopper = shopper_factory(site_url)
    # What an earlier deploy of this site, and another site on the same origin, left,
    # put there from another document of the origin before the help center's page opens.
    shopper.page.goto(f"{site_url}assets/helpcenter/runtime.json")
    this_site_before = f"{site_url}assets/helpcenter/interpreter-snapshot-0123456789abcdef0123"
    other_site = f"{site_url}other-shop/assets/helpcenter/interpreter-snapshot-0123456789abcdef0123"
    shopper.page.evaluate(
        """async ([name, urls]) => {
          const cache = await caches.open(name);
          for (const url of urls) await cache.put(url, new Response("old"));
        }""",
        [CACHE, [this_site_before, other_site]],
    )
    shopper.open()
    wait_until_kept(shopper)
    urls = shopper.page.evaluate(CACHED_URLS, CACHE)
    assert other_site in urls
    assert this_site_before not in urls
    (this_site,) = [url for url in urls if url != other_site]
    assert this_site.startswith(f"{site_url}assets/helpcenter/interpreter-snapshot-")


def test_a_worker_that_starts_python_differently_never_restores_the_old_snapshot(
    shopper_factory, site_url, cpython_reply
):
    first = visited_once(shopper_factory, site_url)
    # The next deploy's worker.js takes one more step before its snapshot (here a
    # comment stands for it): its key differs, so it starts afresh.
    changed = '// one more step before the snapshot\n  stage = "start";'

    def changed_worker(route) -> None:
        original = route.fetch()
        body = original.text().replace('stage = "start";', changed, 1)
        assert changed in body
        route.fulfill(response=original, body=body)

    first.page.context.route("**/assets/helpcenter/worker.js", changed_worker)
    back = next_visit(first)
    back.estimate("2026-11-28T10:00", "Standard shipping")
    assert_page_shows(back, cpython_reply("Standard shipping", typed("2026-11-28T10:00", NEW_YORK)))
    assert back.runtime()["interpreter"] == "started"
    wait_until_kept(back)
    assert len(back.page.evaluate(CACHED_URLS, CACHE)) == 1  # the old one is gone


def test_the_snapshot_holds_the_policy_but_never_what_the_shopper_typed(
    shopper_factory, site_url, store_policy
):
    shopper = shopper_factory(site_url)
    shopper.open()
    # Asked before Python has started: the question waits for "ready", and the
    # snapshot is taken before "ready" is sent.
    shopper.estimate("2027-03-17T04:41", "Standard shipping")
    wait_until_kept(shopper)
    assert shopper.page.evaluate(SNAPSHOT_HOLDS, [CACHE, "2027-03-17T04:41"]) is False
    # The search finds what is there: the store's e-mail address, from the policy.
    assert shopper.page.evaluate(SNAPSHOT_HOLDS, [CACHE, store_policy.store.support_email]) is True
