"""The hooks a municipality's plugin can implement.

Every hook is named ``register_*`` (or ``update_*``) and receives a callback or a value
from the host, never returns data of its own: the host checks each item the moment it
is registered and names the plugin that gave a bad one (the pattern of llm and
datasette). Implement a hook in your plugin module with::

    from sleutelcursus import hookimpl

    @hookimpl
    def register_contacts(register):
        register(name="Team Samenleven", email="samenleven@voorbeeld.nl")

A misspelt hook name is an error (``check_pending``), not silence, and so is a
parameter the hook does not give: pluggy passes arguments by name, so an
implementation names its parameters as the spec does (``register``, ``config``). The host calls each
plugin's implementation through pluggy, one plugin at a time, so ``@hookimpl(wrapper=True)``
wrappers run around every plugin's call and pluggy's tracing sees each call.
"""

from __future__ import annotations

import pluggy

hookspec = pluggy.HookspecMarker("sleutelcursus")


# ---------------------------------------------------------------------------
# Content: pages of the book
# ---------------------------------------------------------------------------


@hookspec
def register_modules(register):
    """Add local course modules (pages) to the book.

    Use it for what only your municipality has: its neighbourhoods and communities,
    its own agreements with key persons, local cases.

    :param register: call once per module:
        ``register(id, title, page, after=None, pages=(), before=None, learning_paths=("ambtenaar", "sleutelpersoon"), time=None)``

        - ``id`` (str): unique name, lower case, digits, ``-`` and ``_``;
          it becomes part of the page's address: ``lokaal/<plugin>/<id>``.
        - ``title`` (str): the title in the table of contents.
        - ``page`` (str or Path): a MyST Markdown page (``.md``) or a notebook
          (``.ipynb``) shipped in your plugin package. A relative path is taken from
          the folder of the module that implements the hook.
        - ``after`` (str or None): ``"fase-1"``, ``"fase-2"`` or ``"fase-3"`` puts the
          module at the end of that phase; a chapter of a phase (``"fase-2/werving"``)
          puts it right after that chapter.
        - ``before`` (str or None): as ``after``, but before it
          (``"fase-2/kennischeck"``: right before phase 2's knowledge check). Give
          ``after`` or ``before``, not both; with neither, the module goes to the part
          "Lokaal". A chapter the book does not have stops the build.
        - ``pages`` (list): extra pages (same rules) shown as sections below it.
        - ``learning_paths`` (list or tuple): the learning paths the module's pages belong
          to, ``"ambtenaar"`` and/or ``"sleutelpersoon"``; default both. One path is
          ``("ambtenaar",)`` with the comma: ``("ambtenaar")`` is a string and is refused. Trainees on
          those paths reach the pages with "Volgende in jouw leerpad".
        - ``time`` (dict or None): how long a page takes, per page of the module
          (``{"pages/wijken.md": "20 minuten, met één oefening"}``), shown on the start
          page as a national page's ``tijd`` in ``course/leerpaden.yml``; a page
          without one shows "eigen tempo".
    :return: nothing; the host validates each call.

    Use in a local plugin::

        @hookimpl
        def register_modules(register):
            register("onze-wijken", "Onze wijken", "pages/wijken.md", after="fase-2")
    """


@hookspec
def register_exercises(register):
    """Add exercise instances: scenarios, candidate pools, questionnaires.

    The three exercise types are fixed (questionnaire, composition, scenario); a plugin
    adds instances of them as data. A registered exercise can be shown on any page
    with ``from sleutelcursus import exercise; exercise("<id>")``.

    :param register: call once per exercise: ``register(spec)`` where ``spec`` is a
        path to a YAML file (relative to the implementing module's folder) or a dict
        with the same fields. The spec is validated at once; files it names (a CSV
        pool) are read relative to the YAML file.
    :return: nothing; an invalid spec or an id already taken stops the build with
        one line naming your plugin, the file and the field.

    Use in a local plugin::

        @hookimpl
        def register_exercises(register):
            register("data/voorzitter-wijkraad.yaml")
            register("data/kandidaten.yaml")
    """


@hookspec
def register_contacts(register):
    """Add local contact points, shown on the book's page "Hulp en contact".

    :param register: call once per contact point:
        ``register(name, description="", email=None, phone=None, website=None,
        hours=None, replaces_national=False)``

        - ``name`` (str): who to contact (a team or role, not a private person).
        - ``description`` (str): what they can help with.
        - ``email``, ``phone``, ``website``, ``hours`` (str): how and when;
          at least one of ``email``, ``phone`` and ``website``.
        - ``replaces_national`` (bool): ``True`` hides the national advice desk
          from that page (only if your municipality arranged this with them).
    :return: nothing.

    Use in a local plugin::

        @hookimpl
        def register_contacts(register):
            register("Team Samenleven", "Vragen over het netwerk", email="samenleven@voorbeeld.nl")
    """


# ---------------------------------------------------------------------------
# Configuration of the book
# ---------------------------------------------------------------------------


@hookspec
def update_book_config(config):
    """Adjust the Jupyter Book configuration (the contents of ``_config.yml``).

    Change the dict in place: ``title``, ``logo``, ``author``, ``launch_buttons``
    (``jupyterhub_url``, ``binderhub_url``, ``colab_url``). Each plugin's result is
    validated. A setting that an earlier plugin changed is refused, naming both
    plugins, unless this plugin replaces it on purpose with
    ``config.override("title", "...")`` (a dotted key reaches inside a mapping).

    Launch buttons open a page's notebook from a git repository: with any of
    ``jupyterhub_url``, ``binderhub_url`` or ``colab_url`` set, ``repository.url``,
    ``repository.branch`` and ``repository.path_to_book`` (the book's folder in that
    repository, ``""`` for its root) are required, or the build stops with one line
    naming the missing key.

    :param config: the configuration as a dict, as in ``_config.yml``, with the method
        ``override(key, value)``. A ``logo`` may be a path to an image file in your
        plugin package (absolute, or relative to the implementing module's folder);
        the host copies it into the book.
    :return: nothing.

    Use in a local plugin::

        @hookimpl
        def update_book_config(config):
            config["title"] = "Cursus sleutelpersonennetwerk Gemeente Voorbeeld"
            config["launch_buttons"]["jupyterhub_url"] = "https://hub.voorbeeld.nl"
            config["launch_buttons"]["binderhub_url"] = "https://mybinder.org"
            config["repository"] = {
                "url": "https://github.com/gemeente-voorbeeld/sleutelcursus",
                "branch": "main",
                "path_to_book": "",
            }
    """
