import pytest

from pages.blocks import BaseStreamBlock, CallsToActionBlock

# A figure needs an image from the library, so it cannot carry a fixed preview value.
NO_PREVIEW = {"figure"}


@pytest.mark.parametrize("name", list(BaseStreamBlock.base_blocks))
def test_every_body_block_has_icon_template_and_preview(name):
    block = BaseStreamBlock.base_blocks[name]
    assert block.meta.icon and block.meta.icon != "placeholder", name
    assert block.meta.template, name
    if name not in NO_PREVIEW:
        value = block.get_preview_value()
        assert value, name
        html = block.render(value)
        assert html.strip(), name


@pytest.mark.django_db
def test_calls_to_action_render_as_nhs_action_links():
    block = CallsToActionBlock()
    value = block.to_python(
        [{"type": "action_link", "value": {"text": "Find a coach", "external_url": "/coaches/"}}]
    )
    html = block.render(value)
    assert 'class="nhsuk-action-link' in html
    assert 'href="/coaches/"' in html
