"""Gunicorn settings for the web process (``gunicorn hub.wsgi``, the Procfile's ``web``).

Gunicorn reads this file from the folder it starts in. PORT, WEB_HOST, WEB_CONCURRENCY and
WEB_TIMEOUT come from the environment, with defaults fit for production behind a
TLS-terminating proxy; gunicorn's own GUNICORN_CMD_ARGS overrides anything here.
See docs/deploying.md.
"""

from hub.settings.env import env, env_int

# All interfaces, as a container or platform expects; WEB_HOST=127.0.0.1 when the proxy runs
# on the same machine.
bind = [f"{env('WEB_HOST', '0.0.0.0')}:{env_int('PORT', 8000)}"]  # noqa: S104
workers = env_int("WEB_CONCURRENCY", 2)
# A request still running after this many seconds is killed, and its worker replaced.
timeout = env_int("WEB_TIMEOUT", 30)
graceful_timeout = timeout
keepalive = 5  # seconds; the proxy in front reuses connections
# Each worker is replaced after about 1,000 requests, so a slow leak never grows.
max_requests = 1000
max_requests_jitter = 100

accesslog = "-"  # stdout, one line per request
errorlog = "-"  # stderr
# Gunicorn 27's control socket (a file under the home folder) is not used here.
control_socket_disable = True
