"""Background work for idea submissions: retention. (Their emails go through the hub's
outbox, ``hub.outbox``.)"""

from django_tasks import task

from .portal.retention import purge_personal_data


@task()
def purge_personal_data_task() -> dict:
    return purge_personal_data().as_dict()
