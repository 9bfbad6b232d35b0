"""``item_published``: another app's way to tell followers of something new as it happens.

Send it inside the transaction that publishes the thing::

    item_published.send(sender=ProjectUpdate, item=Item(...), streams=["project:ward-9"])

``following`` connects :func:`following.sending.on_item_published` to it, and that receiver
takes the same arguments from any signal, so an app that defines its own signal (the projects
app's ``project_update_published``) can connect it in its ``AppConfig.ready()``::

    project_update_published.connect(on_item_published, dispatch_uid="following.projects")
"""

from django.dispatch import Signal

item_published = Signal()
