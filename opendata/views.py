"""The open-data page and its downloads (CSV and JSON), made from ``datasets``."""

import csv

from django.conf import settings
from django.http import Http404, HttpResponse, JsonResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import get_language

from hub.abuse import hit_rate_limit, retry_after
from hub.spreadsheets import safe_cell

from .datasets import DATASETS, Dataset, small_number_threshold


def licence() -> dict:
    return {"name": settings.HUB_OPEN_DATA_LICENCE, "url": settings.HUB_OPEN_DATA_LICENCE_URL}


def dictionary(dataset: Dataset) -> list[dict]:
    return [
        {"name": column.name, "type": str(column.type), "meaning": str(column.meaning)}
        for column in dataset.columns
    ]


def index(request):
    return TemplateResponse(
        request,
        "opendata/index.html",
        {
            "datasets": [
                {"dataset": dataset, "dictionary": dictionary(dataset)}
                for dataset in DATASETS.values()
            ],
            "licence": licence(),
            "threshold": small_number_threshold(),
        },
    )


def _dataset(request, slug) -> Dataset:
    dataset = DATASETS.get(slug)
    if dataset is None:
        raise Http404("No such dataset")
    return dataset


def _too_many(request):
    """Downloads are built from the database each time: one connection may fetch a
    generous number an hour, then gets a 429 saying when to come back."""
    limit = hit_rate_limit(request, "open-data", settings.HUB_OPEN_DATA_RATE_LIMIT)
    if not limit:
        return None
    response = HttpResponse(
        "Too many downloads from your connection; try again later.\n",
        status=429,
        content_type="text/plain; charset=utf-8",
    )
    return retry_after(response, limit.retry_after)


def _filename(dataset: Dataset, extension: str) -> str:
    return f"{dataset.slug}-{get_language()}.{extension}"


def download_csv(request, slug):
    dataset = _dataset(request, slug)
    if refused := _too_many(request):
        return refused
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(dataset, "csv")}"'
    # A byte-order mark, so spreadsheet programs read the file as UTF-8 (Polish, Urdu).
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow([column.name for column in dataset.columns])
    for record in dataset.records():
        writer.writerow([_cell(value) for value in record.values()])
    return response


def _cell(value) -> str:
    if isinstance(value, list):
        value = "; ".join(str(item) for item in value)
    elif isinstance(value, bool):
        value = "true" if value else "false"
    return safe_cell(value)


def download_json(request, slug):
    dataset = _dataset(request, slug)
    if refused := _too_many(request):
        return refused
    response = JsonResponse(
        {
            "dataset": dataset.slug,
            "title": str(dataset.title),
            "description": str(dataset.description),
            "language": get_language(),
            "licence": licence(),
            "generated_at": timezone.now().isoformat(),
            "fields": dictionary(dataset),
            "records": list(dataset.records()),
        },
        json_dumps_params={"ensure_ascii": False, "indent": 1},
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename(dataset, "json")}"'
    return response
