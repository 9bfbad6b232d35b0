"""docs/api.md against the running API: every example a reader may copy is sent, and the JSON
the page shows is compared with the real answer (its keys, and every value that does not
depend on the database or the clock)."""

import json
import re
import shlex
from pathlib import Path

from django.core.cache import cache

import pytest

DOC = Path(__file__).resolve().parents[2] / "docs" / "api.md"
TEXT = DOC.read_text(encoding="utf-8")
BLOCKS = re.findall(r"```(\w*)\n(.*?)```", TEXT, re.DOTALL)
# The ids in the examples are the demo's on one machine; the test uses this database's.
EXAMPLE_IDS = {"/pages/19/": "page", "/coaches/8/": "coach", "/case-studies/42/": "case_study"}


def _commands() -> list[list[str]]:
    commands = []
    for language, block in BLOCKS:
        if language != "sh":
            continue
        joined = block.replace("\\\n", " ")
        for chunk in re.split(r"\n(?=curl )", joined):
            if chunk.startswith("curl "):
                commands.append(shlex.split(chunk, comments=True))
    return commands


def _json_after(heading: str) -> dict:
    """The first JSON block after ``heading``."""
    rest = TEXT[TEXT.index(heading) :]
    return json.loads(re.search(r"```json\n(.*?)```", rest, re.DOTALL).group(1))


def _real_ids(seeded) -> dict:
    from directory.models import CoachProfile
    from pages.models import CaseStudyPage

    page = CaseStudyPage.objects.live().filter(locale__language_code="en").first()
    return {
        "page": page.pk,
        "case_study": page.pk,
        "coach": CoachProfile.objects.filter(live=True).first().pk,
    }


def _path(url: str, ids: dict) -> str:
    path = url.replace("$HUB", "")
    for example, kind in EXAMPLE_IDS.items():
        path = path.replace(example, example.replace(re.sub(r"\D", "", example), str(ids[kind])))
    return path


def _without_ids_or_times(value):
    if isinstance(value, dict):
        return {
            key: _without_ids_or_times(item)
            for key, item in value.items()
            if key not in {"reference", "submitted_at", "status_url"}
        }
    return value


GETS = [
    command
    for command in _commands()
    if "-X" not in command and not any("Authorization" in part for part in command)
]


def test_the_page_has_examples_of_every_public_read():
    urls = " ".join(command[1] for command in GETS)
    for path in ("/pages/", "/taxonomies/", "/directory/coaches/", "/search/"):
        assert f"/api/v3{path}" in urls, path


@pytest.mark.parametrize("command", GETS, ids=[command[1] for command in GETS])
def test_every_read_example_answers(api, seeded, command):
    response = api.get(_path(command[1], _real_ids(seeded)), follow=True)
    assert response.status_code == 200, (command, response.content[:300])
    assert response["Content-Type"].startswith("application/json")


def _posted(command) -> tuple[str, dict, dict]:
    url = command[command.index("-X") + 2]
    headers = {}
    for position, part in enumerate(command):
        if part == "-H":
            name, value = command[position + 1].split(": ", 1)
            headers[name] = value
    body = json.loads(command[command.index("-d") + 1])
    return url, headers, body


def _post_example(api, seeded, endpoint: str, replace_ids):
    cache.clear()
    [command] = [c for c in _commands() if "-X" in c and c[c.index("-X") + 2].endswith(endpoint)]
    url, headers, body = _posted(command)
    replace_ids(body)
    extra = {f"HTTP_{name.upper().replace('-', '_')}": value for name, value in headers.items()}
    extra.pop("HTTP_CONTENT_TYPE", None)
    return api.post(
        _path(url, _real_ids(seeded)), json.dumps(body), content_type="application/json", **extra
    )


def test_the_idea_example_files_an_idea_answered_as_shown(api, seeded):
    from hub.models import Organisation, Priority

    def real_ids(body):
        body["organisation"] = Organisation.objects.filter(locale__language_code="en").first().pk
        body["priorities"] = [Priority.objects.filter(locale__language_code="en").first().pk]

    response = _post_example(api, seeded, "/submissions/", real_ids)
    assert response.status_code == 201, response.content
    shown = _json_after("### Submitting an idea")
    assert set(response.json()) == set(shown)
    assert _without_ids_or_times(response.json()) == _without_ids_or_times(shown)
    assert re.fullmatch(r"QI-[0-9A-Z]{4}-[0-9A-Z]{2}", shown["reference"])
    assert re.fullmatch(r"QI-[0-9A-Z]{4}-[0-9A-Z]{2}", response.json()["reference"])


def test_the_adoption_example_registers_an_adoption_answered_as_shown(api, seeded):
    from hub.models import Organisation

    def real_ids(body):
        body["organisation"] = Organisation.objects.filter(locale__language_code="en").first().pk

    response = _post_example(api, seeded, "/adoptions/", real_ids)
    assert response.status_code == 201, response.content
    assert response.json() == _json_after('### Registering an adoption ("We are adopting this")')


def test_the_error_example_is_the_api_s_error(api):
    shown = _json_after("## Errors")
    response = api.post(
        "/api/v3/submissions/",
        json.dumps({"privacy_consent": True}),
        content_type="application/json",
    )
    real = response.json()
    assert response.status_code == shown["status"]
    assert {key: real[key] for key in ("type", "title", "status", "detail")} == {
        key: shown[key] for key in ("type", "title", "status", "detail")
    }
    assert shown["errors"][0] in real["errors"]


def test_the_documented_defaults_are_the_real_ones(api):
    assert "20 by default, 10 on search" in TEXT
    assert len(api.get("/api/v3/directory/coaches/").json()["items"]) <= 20
    assert api.get("/api/v3/search/").json()["limit"] == 10
    assert api.get("/api/v3/pages/?limit=50").status_code == 200
    assert api.get("/api/v3/pages/?limit=51").status_code == 400
