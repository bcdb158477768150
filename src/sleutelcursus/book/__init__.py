"""Building the book: from the national course and the plugins' additions to a published site.

The steps of ``sleutelcursus build``, one module each:

1. :mod:`.build` loads the plugins and collects what they registered (the validated
   registry), then asks :mod:`.staging` for the files of this build;
2. :mod:`.staging` assembles them: the national course (found by :mod:`.source`), the
   plugins' modules in the table of contents, the generated pages
   (:mod:`.contact_page`, :mod:`.statement`, :mod:`.progress_page`), the learning
   paths (:mod:`.paths`) and the configuration the plugins changed (checked by
   :mod:`sleutelcursus.plugins.book_config`);
3. :mod:`.sphinx_run` writes them to the work folder and runs Sphinx, with the
   Sphinx extension :mod:`.sphinxext` (offline widgets, the static exercise host, the
   learning-path links, the theme's Dutch labels from :mod:`.theme_labels`, a gettext catalog in ``locale/``);
4. :func:`.source.replace_dir` publishes the HTML only when the build succeeded.

:mod:`.serve` previews a built book.
"""
