"""Every text the plugin's pages and feeds use is in the catalogue, in German and English."""

from __future__ import annotations

import re
from pathlib import Path

import sorgende_projects.feeds
import sorgende_projects.web

from sorgende.i18n import check_messages, is_registered

WEB = Path(sorgende_projects.web.__file__).parent
TEMPLATES = WEB / "templates"
#: ``_("projects.web.x")`` or ``_('projects.web.x', ...)`` in a template
IN_TEMPLATE = re.compile(r"""_\(\s*["'](projects\.[a-z_.]+[a-z_])["']""")
#: a literal key in code; keys made of parts (``f"projects.web.kind.{k}"``) are checked below
IN_CODE = re.compile(r"""["'](projects\.(?:web|calendar)\.[a-z_.]+[a-z_])["']""")


def _used() -> set[str]:
    keys: set[str] = set()
    for template in TEMPLATES.glob("*.html"):
        keys |= set(IN_TEMPLATE.findall(template.read_text(encoding="utf-8")))
    for module in [*WEB.glob("*.py"), Path(sorgende_projects.feeds.__file__)]:
        keys |= set(IN_CODE.findall(module.read_text(encoding="utf-8")))
    return keys


def test_every_key_used_is_registered() -> None:
    used = _used()
    assert len(used) > 60
    assert sorted(k for k in used if not is_registered(k)) == []


def test_the_catalogue_of_the_plugin_is_complete() -> None:
    problems = [
        p for p in check_messages() if p.startswith(("projects.web.", "projects.calendar."))
    ]
    assert problems == []


def test_keys_made_of_parts_exist() -> None:
    from sorgende_projects.model import ProjectKind, ProjectRole, SignUpState

    from sorgende.domain.actors import ActorKind

    made = [
        *(f"projects.web.kind.{k.value}" for k in ActorKind if k.is_organisation),
        *(f"projects.web.project_kind.{k.value}" for k in ProjectKind),
        *(f"projects.web.role.{r.value}" for r in ProjectRole),
        *(f"projects.web.state.{s.value}" for s in SignUpState),
        *(f"projects.calendar.state.{s.value}" for s in SignUpState),
        *(f"projects.web.month.{n}" for n in range(1, 13)),
    ]
    assert [key for key in made if not is_registered(key)] == []
