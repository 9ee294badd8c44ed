"""Which page is what: index pages, the service each content page belongs to, and the
data type page each link leads to."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping

from .errors import Diagnostics
from .parse import Page

INDEX_PREFIXES = ("API_Operations", "API_Types", "API_Reference")


def is_index(page: Page) -> bool:
    return page.file.startswith(INDEX_PREFIXES)


def assign_services(
    pages: Iterable[Page], diagnostics: Diagnostics
) -> dict[str, tuple[str, list[Page]]]:
    """Which service each content page belongs to: its SDK links first, then the index
    pages that list it, then the only service there is."""
    pages = list(pages)
    listed_under: dict[str, str] = {}
    for page in pages:
        for index in page.index_lists:
            for href in index.hrefs:
                listed_under.setdefault(href.partition("#")[0], index.service_name)
    votes: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for page in pages:
        if len(page.sdk_uids) == 1 and page.file in listed_under:
            votes[listed_under[page.file]][page.sdk_uids[0]] += 1
    uid_of_name = {
        name: max(sorted(counts), key=lambda uid: counts[uid]) for name, counts in votes.items()
    }
    all_uids = sorted({uid for p in pages for uid in p.sdk_uids} | set(uid_of_name.values()))
    name_of_uid = {uid: name for name, uid in sorted(uid_of_name.items())}
    services: dict[str, tuple[str, list[Page]]] = {}
    for page in pages:
        if is_index(page):
            continue
        uid = _page_uid(page, listed_under, uid_of_name, all_uids)
        if uid is None:
            diagnostics.error(
                page.source,
                "cannot tell which service this page belongs to: expected an SDK link "
                "(.../goto/boto3/<service-uid>/...) or an entry on an API_Operations/API_Types "
                "index page",
            )
            continue
        services.setdefault(uid, (name_of_uid.get(uid, uid), []))[1].append(page)
    files = {page.file for page in pages}
    for page in pages:
        for index in page.index_lists:
            for href in index.hrefs:
                if href.partition("#")[0] not in files:
                    diagnostics.warning(index.source, f"index lists {href}, which is not here")
    return services


def _page_uid(
    page: Page, listed_under: Mapping[str, str], uid_of_name: Mapping[str, str], uids: list[str]
) -> str | None:
    if len(page.sdk_uids) == 1:
        return page.sdk_uids[0]
    if page.file in listed_under and listed_under[page.file] in uid_of_name:
        return uid_of_name[listed_under[page.file]]
    return uids[0] if len(uids) == 1 else None


def link_targets(pages: Iterable[Page]) -> dict[str, str]:
    """href -> structure name, for every way the docs link to a data type page."""
    targets: dict[str, str] = {}
    for page in pages:
        if page.section("Contents") is None:
            continue
        targets[page.file] = page.title
        if page.anchor:
            targets[f"#{page.anchor}"] = page.title
            targets[f"{page.file}#{page.anchor}"] = page.title
    return _LinkTable(targets)


class _LinkTable(dict[str, str]):
    """Resolves ``API_X.md#fragment`` by its file when the exact href is unknown."""

    def __contains__(self, href: object) -> bool:
        return isinstance(href, str) and (
            dict.__contains__(self, href) or dict.__contains__(self, href.partition("#")[0])
        )

    def __getitem__(self, href: str) -> str:
        if dict.__contains__(self, href):
            return dict.__getitem__(self, href)
        return dict.__getitem__(self, href.partition("#")[0])
