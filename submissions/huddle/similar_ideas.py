"""Similar ideas beside an idea in the huddle inbox: other ideas sharing the most title
words with it. The words are the search service's (``search.text.terms``), so the inbox and
the site's search agree on what a word is and which words say nothing."""

from django.db.models import Q

from search.text import terms
from submissions.models import IdeaSubmission


def similar_ideas(idea: IdeaSubmission, limit: int = 5) -> list[IdeaSubmission]:
    """Other ideas sharing the most title words with this one (one query, then ranked)."""
    words = terms(idea.title, limit=8)
    if not words:
        return []
    query = Q()
    for word in words:
        query |= Q(title__icontains=word)
    candidates = (
        IdeaSubmission.objects.filter(query)
        .exclude(pk=idea.pk)
        .only("reference", "title", "status")
    )[:50]
    ranked = sorted(
        candidates,
        key=lambda other: (-sum(word in other.title.lower() for word in words), other.reference),
    )
    return ranked[:limit]
