"""An import-linter contract of the hub's own: no import circle between any two modules.

import-linter's ``acyclic_siblings`` looks for cycles among the children of one package at a
time, so it misses a circle that runs through a package's ``__init__`` and one of that
package's own modules (``pages.models`` <-> ``pages.models.core``). This contract checks the
module graph itself: every strongly connected component of more than one module is a
circle, whichever packages it spans.

It counts every import grimp finds in a module: at the top, inside functions and methods,
and under ``if TYPE_CHECKING:``, since each one still ties the two modules together.
Configured in ``pyproject.toml`` (``[tool.importlinter]``); run by ``lint-imports``.
"""

from collections import deque

from importlinter.application import contract_utils, output
from importlinter.application.contract_utils import AlertLevel
from importlinter.domain import fields
from importlinter.domain.contract import Contract, ContractCheck
from importlinter.domain.helpers import module_expressions_to_modules

# A circle's example path is shown one import a line, each with where it is written.
MAX_LINES_PER_IMPORT = 2


class AcyclicModulesContract(Contract):
    """Options: ``modules`` (the packages whose modules must form no circle, descendants
    included), ``ignore_imports`` (known exceptions, each ``importer -> imported``; one that
    no longer matches an import is an error, so fixed circles cannot linger here)."""

    type_name = "acyclic_modules"

    modules = fields.ListField(subfield=fields.ModuleExpressionField())
    ignore_imports = fields.SetField(subfield=fields.ImportExpressionField(), required=False)
    unmatched_ignore_imports_alerting = fields.EnumField(AlertLevel, default=AlertLevel.ERROR)

    def check(self, graph, verbose: bool) -> ContractCheck:
        removal = contract_utils.remove_ignored_imports_and_report(
            graph=graph,
            ignore_imports=self.ignore_imports,  # type: ignore[arg-type]
            unmatched_alerting=self.unmatched_ignore_imports_alerting,  # type: ignore[arg-type]
        )
        packages = {
            module.name
            for module in module_expressions_to_modules(
                graph,
                self.modules,  # type: ignore[arg-type]
                raise_if_unmatched=True,
            )
        }
        scope = {
            module
            for package in packages
            for module in (package, *graph.find_descendants(package))
            if module in graph.modules
        }
        circles = [
            sorted(component)
            for component in strongly_connected_components(graph, scope)
            if len(component) > 1
        ]
        circles.sort()
        return ContractCheck(
            kept=not circles,
            warnings=list(removal.warnings),
            ignored_import_count=removal.ignored_import_count,
            metadata={"circles": [(circle, _example_path(graph, circle)) for circle in circles]},
        )

    def render_broken_contract(self, check: ContractCheck) -> None:
        for circle, path in check.metadata["circles"]:
            output.print_error(f"An import circle of {len(circle)} modules:")
            for module in circle:
                output.indent_cursor()
                output.print_error(module, bold=False)
            output.new_line()
            output.print("For example:")
            for importer, imported, lines in path:
                output.indent_cursor()
                output.print(f"{importer} -> {imported} ({', '.join(lines)})")
            output.new_line()


def strongly_connected_components(graph, scope: set[str]) -> list[set[str]]:
    """Tarjan's algorithm over the imports between modules in ``scope`` (iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[set[str]] = []

    def successors(module):
        return sorted(graph.find_modules_directly_imported_by(module) & scope)

    for root in sorted(scope):
        if root in index:
            continue
        work = [(root, iter(successors(root)))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            module, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(successors(child))))
                elif child in on_stack:
                    low[module] = min(low[module], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[module])
            if low[module] == index[module]:
                component = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.add(member)
                    if member == module:
                        break
                components.append(component)
    return components


def _example_path(graph, circle: list[str]) -> list[tuple[str, str, list[str]]]:
    """The shortest way round the circle from its first module, import by import."""
    members = set(circle)
    start = circle[0]
    came_from: dict[str, str] = {}
    queue = deque([start])
    while queue:
        module = queue.popleft()
        for imported in sorted(graph.find_modules_directly_imported_by(module) & members):
            if imported == start:
                steps = [(module, start)]
                while module != start:
                    steps.append((came_from[module], module))
                    module = came_from[module]
                return [
                    (importer, imported, _lines(graph, importer, imported))
                    for importer, imported in reversed(steps)
                ]
            if imported not in came_from:
                came_from[imported] = module
                queue.append(imported)
    return []


def _lines(graph, importer: str, imported: str) -> list[str]:
    details = graph.get_import_details(importer=importer, imported=imported)
    return [f"l.{detail['line_number']}" for detail in details[:MAX_LINES_PER_IMPORT]]
