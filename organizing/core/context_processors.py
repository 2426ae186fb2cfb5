from django.conf import settings


def map_settings(request) -> dict:
    """The tile server is a setting, so that deployments can choose their own."""
    return {
        "tile_url": settings.MAP_TILE_URL,
        "tile_attribution": settings.MAP_TILE_ATTRIBUTION,
    }
