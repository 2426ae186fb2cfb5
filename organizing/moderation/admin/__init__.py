"""Moderation in the admin (autodiscover imports this package):

- `decisions`: the moderation home, the decisions (read-only), reason templates, requests for
  review; `cases`: reports and report cases; `settings`: the registration mode;
- `users`, `collectives`, `actions`, `coalitions`, `appeals`: moderation's side of the admins
  of the floors below. Each app's own admin stays in its app and knows nothing of moderation;
  moderation registers it again, subclassed, with its admin actions (verify, suspend, approve,
  hide, restore...), the moderator's country scope and the break-glass pages;
- `tools`: what those actions share (applying a decision to each selected row, the
  intermediate page asking why).

Admin actions call organizing.moderation.services; they never change states here.
"""

from django.contrib import admin

from . import actions, appeals, cases, coalitions, collectives, decisions, settings, users  # noqa: F401

# The admin index links to the moderation home.
admin.site.index_template = "admin/moderation/index.html"
