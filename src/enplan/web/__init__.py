"""`enplan demo --web`: the demo in a browser, for trainers.

- ``listen``: where the server may listen (loopback unless --public), and
  whether it can (a port in use, a host that cannot be bound): one
  sentence each, before anything starts.
- ``serve``: builds a demo database once as a template and serves the app
  with textual-serve, one app process per browser tab, with enplan's own
  page (``app_index.html``: nothing loaded from the internet).
- ``session``: what each tab runs (``enplan demo --web-session FOLDER``, a
  hidden option): a fresh private copy of the template, the app on it in
  demo mode, the copy deleted when the tab closes.

Only demo data is ever served: there is no way to give the server a
database. Textual and textual-serve are imported by ``serve`` and
``session`` only; nothing below the UI imports this package.
"""
