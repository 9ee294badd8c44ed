"""What the reference pages show, decided from the model and the package's names: which
pages exist and how they link (``catalog``), each page's content (``pages``), request
examples (``examples``, ``values``), request diagrams (``diagram``), and the docs'
Markdown as linked segments (``markup``). ``codegen.render.docs`` writes them out."""
