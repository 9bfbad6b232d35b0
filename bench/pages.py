"""Page speed under gunicorn with production settings, beside a bare view: `make bench`.

    .venv/bin/python bench/pages.py                  # 1x and 10x demo content
    .venv/bin/python bench/pages.py --copies 1       # 1x only
    .venv/bin/python bench/pages.py --seconds 5      # longer runs

For each content size it loads the demo into a scratch PostgreSQL database
(``hub_bench_pages_<n>x`` on BENCH_POSTGRES_URL, default ``postgres://postgres@127.0.0.1:5432``;
``seed_demo --copies n``), collects the static files (the manifest storage), and starts
gunicorn (one sync worker, production settings plus a bare view at ``/__bench__/bare/``, Redis
on BENCH_REDIS_URL) twice: with the page cache and without it. Each page is loaded with wrk
(Debian's package, installed if missing) for a few seconds, alternating with the bare view
through the same middleware, so every ratio compares two runs made moments apart on the same
machine. It reports, per page:

- ``req/s`` and ``÷ bare``: throughput, and as a share of the bare view's;
- ``CPU ms``: the gunicorn worker's CPU time (user + system, from /proc) per request, the
  steadiest figure on a shared machine, and ``bare CPU ÷ CPU``, the throughput share one
  worker would reach on an otherwise idle machine (the API is never page-cached: its hit
  and miss are the same);
- ``queries``: SQL statements for one request, counted in-process.

Three ways per page: ``hit`` (the page cache serves it), ``miss`` (the page cache is on but
every request asks for a new address, ``?bench=<n>``, so the page is rendered each time, with
the parts cache warm), ``off`` (no page cache at all). The bench sends traffic only to
127.0.0.1 and stops by itself. Targets (issue 19): hit at 80 % or more of the bare view;
miss and off at 10 ms CPU or less; 12 queries or fewer per page, the same at 1x and 10x.
"""

import argparse
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = ROOT / ".venv" / "bin" / "python"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
POSTGRES = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432")
REDIS = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/0")
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
MISS_SCRIPT = """
counter = 0
request = function()
  counter = counter + 1
  local sep = string.find(wrk.path, "?", 1, true) and "&" or "?"
  return wrk.format(nil, wrk.path .. sep .. "bench=" .. counter)
end
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def ensure_wrk() -> str:
    found = shutil.which("wrk")
    if found:
        return found
    print("Installing wrk (Debian's package)...", flush=True)
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    subprocess.run([*sudo, "apt-get", "install", "-y", "-qq", "wrk"], check=True)
    return shutil.which("wrk") or sys.exit("wrk is not installed")


def environment(database: str, *, page_cache: bool, var_dir: Path) -> dict:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.site.settings",
        "SECRET_KEY": "bench-" + secrets.token_urlsafe(32),
        "ALLOWED_HOSTS": "127.0.0.1",
        "HUB_BASE_URL": "https://127.0.0.1",
        "DATABASE_URL": f"{POSTGRES}/{database}",
        "REDIS_URL": REDIS,
        "CACHE_KEY_PREFIX": f"bench-{database}-{os.getpid()}",
        "HUB_PAGE_CACHE": "1" if page_cache else "0",
        "HUB_VAR_DIR": str(var_dir),
        "LOG_LEVEL": "ERROR",
        "EMAIL_QUEUE": "database",
        "SEARCH_LOG_FLUSH_SECONDS": "0",
    }
    env.pop("DATABASE_CONN_MAX_AGE", None)
    return env


def manage(env: dict, *args: str) -> str:
    result = subprocess.run(
        [str(PYTHON), "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    if result.returncode:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


def prepare(copies: int, work: Path) -> tuple[str, Path]:
    database = f"hub_bench_pages_{copies}x"
    subprocess.run(
        ["psql", POSTGRES + "/postgres", "-qc", f'DROP DATABASE IF EXISTS "{database}"'],
        check=True,
    )
    subprocess.run(["psql", POSTGRES + "/postgres", "-qc", f'CREATE DATABASE "{database}"'])
    var_dir = work / "var"  # static files (collected) and media
    var_dir.mkdir(parents=True, exist_ok=True)
    env = environment(database, page_cache=False, var_dir=var_dir)
    print(f"[{copies}x] migrate, seed_demo --copies {copies}, collectstatic...", flush=True)
    manage(env, "migrate", "--noinput")
    manage(env, "seed_demo", "--copies", str(copies))
    manage(env, "collectstatic", "--noinput")
    return database, var_dir


@contextmanager
def gunicorn(env: dict):
    port = free_port()
    process = subprocess.Popen(
        [
            str(GUNICORN),
            "bench.site.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
            "--max-requests",
            "0",
            "--access-logfile",
            "/dev/null",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.3)
        else:
            sys.exit("gunicorn did not start: " + process.stderr.read().decode()[-2000:])
        worker = worker_pid(process.pid)
        yield port, worker
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


def worker_pid(master: int) -> int:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        children = Path(f"/proc/{master}/task/{master}/children")
        pids = children.read_text().split() if children.exists() else []
        if pids:
            return int(pids[0])
        time.sleep(0.2)
    sys.exit("no gunicorn worker")


def cpu_ticks(pid: int) -> int:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime, stime


def load(wrk: str, port: int, path: str, seconds: float, worker: int, script: Path | None):
    """(requests per second, worker CPU ms per request, bad responses)."""
    command = [wrk, "-t1", "-c4", f"-d{max(1, round(seconds))}s", "-H", "X-Forwarded-Proto: https"]
    if script:
        command += ["-s", str(script)]
    before = cpu_ticks(worker)
    output = subprocess.run(
        [*command, f"http://127.0.0.1:{port}{path}"], capture_output=True, text=True, check=True
    ).stdout
    used = cpu_ticks(worker) - before
    requests = int(re.search(r"(\d+) requests in", output).group(1))
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return rate, used * 1000 / CLOCK_TICKS / max(requests, 1), int(bad.group(1)) if bad else 0


def pages_to_measure(env: dict) -> list[tuple[str, str]]:
    script = (
        "from pages.models import CaseStudyPage; from directory.models import CoachProfile;"
        "from django.db.models import Count;"
        "cs = CaseStudyPage.objects.live().filter(locale__language_code='en')"
        ".annotate(n=Count('measures')).order_by('-n', 'pk').first();"
        "coach = CoachProfile.objects.filter(live=True).order_by('pk').first();"
        "print(cs.url); print(coach.get_url())"
    )
    # (The last two lines: the shell may print warnings first.)
    case_study, coach = manage(env, "shell", "--verbosity", "0", "-c", script).split()[-2:]
    return [
        ("home", "/"),
        ("case studies", "/case-studies/"),
        ("resources", "/resources/"),
        ("training", "/training/"),
        ("coaches", "/coaches/"),
        ("case study + charts", case_study),
        ("search", "/search/?q=falls"),
        ("coach profile", coach),
        ("API pages", "/api/v3/pages/"),
    ]


def count_queries(env: dict, pages: list[tuple[str, str]]) -> dict[str, int]:
    """Queries per page with the page cache on and missed (the parts cache warm)."""
    script = f"""
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
client = Client(HTTP_X_FORWARDED_PROTO="https", SERVER_NAME="127.0.0.1")
for n, path in enumerate({[path for _name, path in pages]!r}):
    sep = "&" if "?" in path else "?"
    client.get(path + sep + "bench=warm")
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path + sep + "bench=count")
    print(path, response.status_code, len(queries))
"""
    counted = {}
    for line in manage(
        {**env, "HUB_PAGE_CACHE": "1"}, "shell", "--verbosity", "0", "-c", script
    ).splitlines():
        path, status, queries = line.rsplit(" ", 2)
        counted[path] = int(queries) if status == "200" else -1
    return counted


def measure(copies: int, seconds: float, wrk: str, work: Path) -> list[dict]:
    database, var_dir = prepare(copies, work)
    script = work / "miss.lua"
    script.write_text(MISS_SCRIPT)
    rows = []
    for cache_on in (True, False):
        env = environment(database, page_cache=cache_on, var_dir=var_dir)
        pages = pages_to_measure(env)
        queries = count_queries(env, pages) if cache_on else {}
        modes = (("hit", None), ("miss", script)) if cache_on else (("off", None),)
        with gunicorn(env) as (port, worker):
            load(wrk, port, "/__bench__/bare/", 1, worker, None)  # the worker's first requests
            for name, path in pages:
                for mode, lua in modes:
                    load(wrk, port, path, 1, worker, lua)  # warm
                    bare_rate, bare_cpu, _ = load(
                        wrk, port, "/__bench__/bare/", seconds, worker, None
                    )
                    rate, cpu, bad = load(wrk, port, path, seconds, worker, lua)
                    rows.append(
                        {
                            "content": f"{copies}x",
                            "page": name,
                            "mode": mode,
                            "rate": rate,
                            "ratio": rate / bare_rate if bare_rate else 0,
                            "cpu": cpu,
                            "bare_cpu": bare_cpu,
                            "bad": bad,
                            "queries": queries.get(path, ""),
                        }
                    )
                    print(
                        f"  {copies}x {name:<20} {mode:<4} {rate:8.0f} req/s "
                        f"{rows[-1]['ratio']:5.2f} x bare  {cpu:6.2f} ms CPU",
                        flush=True,
                    )
    subprocess.run(
        ["psql", POSTGRES + "/postgres", "-qc", f'DROP DATABASE IF EXISTS "{database}"'],
        check=False,
    )
    return rows


def print_table(rows: list[dict]) -> None:
    print()
    print(
        "| content | page | cache | req/s | ÷ bare | CPU ms/req | bare CPU ms | "
        "bare CPU ÷ CPU | queries |"
    )
    print("| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for row in rows:
        flag = f" ({row['bad']} non-2xx)" if row["bad"] else ""
        print(
            f"| {row['content']} | {row['page']} | {row['mode']} | {row['rate']:.0f}{flag} | "
            f"{row['ratio']:.2f} | {row['cpu']:.2f} | {row['bare_cpu']:.2f} | "
            f"{row['bare_cpu'] / row['cpu'] if row['cpu'] else 0:.2f} | "
            f"{row['queries'] if row['mode'] != 'off' else ''} |"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--copies", type=int, nargs="+", default=[1, 10])
    parser.add_argument("--seconds", type=float, default=3)
    options = parser.parse_args()
    wrk = ensure_wrk()
    rows = []
    with tempfile.TemporaryDirectory(prefix="hub-bench-pages-") as work:
        for copies in options.copies:
            rows += measure(copies, options.seconds, wrk, Path(work) / f"{copies}x")
    print_table(rows)


if __name__ == "__main__":
    main()
