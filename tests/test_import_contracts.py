"""The "no import circle" contract (tests/import_contracts.py) on small made-up graphs.

``lint-imports`` runs it over the hub itself (make test); these check that it has teeth.
"""

import grimp
import pytest
from importlinter.domain.helpers import MissingImport

from tests.import_contracts import AcyclicModulesContract


def _graph(*imports):
    graph = grimp.ImportGraph()
    for package in ("app", "other"):
        graph.add_module(package)
    for number, (importer, imported) in enumerate(imports, start=1):
        graph.add_import(
            importer=importer,
            imported=imported,
            line_number=number,
            line_contents=f"import {imported}",
        )
    return graph


def _check(graph, **options):
    contract = AcyclicModulesContract(
        name="No circles",
        session_options={},
        contract_options={"modules": ["app", "other"], **options},
    )
    return contract.check(graph, verbose=False)


def _circles(check):
    return [circle for circle, _path in check.metadata["circles"]]


def test_imports_one_way_keep_the_contract():
    graph = _graph(("app.views", "app.models"), ("app.models", "other.enums"))
    assert _check(graph).kept


def test_a_circle_across_packages_breaks_it():
    graph = _graph(
        ("app.models", "app.views"),
        ("app.views", "other.listings"),
        ("other.listings", "app.models"),
        ("app.forms", "app.models"),
    )
    check = _check(graph)
    assert not check.kept
    assert _circles(check) == [["app.models", "app.views", "other.listings"]]
    path = check.metadata["circles"][0][1]
    assert [(importer, imported) for importer, imported, _lines in path] == [
        ("app.models", "app.views"),
        ("app.views", "other.listings"),
        ("other.listings", "app.models"),
    ]


def test_a_circle_through_a_package_init_breaks_it():
    # What acyclic_siblings cannot see: a package and one of its own modules.
    graph = _graph(("app.models", "app.models.core"), ("app.models.core", "app.models"))
    assert _circles(_check(graph)) == [["app.models", "app.models.core"]]


def test_a_known_exception_is_ignored():
    graph = _graph(("app.models", "app.status"), ("app.status", "app.models"))
    assert _check(graph, ignore_imports=["app.models -> app.status"]).kept


def test_an_exception_that_no_longer_matches_is_an_error():
    graph = _graph(("app.status", "app.models"))
    with pytest.raises(MissingImport):
        _check(graph, ignore_imports=["app.models -> app.status"])
