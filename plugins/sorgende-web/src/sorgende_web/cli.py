"""``sorgende serve``: the web platform on uvicorn, with the demo community on first start;
``sorgende web upgrade-roles``: the web roles of sorgende-web 0.1 become the domain's."""

from __future__ import annotations

import socket
import sys
from typing import Any

import click

import sorgende
from sorgende.commands import open_platform, state
from sorgende.errors import ConfigError, Message
from sorgende_web.i18n import translator

DEFAULT_DATABASE = "sqlite:///sorgende.db"


def database_url(given: str | None, configured: str) -> str:
    """``--db``, else the configured storage if it is a database, else ``sorgende.db``."""
    if given:
        return given
    if configured.startswith(("sqlite", "postgresql")):
        return configured
    return DEFAULT_DATABASE


def bind(host: str, port: int) -> socket.socket:
    """A listening socket (port 0: a free port the system picks)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # the protocol named, not 0: asyncio sets TCP_NODELAY only on sockets whose proto is
    # IPPROTO_TCP (accepted ones inherit it); without it Nagle's algorithm holds an
    # answer's body back until the client's delayed ACK, about 40 ms on every answer
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


def uvicorn_config(
    app: Any, *, proxy_headers: bool = False, forwarded_allow_ips: str = "127.0.0.1"
) -> Any:
    """How uvicorn serves the app. Forwarded headers only with ``proxy_headers``, and
    only from ``forwarded_allow_ips``: otherwise any client could claim another address
    (and escape the sign-in throttle) or scheme."""
    import uvicorn

    return uvicorn.Config(
        app,
        log_level="warning",
        proxy_headers=proxy_headers,
        forwarded_allow_ips=forwarded_allow_ips if proxy_headers else "",
        server_header=False,
    )


@click.command("serve")
@click.option(
    "--db",
    "db",
    default=None,
    help="Database URL (default: the configured storage, else sqlite:///sorgende.db).",
)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8000,
    show_default=True,
    help="Port to listen on (0: any free port).",
)
@click.option(
    "--demo/--no-demo",
    default=True,
    show_default=True,
    help="On an empty database: build the demo community VG Daun, or an empty one.",
)
@click.option(
    "--demo-password",
    default=None,
    help="Password of the accounts made on first start (default: a random one).",
)
@click.option(
    "--community",
    "community_name",
    default="Sorgende Gemeinschaft",
    show_default=True,
    help="Name of the community made with --no-demo.",
)
@click.option(
    "--proxy-headers/--no-proxy-headers",
    "proxy_headers",
    default=None,
    help="Behind a reverse proxy: take the client's address and scheme from its "
    "X-Forwarded-For and X-Forwarded-Proto (default: the proxy_headers setting, off).",
)
@click.option(
    "--forwarded-allow-ips",
    default=None,
    help="The proxy addresses whose forwarded headers are trusted, comma-separated "
    "(default: the forwarded_allow_ips setting, 127.0.0.1).",
)
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=1,
    show_default=True,
    help="Worker processes serving requests, beside one process that sends the "
    "notifications; more than one needs an SQL database (PostgreSQL).",
)
@click.pass_context
def serve_command(
    ctx: click.Context,
    db: str | None,
    host: str,
    port: int,
    demo: bool,
    demo_password: str | None,
    community_name: str,
    proxy_headers: bool | None,
    forwarded_allow_ips: str | None,
    workers: int,
) -> None:
    """Serve the web platform (pages and REST API) with uvicorn."""
    import attrs
    import uvicorn

    from sorgende_web.app import create_app
    from sorgende_web.demo import seed_demo, seed_empty
    from sorgende_web.settings import WebSettings

    current = state(ctx)
    t = translator(current.language)
    url = database_url(db, current.settings.storage)
    if workers > 1 and not url.startswith(("postgresql", "sqlite")):
        raise ConfigError(
            source="--workers",
            problem=Message("web.problem.workers_need_sql", storage=url.split(":")[0]),
        )
    platform = sorgende.open(url, plugins=current.extra_plugins, settings=current.settings)
    logins: list[Any] = []
    password = ""
    if not platform.communities():
        click.echo(t.gettext("Empty database: setting up the first community ..."))
        if demo:
            logins, password = seed_demo(
                platform, password=demo_password, plugins=current.extra_plugins
            )
        else:
            admin, password = seed_empty(platform, community_name, password=demo_password)
            logins = [admin]
    settings = WebSettings.from_platform(platform)
    if proxy_headers is not None:
        settings = attrs.evolve(settings, proxy_headers=proxy_headers)
    if forwarded_allow_ips is not None:
        settings = attrs.evolve(settings, forwarded_allow_ips=forwarded_allow_ips)
    app = create_app(platform, settings)
    sock = bind(host, port)
    actual = sock.getsockname()[1]
    shown = f"[{host}]" if ":" in host else host
    for login in logins:
        click.echo(
            t.gettext(
                "  sign in as %(role)s: login %(login)s, password %(password)s (%(name)s)",
                role=login.label(current.language),
                login=login.login,
                password=password,
                name=login.name,
            )
        )
    # the address comes last, on a line of its own: whoever waits for it may start
    click.echo(t.gettext("sorgende is running at %(url)s", url=f"http://{shown}:{actual}/"))
    sys.stdout.flush()

    def config(app: Any) -> Any:
        return uvicorn_config(
            app,
            proxy_headers=settings.proxy_headers,
            forwarded_allow_ips=settings.forwarded_allow_ips,
        )

    if workers > 1:
        from sorgende_web.workers import Supervisor

        # the workers open their own platforms after the fork; the dispatcher sends
        platform.close()
        serving = attrs.evolve(settings, dispatch_notifications=False)
        Supervisor(
            workers,
            open_platform=lambda: sorgende.open(
                url, plugins=current.extra_plugins, settings=current.settings
            ),
            make_app=lambda opened: create_app(opened, serving),
            make_config=config,
            sock=sock,
        ).run()
        return
    server = uvicorn.Server(config(app))
    try:
        server.run(sockets=[sock])
    finally:
        platform.close()


@click.group("web")
def web_command() -> None:
    """The web platform's administration."""


@web_command.command("upgrade-roles")
@click.option(
    "--db",
    "--storage",
    "storage",
    default=None,
    help="Database URL (default: the configured storage, else sqlite:///sorgende.db).",
)
@click.option("--dry-run", is_flag=True, help="Show what would be granted; change nothing.")
@click.pass_context
def upgrade_roles_command(ctx: click.Context, storage: str | None, dry_run: bool) -> None:
    """Grant the domain's roles in place of the web roles of sorgende-web 0.1.

    An account of sorgende-web 0.1 with the web role admin becomes administrator and
    community coordinator, one with the role coordinator community coordinator (as the
    operator, in the audit trail); the old role is cleared. See docs/web.md.
    """
    from sorgende.i18n import translate
    from sorgende_web.roles import upgrade_roles

    current = state(ctx)
    lang = current.language
    t = translator(lang)
    with open_platform(current, database_url(storage, current.settings.storage)) as platform:
        done = upgrade_roles(platform, dry_run=dry_run)
    for item in done:
        roles = ", ".join(translate(f"policy.role.{r.value}", lang) for r in item.granted)
        click.echo(
            t.gettext(
                "%(login)s (%(name)s), web role %(role)s: %(granted)s",
                login=item.login,
                name=item.name,
                role=item.legacy_role,
                granted=roles or t.gettext("no role to grant"),
            )
        )
    if dry_run:
        click.echo(t.gettext("Dry run: nothing was changed."))
    elif not done:
        click.echo(t.gettext("No account carries a web role of sorgende-web 0.1."))
