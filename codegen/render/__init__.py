"""Stage 4, render: views poured into the Jinja templates of ``templates/``.

``package.py`` writes the package's data modules (shapes, enums, ``_checks``),
``client.py`` the client, its errors and the runtime, ``codegen.render.docs`` the reference; each
takes a ``ServiceView`` and returns relative path -> unformatted source, and none calls
another. ``environment.py`` is the Jinja environment they share.
"""
