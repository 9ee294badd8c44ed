"""Which page is what: index pages, the service each content page belongs to, and the
data type page each link leads to."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Literal

from ..errors import Diagnostics, Slip
from ..parse import Page, Section

INDEX_PREFIXES = ("API_Operations", "API_Types", "API_Reference")
OPERATION_SECTIONS = (
    "Request Syntax",
    "Request Parameters",
    "URI Request Parameters",
    "Request Body",
    "Response Syntax",
    "Response Elements",
)

PageKind = Literal["operation", "type", "index", "other"]


def page_kind(page: Page) -> PageKind:
    """What a page is, by its sections: a data type page has ``## Contents``; an operation
    page a request or response section (an operation without input may have no ``Request
    Syntax``); a page with neither whose sections list members is a data type page that
    lost its heading (``type_members``); an index page lists pages and defines nothing,
    whatever its file name (a data type named ``ReferenceDataSource`` is no index)."""
    if page.section("Contents") is not None and page.section("Request Syntax") is None:
        return "type"
    if any(page.section(title) is not None for title in OPERATION_SECTIONS):
        return "operation"
    if any(section.members for section in page.sections):
        return "type"
    if page.index_lists or page.file.startswith(INDEX_PREFIXES):
        return "index"
    return "other"


def type_members(page: Page) -> tuple[Section | None, bool]:
    """The section listing a data type page's members, and whether it is ``## Contents``
    (otherwise the first section that lists members)."""
    contents = page.section("Contents")
    if contents is not None:
        return contents, True
    return next((s for s in page.sections if s.members), None), False


def assign_services(
    pages: Iterable[Page], diagnostics: Diagnostics, folder: str
) -> dict[str, tuple[str, list[Page]]]:
    """Which service each content page belongs to, by the best evidence it has: its SDK
    links, the index pages that list it, the service of the pages whose members link to it,
    the service of the pages sharing its file-name prefix (``API_dax_``), the only service
    there is, and last the service with the most pages. A folder without any SDK link is one
    service per index page naming one, or else one service named after the folder. A page
    is never dropped for want of a service: the guesses past the index pages are warnings."""
    pages = list(pages)
    listed_under: dict[str, str] = {}
    for page in pages:
        for index in page.index_lists:
            for href in index.hrefs:
                listed_under.setdefault(href.partition("#")[0], index.service_name)
    content = [p for p in pages if page_kind(p) != "index"]
    uid_of_name = _uids_of_names(content, listed_under)
    if not any(p.sdk_uids for p in content):
        # No SDK links at all: the services the index pages name, else the folder.
        for name in sorted(set(listed_under.values())):
            uid_of_name[name] = _slug(name)
    known = {p.file: uid for p in content if (uid := _stated_uid(p, listed_under, uid_of_name))}
    if not known and content:
        known[content[0].file] = _slug(folder)
    guessed = _guess_uids(content, known)
    name_of_uid = {uid: name for name, uid in sorted(uid_of_name.items())}
    services: dict[str, tuple[str, list[Page]]] = {}
    for page in content:
        uid = known.get(page.file)
        if uid is None:
            uid, why = guessed[page.file]
            diagnostics.slip(
                page.source,
                Slip(
                    "service-guessed",
                    f"no SDK link (.../goto/boto3/<service-uid>/...) or index page names this "
                    f"page's service; assigned to {uid}, {why}",
                ),
            )
        services.setdefault(uid, (name_of_uid.get(uid, uid), []))[1].append(page)
    _share_linked_types(services, content, diagnostics)
    files = {page.file for page in pages}
    for page in pages:
        for index in page.index_lists:
            for k, href in enumerate(index.hrefs):
                if href.partition("#")[0] not in files:
                    diagnostics.slip(
                        index.href_source(k),
                        Slip("index-stale", f"index lists {href}, which is not here"),
                    )
    return services


def _uids_of_names(pages: list[Page], listed_under: Mapping[str, str]) -> dict[str, str]:
    """The uid of each service name the index pages print: the uid most of its pages' SDK
    links carry."""
    votes: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for page in pages:
        if len(page.sdk_uids) == 1 and page.file in listed_under:
            votes[listed_under[page.file]][page.sdk_uids[0]] += 1
    return {
        name: max(sorted(counts), key=lambda uid: counts[uid]) for name, counts in votes.items()
    }


def _stated_uid(
    page: Page, listed_under: Mapping[str, str], uid_of_name: Mapping[str, str]
) -> str | None:
    if len(page.sdk_uids) == 1:
        return page.sdk_uids[0]
    if page.file in listed_under and listed_under[page.file] in uid_of_name:
        return uid_of_name[listed_under[page.file]]
    return None


def _guess_uids(pages: list[Page], known: Mapping[str, str]) -> dict[str, tuple[str, str]]:
    """A uid for each page ``known`` lacks, with the reason, from weaker evidence."""
    uids = sorted(set(known.values()))
    if not uids:
        return {}
    resolved = dict(known)
    guesses: dict[str, tuple[str, str]] = {}
    # Pages linked to from pages of a known service, repeated for types used by types.
    changed = True
    while changed:
        changed = False
        votes: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        for page in pages:
            if page.file in resolved:
                for target in _linked_files(page):
                    votes[target][resolved[page.file]] += 1
        for page in pages:
            if page.file not in resolved and page.file in votes:
                uid = _most(votes[page.file])
                resolved[page.file] = uid
                guesses[page.file] = (uid, "the service of the pages that link to it")
                changed = True
    by_prefix: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for page in pages:
        if page.file in known:
            by_prefix[_prefix(page)][known[page.file]] += 1
    sizes: dict[str, int] = defaultdict(int)
    for uid in known.values():
        sizes[uid] += 1
    for page in pages:
        if page.file in resolved:
            continue
        if _prefix(page) in by_prefix:
            guesses[page.file] = (_most(by_prefix[_prefix(page)]), "as its file-name prefix")
        elif len(uids) == 1:
            guesses[page.file] = (uids[0], "the only service in the folder")
        else:
            guesses[page.file] = (_most(sizes), "the service with the most pages")
    return guesses


def _share_linked_types(
    services: dict[str, tuple[str, list[Page]]], pages: list[Page], diagnostics: Diagnostics
) -> None:
    """A data type page another service's pages link to is defined in that service too
    (and what it links to), rather than leaving that service a member of no type."""
    by_file = {p.file: p for p in pages}
    by_anchor = {f"#{p.anchor}": p.file for p in pages if p.anchor}
    for uid, (_, members) in sorted(services.items()):
        have = {p.file for p in members}
        queue = list(members)
        while queue:
            for target in sorted(_linked_files(queue.pop(), by_anchor)):
                shared = by_file.get(target)
                if target in have or shared is None or page_kind(shared) != "type":
                    continue
                have.add(target)
                members.append(shared)
                queue.append(shared)
                diagnostics.slip(
                    shared.source,
                    Slip(
                        "type-shared",
                        f"data type {shared.title!r}, assigned to another service, is used by "
                        f"pages of {uid}; defined in both",
                    ),
                )


def _linked_files(page: Page, anchors: Mapping[str, str] | None = None) -> set[str]:
    """Pages the ``Type:`` lines of this page's members link to (an anchor-only link
    through ``anchors``, page anchors to files, where given)."""
    files = set()
    for section in page.sections:
        for entry in section.members:
            type_line = entry.field("Type")
            for word in type_line.text.split() if type_line else ():
                if word.startswith("@#") and anchors is not None and word[1:] in anchors:
                    files.add(anchors[word[1:]])
                elif word.startswith("@") and not word.startswith("@#"):
                    files.add(word[1:].partition("#")[0])
    return files


def _prefix(page: Page) -> str:
    """``API_dax_`` of ``API_dax_CreateCluster.md`` (title ``CreateCluster``)."""
    stem = page.file.removesuffix(".md")
    return stem.removesuffix(page.title) if stem.endswith(page.title) else "API_"


def _most(counts: Mapping[str, int]) -> str:
    return max(sorted(counts), key=lambda uid: counts[uid])


def _slug(name: str) -> str:
    return "-".join(re.findall(r"[a-z0-9]+", name.lower())) or "service"


def link_targets(pages: Iterable[Page]) -> dict[str, str]:
    """href -> structure name, for every way the docs link to a data type page."""
    targets: dict[str, str] = {}
    for page in pages:
        if page_kind(page) != "type":
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
