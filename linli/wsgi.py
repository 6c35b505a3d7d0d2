import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "linli.settings")
# A page's statements end within seconds; one that runs on after its request was given up is
# stopped by PostgreSQL. Only the web server loads this module: management commands (migrations,
# bulk loads, rollup rebuilds) run long statements on purpose and keep no limit.
os.environ.setdefault("DATABASE_STATEMENT_TIMEOUT", "60")
# Requests run side by side, so a page's query gets no parallel workers (commands keep them).
os.environ.setdefault("DATABASE_PARALLEL_WORKERS", "0")
application = get_wsgi_application()
