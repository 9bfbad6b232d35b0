"""Query words, plural forms and snippets: the parts every engine shares."""

from search.text import clean_query, highlight, phrase_words, terms, variants


def test_terms_drop_repeats_and_stop_words_unless_that_is_all():
    assert terms("Falls in the falls CLINIC") == ["falls", "clinic"]
    assert terms("the and") == ["the", "and"]
    assert terms("pressure_ulcer <b>") == ["pressure", "ulcer", "b"]
    assert phrase_words("Falls in the clinic") == ("falls", "in", "the", "clinic")


def test_variants_find_singular_and_plural():
    assert variants("ulcers") == ["ulcer"]
    assert variants("ulcer") == ["ulcer"]
    assert variants("studies") == ["studies", "study"]
    assert variants("study") == ["studies", "study"]
    assert variants("boxes") == ["box"]
    assert variants("sepsis") == ["sepsis"]
    assert variants("ss") == ["ss"]


def test_long_queries_are_cut():
    assert len(clean_query("word " * 100)) == 200


def test_snippets_escape_everything_but_their_marks():
    snippet = highlight('<img src=x onerror="alert(1)"> falls & "more"', ["falls"])
    assert str(snippet) == (
        "&lt;img src=x onerror=&quot;alert(1)&quot;&gt; <mark>falls</mark> &amp; &quot;more&quot;"
    )


def test_snippets_start_near_the_first_match():
    text = " ".join(["word"] * 100 + ["sepsis"] + ["word"] * 100)
    snippet = str(highlight(text, ["sepsis"], max_words=30))
    assert snippet.startswith("… word")
    assert "<mark>sepsis</mark>" in snippet
    assert snippet.endswith(" …")
