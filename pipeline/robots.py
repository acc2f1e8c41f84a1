"""robots.txt rules per host, parsed with Protego (wildcards, Crawl-delay, Sitemap).

What a robots.txt answer means follows RFC 9309: a 4xx (no file) allows everything,
while a 5xx or an unreachable server disallows everything for the rest of the crawl,
because the site may be protecting itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from protego import Protego

ROBOTS_MAX_BYTES = 512 * 1024


@dataclass
class RobotsRules:
    host: str
    status: str  # "parsed", "absent" (4xx: allow all) or "unavailable" (disallow all)
    parser: Protego | None = None
    detail: str | None = None
    sitemaps: list[str] = field(default_factory=list)

    def allows(self, url: str, user_agent: str) -> bool:
        if self.status == "unavailable":
            return False
        if self.parser is None:
            return True
        return bool(self.parser.can_fetch(url, user_agent))

    def crawl_delay(self, user_agent: str) -> float | None:
        if self.parser is None:
            return None
        delay = self.parser.crawl_delay(user_agent)
        return float(delay) if delay is not None else None


def rules_from_response(host: str, status: int | None, body: bytes | None) -> RobotsRules:
    """Turn a robots.txt fetch outcome into rules; ``status`` None means unreachable."""
    if status is not None and 200 <= status < 300:
        text = (body or b"")[:ROBOTS_MAX_BYTES].decode("utf-8", errors="replace")
        parser = Protego.parse(text)
        return RobotsRules(host, "parsed", parser, sitemaps=list(parser.sitemaps))
    if status is not None and 400 <= status < 500 and status != 429:
        return RobotsRules(host, "absent", detail=f"robots.txt answered {status}")
    detail = f"robots.txt answered {status}" if status is not None else "robots.txt unreachable"
    return RobotsRules(host, "unavailable", detail=detail)


def user_agent_token(user_agent: str) -> str:
    """The product token robots.txt groups are matched against ("medborgarloften")."""
    return user_agent.split("/", 1)[0].split()[0] if user_agent.strip() else "*"
