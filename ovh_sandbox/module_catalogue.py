"""OVH's one-click modules (``hosting.web.ModuleList``) as the sandbox offers them.

The catalogue is OVH's, the same for every hosting: each version of each application is an entry
with its own id; ``latest`` marks the newest of a name, and ``upgradeFrom`` lists the ids of the
older versions it replaces. Every module here needs one MySQL database (the only
``hosting.web.module.DependencyTypeEnum`` value).
"""

from __future__ import annotations

from typing import Any

ALL_LANGUAGES = ["cz", "de", "en", "es", "fi", "fr", "it", "lt", "nl", "pl", "pt"]


def _entry(
    module_id: int,
    name: str,
    version: str,
    *,
    php: str,
    size_mb: float,
    languages: list[str],
    admin: str = "string",
    latest: bool = True,
    branch: str = "stable",
    upgrade_from: tuple[int, ...] = (),
    keywords: tuple[str, ...] = (),
) -> dict[str, Any]:
    return {
        "active": True,
        "adminNameType": admin,
        "author": "OVHcloud",
        "branch": branch,
        "id": module_id,
        "keywords": list(keywords),
        "language": languages,
        "languageRequirement": {"unit": "PHP", "value": php},
        "latest": latest,
        "name": name,
        "size": {"unit": "MB", "value": size_mb},
        "upgradeFrom": list(upgrade_from),
        "version": version,
    }


CATALOGUE: tuple[dict[str, Any], ...] = (
    _entry(
        1801,
        "wordpress",
        "6.4.3",
        php="7.4",
        size_mb=68.0,
        languages=ALL_LANGUAGES,
        latest=False,
        branch="old",
        keywords=("blog", "cms"),
    ),
    _entry(
        1842,
        "wordpress",
        "6.5.2",
        php="7.4",
        size_mb=71.5,
        languages=ALL_LANGUAGES,
        upgrade_from=(1801,),
        keywords=("blog", "cms"),
    ),
    _entry(
        1843,
        "prestashop",
        "8.1.5",
        php="8.1",
        size_mb=212.0,
        admin="email",
        languages=["cz", "de", "en", "es", "fr", "it", "nl", "pl", "pt"],
        keywords=("shop", "e-commerce"),
    ),
    _entry(
        1844, "joomla", "5.1.0", php="8.1", size_mb=96.3, languages=ALL_LANGUAGES, keywords=("cms",)
    ),
    _entry(
        1845,
        "drupal",
        "10.2.5",
        php="8.1",
        size_mb=118.7,
        languages=["de", "en", "es", "fr", "it", "nl", "pt"],
        admin="string",
        keywords=("cms",),
    ),
)


def find(module_id: int) -> dict[str, Any] | None:
    return next((entry for entry in CATALOGUE if entry["id"] == module_id), None)
