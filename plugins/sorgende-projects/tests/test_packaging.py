"""The plugin is installed and removed with pip; without it nothing in the core or the web
plugin refers to it.

Two checks:

* a scan: no file of ``src/sorgende`` or ``plugins/sorgende-web`` names the plugin's
  package or distribution;
* a real round trip with pip, in a virtual environment of its own: the plugin's wheel is
  built from ``plugins/sorgende-projects`` with its own build backend, installed with
  ``pip install``, found by ``sorgende plugins``, its record kinds and migrations in use on
  an SQLite file; then its tables are dropped (``sorgende db remove``), it is removed with
  ``pip uninstall``, and the core and the web plugin open the same file and work.

The environment sees everything the project's own ``.venv`` has (the core, the web plugin
and their dependencies, through a ``.pth`` file that adds a view of its site-packages)
except this plugin, whose editable install is left out of the view. Nothing is fetched:
the wheel is built without build isolation when the build backend (hatchling, a dev
dependency) is installed, the wheel is installed with ``--no-index --no-deps``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

PLUGIN = Path(__file__).resolve().parents[1]
ROOT = PLUGIN.parents[1]
NAMES = ("sorgende_projects", "sorgende-projects")
#: what the core and the web plugin are scanned for: the plugin's package and distribution
SCANNED = (ROOT / "src" / "sorgende", ROOT / "plugins" / "sorgende-web")


def _texts(folder: Path) -> Iterator[tuple[Path, str]]:
    for path in sorted(folder.rglob("*")):
        if not path.is_file() or "__pycache__" in path.parts or ".egg-info" in str(path):
            continue
        try:
            yield path, path.read_text(encoding="utf-8")
        except UnicodeDecodeError:  # images and other binary files
            yield path, path.read_bytes().decode("latin-1")


def test_nothing_in_the_core_or_the_web_plugin_names_the_plugin() -> None:
    found = [
        f"{path.relative_to(ROOT)}: {name}"
        for folder in SCANNED
        for path, text in _texts(folder)
        for name in NAMES
        if name in text.lower()
    ]
    assert found == []
    # the scan reads what it should: the core's modules and the web plugin's templates
    scanned = {path.suffix for folder in SCANNED for path, _ in _texts(folder)}
    assert {".py", ".html", ".toml"} <= scanned


# -- the round trip -------------------------------------------------------------------------

SITE = Path(sysconfig.get_paths()["purelib"])


def _left_out(name: str) -> bool:
    """The plugin's editable install in the project's environment: its metadata and path."""
    lowered = name.lower().replace("-", "_")
    return "sorgende_projects" in lowered


@pytest.fixture(scope="module")
def environment(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A virtual environment with everything of ``.venv`` but this plugin."""
    base = tmp_path_factory.mktemp("packaging")
    view = base / "view"
    view.mkdir()
    for entry in SITE.iterdir():
        if not _left_out(entry.name):
            (view / entry.name).symlink_to(entry)
    env = base / "env"
    subprocess.run(
        [sys.executable, "-m", "venv", "--without-pip", str(env)], check=True, timeout=60
    )
    purelib = subprocess.run(
        [
            str(env / "bin" / "python"),
            "-c",
            "import sysconfig; print(sysconfig.get_paths()['purelib'])",
        ],
        check=True,
        capture_output=True,
        text=True,
        timeout=60,
    ).stdout.strip()
    # processed at start-up: adds the view and runs its .pth files (the editable installs)
    (Path(purelib) / "_sorgende_view.pth").write_text(
        f"import site; site.addsitedir({str(view)!r})\n", encoding="utf-8"
    )
    return env


def _pip(env: Path, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(env / "bin" / "python"), *args],
        check=False,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1"},
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def _run(env: Path, code: str, *args: str) -> str:
    """Run ``code`` in the environment (no sorgende.toml, no SORGENDE_* settings)."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("SORGENDE_", "PYTHON"))}
    done = subprocess.run(
        [str(env / "bin" / "python"), "-c", textwrap.dedent(code), *args],
        check=False,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=env,
        env={**clean, "SORGENDE_LANGUAGE": "en"},
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def _cli(env: Path, *args: str) -> str:
    return _run(env, "import sys; from sorgende.cli import main; sys.exit(main())", *args)


def _wheel(folder: Path) -> Path:
    """The plugin's wheel, built by its own build backend, nothing fetched if it can be."""
    try:
        import hatchling  # noqa: F401

        isolation = ["--no-build-isolation"]
    except ImportError:  # the backend is fetched from the package index into an isolated build
        isolation = []
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", *isolation, "-w", str(folder),
         str(PLUGIN)],
        check=False,
        capture_output=True,
        text=True,
        timeout=180,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    (wheel,) = folder.glob("sorgende_projects-*.whl")
    return wheel


#: opens the database with the installed plugins, as `sorgende serve` does; prints facts
USE = """
    import json, sys
    import sorgende
    url = sys.argv[1]
    settings = sorgende.load_settings(environ={})
    with sorgende.open(url, settings=settings) as platform:
        names = platform.plugins.plugin_names()
        kinds = sorted(k.name for k in platform.registry if k.name.startswith("projects."))
        communities = platform.communities()
        print(json.dumps({"plugins": names, "kinds": kinds,
                          "communities": [c.name for c in communities]}))
"""

#: with the plugin: an event with a shift, a sign-up stored in the plugin's tables
SIGN_UP = """
    import sys
    from datetime import datetime, timedelta, timezone
    import sorgende
    from sorgende_projects import Projects
    url = sys.argv[1]
    with sorgende.open(url, settings=sorgende.load_settings(environ={})) as platform:
        town = platform.create_community("Ballenstedt")
        club = town.register_actor(sorgende.ActorKind.ASSOCIATION, "Heimatverein")
        lead = town.register_actor(sorgende.ActorKind.PERSON, "Leitung")
        town.add_membership(lead.id, club.id, sorgende.Role.COORDINATOR)
        anna = town.register_actor(sorgende.ActorKind.PERSON, "Anna")
        projects = Projects(platform, town.community_id)
        start = datetime.now(timezone.utc).replace(microsecond=0) + timedelta(days=3)
        event = projects.plan_event("Ferienwoche", organisations=[club.id], starts_at=start,
                                    ends_at=start + timedelta(hours=4), by=lead.id)
        shift = projects.add_shift(event.id, "Aufbau", starts_at=start,
                                   ends_at=start + timedelta(hours=2), capacity=2, by=lead.id)
        signup = projects.sign_up(shift.id, anna.id, by=anna.id)
        kinds = sorted(k.name for k in platform.registry if k.name.startswith("projects."))
        print(signup.state.value, len(projects.sign_ups(shift.id, by=lead.id)), *kinds)
"""

#: without the plugin: the core's use cases and the web plugin's pages on the same file
WITHOUT = """
    import sys
    from datetime import datetime, timedelta, timezone
    import sorgende
    from litestar.testing import TestClient
    from sorgende_web.app import create_app
    url = sys.argv[1]
    settings = sorgende.load_settings(environ={})
    with sorgende.open(url, settings=settings) as platform:
        (town,) = platform.communities()
        service = platform.community(town.id)
        anna = next(a for a in service.actors() if a.name == "Anna")
        place = service.add_place("Ballenstedt")
        start = datetime.now(timezone.utc) + timedelta(days=2)
        posted = service.post_request(anna.id, "shopping", place.id,
                                      sorgende.TimeWindow(start, start + timedelta(hours=1)), 1.0)
        # the plugin's events stay in the community's log; the core reads past them
        with platform.read(town.id) as uow:
            logged = [e.event for e in uow.event_log.read()]
        trail = service.audit_trail(by=sorgende.OPERATOR)
        exported = list(platform.export_community(town.id))
        print(posted.status.value, len(logged) > 0, len(exported) > 0)
        with TestClient(app=create_app(platform)) as client:
            print(client.get("/").status_code, client.get("/board").status_code)
"""


def test_installed_and_removed_with_pip(environment: Path, tmp_path: Path) -> None:
    env = environment
    db = f"sqlite:///{tmp_path / 'ballenstedt.db'}"
    # before: the core and the web plugin, no projects
    before = json.loads(_run(env, USE, db))
    assert "projects" not in before["plugins"] and "web" in before["plugins"]
    assert before["kinds"] == []

    wheel = _wheel(tmp_path / "dist")
    _pip(env, "install", "--no-index", "--no-deps", str(wheel))
    listed = _cli(env, "plugins")
    assert "projects" in listed and "sorgende-projects" in listed
    assert "sorgende_record_kinds" in listed
    # installed: its migrations create its tables in the file the core made
    state, count, *kinds = _run(env, SIGN_UP, db).split()
    assert (state, count) == ("confirmed", "1")
    assert {"projects.shift", "projects.signup", "projects.event"} <= set(kinds)

    # removed: its tables first (while its migrations are there), then the distribution
    removed = _cli(env, "db", "remove", "sorgende_projects", "--storage", db, "--yes")
    assert "sorgende_projects" in removed
    _pip(env, "uninstall", "--yes", "sorgende-projects")
    after = json.loads(_run(env, USE, db))
    assert "projects" not in after["plugins"] and after["kinds"] == []
    assert after["communities"] == ["Ballenstedt"]
    assert _run(env, WITHOUT, db).split() == ["open", "True", "True", "200", "200"]
