"""Things a page looks up many times, looked up once per request.

A render asks for the active locale, the site's settings or a page's translations from many
templates and tags; each lookup is a query. :func:`remember` keeps the answer for the rest of
the request, and only for it: the memory is made when a request starts and dropped when it
finishes (``request_started``/``request_finished``), so nothing outlives the request that
read it. Outside a request (commands, the worker, tests calling code directly) nothing is
remembered.
"""

import threading

from django.core.signals import request_finished, request_started

_state = threading.local()


def _start(**kwargs):
    _state.values = {}


def _finish(**kwargs):
    _state.values = None


def connect() -> None:
    request_started.connect(_start, dispatch_uid="hub.per_request.start")
    request_finished.connect(_finish, dispatch_uid="hub.per_request.finish")


def remember(key, compute):
    """``compute()``, once per request for each ``key``."""
    values = getattr(_state, "values", None)
    if values is None:
        return compute()
    if key not in values:
        values[key] = compute()
    return values[key]
