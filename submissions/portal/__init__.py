"""The public idea portal at ``/submit-an-idea/``: the form's steps, drafts and "continue
later", the private status page, attachments, retention, similar existing work, and posting
an idea through the API."""
