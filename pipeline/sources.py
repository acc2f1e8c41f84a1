"""The sources registry: where the crawl starts and which links it follows.

The registry (``data/sources.yaml``) names each web site with its hosts, entry points,
politeness delay and CMS profile; a profile holds the link rules that say which URLs
are listing pages (visited for links, never stored), promise pages and documents
(stored as snapshots). Rules are data so a maintainer can add a path generation
without touching the crawler.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal
from urllib.parse import parse_qsl, urljoin, urlsplit, urlunsplit

import yaml

from models.source import Publisher

DEFAULT_REGISTRY = Path(__file__).resolve().parents[1] / "data" / "sources.yaml"
DEFAULT_DELAY = 5.0
DEFAULT_USER_AGENT = "medborgarloften/0.1"

# index: visited for links only; promise and document: stored; page: an entry point the
# rules do not recognise (an event page, say), visited for links only.
Role = Literal["index", "promise", "document", "page"]
RULE_ROLES: tuple[Role, ...] = ("index", "promise", "document")
PUBLISHERS = ("police", "municipality", "other")
PROFILES = ("polisen", "sitevision", "episerver", "generic")

# Which kinds of link a page of each role leads to. Listing pages lead to promise pages
# and further listings of their own site; promise pages lead to their documents and to
# other promise pages (a municipality page linking to polisen.se's promise).
FOLLOWS: dict[Role, tuple[Role, ...]] = {
    "index": ("index", "promise"),
    "page": ("index", "promise"),
    "promise": ("promise", "document"),
    "document": (),
}
SAME_SITE_ONLY: frozenset[Role] = frozenset({"index"})


class RegistryError(Exception):
    """The registry cannot be used; the message names the file and what is wrong."""


@dataclass(frozen=True)
class LinkRule:
    path: re.Pattern[str]
    query: frozenset[str] | None  # None admits any query

    def matches(self, path: str, query: str) -> bool:
        if not self.path.search(path):
            return False
        if self.query is None or not query:
            return True
        keys = {key for key, _ in parse_qsl(query, keep_blank_values=True)}
        return keys <= self.query


@dataclass(frozen=True)
class Profile:
    name: str
    rules: dict[Role, tuple[LinkRule, ...]]
    exclude: tuple[re.Pattern[str], ...] = ()

    def role_of(self, url: str) -> Role | None:
        parts = urlsplit(url)
        path = parts.path or "/"
        if any(pattern.search(path) for pattern in self.exclude):
            return None
        for role in RULE_ROLES:
            if any(rule.matches(path, parts.query) for rule in self.rules.get(role, ())):
                return role
        return None

    def is_promise_path(self, url: str) -> bool:
        parts = urlsplit(url)
        return any(rule.matches(parts.path or "/", "") for rule in self.rules.get("promise", ()))


@dataclass(frozen=True)
class Site:
    """One web site of the registry."""

    name: str
    profile: Profile
    hosts: tuple[str, ...]
    entry_points: tuple[str, ...] = ()
    publisher: Publisher | None = None
    kommunkod: str | None = None
    delay: float = DEFAULT_DELAY

    @property
    def declares_pages(self) -> bool:
        """Entry points of sites without promise rules are promise pages by declaration."""
        return not self.profile.rules.get("promise")


@dataclass
class Registry:
    sites: list[Site]
    profiles: dict[str, Profile]
    user_agent: str = DEFAULT_USER_AGENT
    default_delay: float = DEFAULT_DELAY
    source_path: Path | None = None
    _by_host: dict[str, Site] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for site in self.sites:
            for host in site.hosts:
                self._by_host.setdefault(host.lower(), site)

    def site_for(self, url: str) -> Site | None:
        """The site a URL belongs to, by host with port first, then by bare host name."""
        parts = urlsplit(url)
        netloc = host_key(url)
        return self._by_host.get(netloc) or (
            self._by_host.get((parts.hostname or "").lower()) if parts.port is None else None
        )

    def hosts(self) -> set[str]:
        return set(self._by_host)

    def ad_hoc_site(self, url: str) -> Site:
        """A site for a host admitted on the command line but absent from the registry."""
        return Site(
            name=host_key(url),
            profile=self.profiles.get("generic") or Profile("generic", {}),
            hosts=(host_key(url),),
            delay=self.default_delay,
        )


def host_key(url: str) -> str:
    """The politeness unit: host name plus port when the port is not the scheme's default."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if ":" in host:
        host = f"[{host}]"
    port = parts.port
    if port is None or (parts.scheme, port) in {("http", 80), ("https", 443)}:
        return host
    return f"{host}:{port}"


def normalize_url(url: str, base: str | None = None) -> str | None:
    """An absolute http(s) URL without fragment and with a lower-case host, or None."""
    try:
        absolute = urljoin(base, url.strip()) if base else url.strip()
        parts = urlsplit(absolute)
        if parts.scheme.lower() not in {"http", "https"} or not parts.hostname:
            return None
        if parts.username or parts.password:
            return None
        netloc = host_key(absolute)
    except ValueError:
        return None
    return urlunsplit((parts.scheme.lower(), netloc, parts.path or "/", parts.query, ""))


def load_registry(path: Path | str | None = None) -> Registry:
    """Read a registry file. A file without ``profiles`` borrows the default registry's."""
    path = Path(path) if path else DEFAULT_REGISTRY
    data = _read_yaml(path)
    raw_profiles = data.get("profiles")
    if raw_profiles is None and path.resolve() != DEFAULT_REGISTRY.resolve():
        raw_profiles = _read_yaml(DEFAULT_REGISTRY).get("profiles")
    profiles = _parse_profiles(raw_profiles or {}, path)
    defaults = data.get("defaults") or {}
    default_delay = _number(defaults.get("delay", DEFAULT_DELAY), path, "defaults.delay")
    sites_data = data.get("sites") or []
    if not isinstance(sites_data, list):
        raise RegistryError(f"{path}: 'sites' must be a list")
    sites = [
        _parse_site(entry, index, profiles, default_delay, path) for index, entry in enumerate(sites_data)
    ]
    return Registry(
        sites=sites,
        profiles=profiles,
        user_agent=str(data.get("user_agent") or DEFAULT_USER_AGENT),
        default_delay=default_delay,
        source_path=path,
    )


def _read_yaml(path: Path) -> dict:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise RegistryError(f"{path}: cannot read the sources registry ({exc.strerror})") from exc
    except yaml.YAMLError as exc:
        first = str(exc).splitlines()[0]
        raise RegistryError(f"{path}: not valid YAML ({first})") from exc
    if not isinstance(data, dict):
        raise RegistryError(f"{path}: the registry must be a mapping with 'sites'")
    return data


def _parse_profiles(data: object, path: Path) -> dict[str, Profile]:
    if not isinstance(data, dict):
        raise RegistryError(f"{path}: 'profiles' must be a mapping")
    profiles: dict[str, Profile] = {}
    for name, body in data.items():
        where = f"profiles.{name}"
        if not isinstance(body, dict):
            raise RegistryError(f"{path}: {where} must be a mapping of roles to rules")
        rules: dict[Role, tuple[LinkRule, ...]] = {}
        for role in RULE_ROLES:
            entries = body.get(role) or []
            rules[role] = tuple(
                _parse_rule(entry, path, f"{where}.{role}[{i}]") for i, entry in enumerate(entries)
            )
        unknown = set(body) - set(RULE_ROLES) - {"exclude"}
        if unknown:
            raise RegistryError(f"{path}: {where} has unknown keys {sorted(unknown)}")
        exclude = tuple(
            _compile(entry, path, f"{where}.exclude[{i}]")
            for i, entry in enumerate(body.get("exclude") or [])
        )
        profiles[str(name)] = Profile(str(name), rules, exclude)
    return profiles


def _parse_rule(entry: object, path: Path, where: str) -> LinkRule:
    if isinstance(entry, str):
        return LinkRule(_compile(entry, path, where), frozenset())
    if not isinstance(entry, dict) or "path" not in entry:
        raise RegistryError(f"{path}: {where} must be a regex or a mapping with 'path'")
    query = entry.get("query")
    if query == "any":
        keys: frozenset[str] | None = None
    elif query is None:
        keys = frozenset()
    elif isinstance(query, list):
        keys = frozenset(str(key) for key in query)
    else:
        raise RegistryError(f"{path}: {where}.query must be a list of keys or 'any'")
    return LinkRule(_compile(entry["path"], path, where), keys)


def _compile(pattern: object, path: Path, where: str) -> re.Pattern[str]:
    try:
        return re.compile(str(pattern))
    except re.error as exc:
        raise RegistryError(f"{path}: {where} is not a valid regex ({exc})") from exc


def _parse_site(
    entry: object, index: int, profiles: dict[str, Profile], default_delay: float, path: Path
) -> Site:
    where = f"sites[{index}]"
    if not isinstance(entry, dict):
        raise RegistryError(f"{path}: {where} must be a mapping")
    name = str(entry.get("name") or "")
    if not name:
        raise RegistryError(f"{path}: {where} has no name")
    where = f"site {name!r}"
    profile_name = str(entry.get("profile") or "generic")
    if profile_name not in PROFILES:
        raise RegistryError(f"{path}: {where}: unknown profile {profile_name!r}")
    profile = profiles.get(profile_name) or Profile(profile_name, {})
    publisher = entry.get("publisher")
    if publisher is not None and publisher not in PUBLISHERS:
        raise RegistryError(f"{path}: {where}: publisher must be one of {PUBLISHERS}")
    kommunkod = entry.get("kommunkod")
    if kommunkod is not None and not re.fullmatch(r"\d{4}", str(kommunkod)):
        raise RegistryError(f"{path}: {where}: kommunkod must be four digits as text")
    entry_points: list[str] = []
    for raw in entry.get("entry_points") or []:
        url = normalize_url(str(raw))
        if url is None:
            raise RegistryError(f"{path}: {where}: entry point {raw!r} is not an http(s) URL")
        entry_points.append(url)
    hosts = [str(host).lower() for host in entry.get("hosts") or []]
    hosts += [host_key(url) for url in entry_points if host_key(url) not in hosts]
    if not hosts:
        raise RegistryError(f"{path}: {where} has neither hosts nor entry points")
    delay = _number(entry.get("delay", default_delay), path, f"{where}.delay")
    return Site(
        name=name,
        profile=profile,
        hosts=tuple(hosts),
        entry_points=tuple(entry_points),
        publisher=publisher,
        kommunkod=str(kommunkod) if kommunkod is not None else None,
        delay=delay,
    )


def _number(value: object, path: Path, where: str) -> float:
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError) as exc:
        raise RegistryError(f"{path}: {where} must be a number of seconds") from exc
    if number < 0:
        raise RegistryError(f"{path}: {where} must not be negative")
    return number
