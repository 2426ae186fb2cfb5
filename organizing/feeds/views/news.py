"""News feeds of a search: RSS 2.0 and Atom, through django.contrib.syndication.

An item is an action: its title, when and where (the public place unless the exact address is
public), its hosts and description, a link to its page. Nothing about RSVPs.
"""

from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from organizing.actions.access import exact_location_is_public
from organizing.actions.filters import ActionBrowseFilter
from organizing.actions.formats import absolute_url, place_text
from organizing.actions.models import Action
from organizing.core.links import site_url

from ..selectors import browse_url, feed_search, feed_title, news_actions
from .caching import public_feed


@dataclass(frozen=True)
class FeedSource:
    search: ActionBrowseFilter
    url: str  # the feed itself, query string included


class ActionsRssFeed(Feed):
    description_template = "feeds/_action_item.html"

    def get_object(self, request, *args, **kwargs) -> FeedSource:
        return FeedSource(search=feed_search(request.GET), url=site_url(request.get_full_path()))

    def title(self, source: FeedSource) -> str:
        return _("%(title)s · Convergence") % {"title": feed_title(source.search)}

    def link(self, source: FeedSource) -> str:
        return browse_url(source.search)

    def feed_url(self, source: FeedSource) -> str:
        return source.url

    def description(self, source: FeedSource) -> str:
        return _(
            "Actions posted by grassroots collectives on Convergence, as found by the "
            "search on %(url)s."
        ) % {"url": browse_url(source.search)}

    def items(self, source: FeedSource) -> list[Action]:
        return news_actions(source.search)

    def get_context_data(self, **kwargs) -> dict:
        action = kwargs["item"]
        return {
            "action": action,
            "place": place_text(action, show_exact=exact_location_is_public(action)),
        }

    def item_title(self, action: Action) -> str:
        if action.is_cancelled:
            return _("Cancelled: %(title)s") % {"title": action.title}
        return action.title

    def item_link(self, action: Action) -> str:
        return absolute_url(action)

    def item_pubdate(self, action: Action):
        return action.published_at or action.created_at

    def item_updateddate(self, action: Action):
        return action.updated_at

    def item_categories(self, action: Action) -> list[str]:
        return [action.get_kind_display(), *(cause.name for cause in action.causes.all())]


class ActionsAtomFeed(ActionsRssFeed):
    feed_type = Atom1Feed

    def subtitle(self, source: FeedSource) -> str:
        return self.description(source)


actions_rss = public_feed(ActionsRssFeed())
actions_atom = public_feed(ActionsAtomFeed())
