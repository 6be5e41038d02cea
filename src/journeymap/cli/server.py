"""Commands of the team server: serve, db upgrade, users, members, push and pull.

They need the ``web`` extra; without it each says how to install it, and the
rest of the command line works as before.
"""

from __future__ import annotations

import enum
import importlib
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

import typer
from rich.markup import escape
from rich.table import Table

from ..errors import InvalidRequest, MissingDependency
from ..i18n import gettext as _, ngettext
from .app import app, console, print_output

if TYPE_CHECKING:
    from ..settings import Settings
    from ..store import Store

db_app = typer.Typer(help="The server's database.", no_args_is_help=True)
users_app = typer.Typer(help="Accounts of the server.", no_args_is_help=True)
members_app = typer.Typer(help="Members of the server's workspaces and their roles.", no_args_is_help=True)
app.add_typer(db_app, name="db")
app.add_typer(users_app, name="users")
app.add_typer(members_app, name="members")

DB = typer.Option(None, "--db", help="Database URL (default sqlite:///journeymap.db; or JOURNEYMAP_DB).")
DATA_DIR = typer.Option(None, "--data-dir", help="Folder of uploads and the secret key (or JOURNEYMAP_DATA_DIR).")
SERVER = typer.Option("http://127.0.0.1:8000", "--server", envvar="JOURNEYMAP_SERVER", help="The server's address.")
TOKEN = typer.Option("", "--token", envvar="JOURNEYMAP_TOKEN", help="An API token of your account.")


class RoleName(str, enum.Enum):
    """A role in a workspace (the names of :class:`journeymap.store.Role`)."""

    viewer = "viewer"
    commenter = "commenter"
    editor = "editor"
    owner = "owner"


def web(module: str) -> ModuleType:
    """Import a module of the server; raise :class:`MissingDependency` with the install hint without the extra."""
    try:
        return importlib.import_module(module)
    except ModuleNotFoundError as error:
        raise MissingDependency(_("this command needs the web extra: pip install 'journeymap[web]' ({name} is missing)").format(name=error.name)) from None


def settings_for(**options: object) -> Settings:
    """Return the settings from the environment, with the options given on the command line over them."""
    return web("journeymap.settings").Settings(**{name: value for name, value in options.items() if value is not None})


def store_for(db: str | None, data_dir: Path | None = None) -> Store:
    """Return the store named by the options and environment, upgraded to the current schema."""
    settings = settings_for(db=db, data_dir=data_dir)
    store = web("journeymap.store").Store(settings.db, data_dir=settings.data_dir)
    store.upgrade()
    return store


def accounts() -> ModuleType:
    """Return the store's account commands module."""
    return web("journeymap.store.admin")


@app.command()
def serve(
    db: str | None = DB,
    data_dir: Path | None = DATA_DIR,
    host: str | None = typer.Option(None, "--host", help="Address to listen on (default 127.0.0.1)."),
    port: int | None = typer.Option(None, "--port", help="Port to listen on (default 8000)."),
    workers: int | None = typer.Option(None, "--workers", help="Server processes (default 1)."),
) -> None:
    """Run the team server; the first run creates the admin user and prints its one-time password."""
    settings = settings_for(db=db, data_dir=data_dir, host=host, port=port, workers=workers)
    if settings.workers > 1 and settings.db.startswith("sqlite"):
        message = _("--workers {workers} needs PostgreSQL: with SQLite, pages served by different processes would not see each other's changes live; serve SQLite with one process, or use --db postgresql://…")
        raise InvalidRequest(message.format(workers=settings.workers), field="workers")
    application = web("journeymap.web").create_app(settings)
    uvicorn = web("uvicorn")
    _first_run(application.state.store)
    console.print(_("Serving on http://{host}:{port} (API reference at /api/docs)").format(host=settings.host, port=settings.port))
    options = {"host": settings.host, "port": settings.port, "log_level": "warning", "timeout_keep_alive": 30, "proxy_headers": False, "http": web("journeymap.web.serving").PROTOCOL}
    if settings.workers == 1:
        uvicorn.run(application, **options)
        return
    application.state.store.close()
    web("journeymap.web.serving").serve_workers(settings, **options)


@db_app.command("upgrade")
def db_upgrade(db: str | None = DB) -> None:
    """Bring the database schema up to date (Alembic migrations; serve also does this)."""
    store = store_for(db)
    _first_run(store)
    console.print(_("Database at schema revision {revision}.").format(revision=store.revision()))


@users_app.command("add")
def users_add(
    username: str = typer.Argument(..., help="The new user's name."),
    role: RoleName | None = typer.Option(None, "--role", help="Their role in the workspace."),
    workspace: str = typer.Option("Default", "--workspace", help="The workspace --role applies to."),
    is_admin: bool = typer.Option(False, "--admin", help="Make them a server administrator."),
    db: str | None = DB,
) -> None:
    """Create a user and print their password (shown once)."""
    store = store_for(db)
    password = accounts().add_user(store, username, role=web("journeymap.store").Role(role.value) if role else None, workspace=workspace, admin=is_admin)
    console.print(_("Created user {name} with password {password}").format(name=escape(username), password=password), soft_wrap=True)


@users_app.command("list")
def users_list(as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a table."), db: str | None = DB) -> None:
    """List the users, their state and their roles."""
    found = accounts().list_users(store_for(db))
    if as_json:
        print_output("users-list", found)
        return
    table = Table(_("User"), _("Admin"), _("Active"), _("Workspaces"), title=_("Users"))
    for user in found:
        roles = ", ".join(f"{name}: {role}" for name, role in user["workspaces"].items())
        table.add_row(escape(str(user["username"])), _("yes") if user["admin"] else "", _("yes") if user["active"] else _("no"), escape(roles))
    console.print(table)


@users_app.command("disable")
def users_disable(username: str = typer.Argument(..., help="The user to disable."), db: str | None = DB) -> None:
    """Disable a user: their sessions end and their tokens stop working."""
    accounts().set_active(store_for(db), username, False)
    console.print(_("Disabled {name}.").format(name=escape(username)))


@users_app.command("enable")
def users_enable(username: str = typer.Argument(..., help="The user to enable."), db: str | None = DB) -> None:
    """Enable a disabled user again."""
    accounts().set_active(store_for(db), username, True)
    console.print(_("Enabled {name}.").format(name=escape(username)))


@users_app.command("reset-password")
def users_reset_password(username: str = typer.Argument(..., help="The user whose password to reset."), db: str | None = DB) -> None:
    """Give a user a new random password (printed once); their sessions end."""
    password = accounts().reset_password(store_for(db), username)
    console.print(_("New password of {name}: {password}").format(name=escape(username), password=password), soft_wrap=True)


@members_app.command("set")
def members_set(
    username: str = typer.Argument(..., help="The user whose role to set."),
    workspace: str = typer.Option(..., "--workspace", help="The workspace's name, or its number when several share the name."),
    role: RoleName = typer.Option(..., "--role", help="Their role there; they become a member if they are not."),
    db: str | None = DB,
) -> None:
    """Set a user's role in a workspace, e.g. to give a workspace whose owners left a new owner."""
    accounts().set_member(store_for(db), username, workspace, web("journeymap.store").Role(role.value))
    console.print(_("{name} is now {role} in {workspace}.").format(name=escape(username), role=role.value, workspace=escape(workspace)))


def _first_run(store: Store) -> None:
    password = accounts().first_run(store)
    if password:
        console.print(_("Created user admin with password {password} (shown once; change it after logging in).").format(password=password), soft_wrap=True)


@app.command()
def push(
    path: Path = typer.Argument(..., help="The map file to send."),
    map_id: str | None = typer.Option(None, "--map", help="Save as a new version of this map (else a new map)."),
    workspace: int | None = typer.Option(None, "--workspace", help="Workspace id of a new map (default: your first)."),
    message: str = typer.Option("", "--message", "-m", help="What changed, kept with the revision."),
    server: str = SERVER,
    token: str = TOKEN,
) -> None:
    """Send a map file to a journeymap server."""
    answer = web("journeymap.web.client").push(path, server=server, token=token, map_id=map_id, workspace=workspace, message=message)
    console.print(_("Map {id} is at version {version}.").format(id=answer["id"], version=answer["version"]))


@app.command()
def pull(
    map_id: str = typer.Argument(..., help="The map's id on the server."),
    output: Path = typer.Option(..., "--output", "-o", help="The file to write (.yaml or .json)."),
    server: str = SERVER,
    token: str = TOKEN,
) -> None:
    """Write a map from a journeymap server to a file, with its persona photos beside it."""
    pulled = web("journeymap.web.client").pull(map_id, output, server=server, token=token)
    console.print(_("Wrote {path}.").format(path=escape(str(pulled.path))))
    if pulled.photos:
        wrote = ngettext("Wrote {count} persona photo into {folder}.", "Wrote {count} persona photos into {folder}.", len(pulled.photos))
        console.print(wrote.format(count=len(pulled.photos), folder=escape(str(pulled.photos[0].parent))))
