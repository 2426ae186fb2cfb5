"""The one answer to "which address is this visitor?", used by every rate limit.

allauth's limiter (sign-up, login, password reset) and ours (RSVPs, reports, posting, the
contact form, alerts) all ask the account adapter, which asks `client_ip()`. Behind the
documented TLS proxy REMOTE_ADDR is the proxy's own address, shared by every visitor: one
person could then spend the whole site's budget, or lock others out of their accounts.

The proxy's header is believed only when the request really comes from a trusted proxy
(`TRUSTED_PROXIES`, loopback by default): anyone else can send any X-Forwarded-For they like.
- `TRUSTED_CLIENT_IP_HEADER` (e.g. "X-Real-IP"): the proxy puts the client's address there.
- Otherwise `TRUSTED_PROXY_COUNT` = N > 0: the proxies, N of them, each append the address they
  saw to X-Forwarded-For; the client's is the Nth from the right (what is left of it came from
  the client and proves nothing).
- With neither (the default), or a header that is missing or not an address: REMOTE_ADDR.
"""

import ipaddress

from django.conf import settings


def _address(value: str | None) -> str | None:
    """A clean IP address, or None; tolerates a port ("1.2.3.4:5678", "[::1]:80")."""
    if not value:
        return None
    value = value.strip()
    if value.startswith("[") and "]" in value:
        value = value[1 : value.index("]")]
    elif value.count(":") == 1:
        value = value.split(":", 1)[0]
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None


def _from_trusted_proxy(peer: str | None) -> bool:
    if peer is None:
        return False
    address = ipaddress.ip_address(peer)
    return any(
        address in ipaddress.ip_network(network, strict=False)
        for network in settings.TRUSTED_PROXIES
    )


def _forwarded_address(request) -> str | None:
    header = settings.TRUSTED_CLIENT_IP_HEADER
    if header:
        return _address(request.headers.get(header))
    count = settings.TRUSTED_PROXY_COUNT
    forwarded = request.headers.get("X-Forwarded-For", "")
    hops = [hop for hop in (part.strip() for part in forwarded.split(",")) if hop]
    if count <= 0 or len(hops) < count:
        # Fewer hops than proxies: the request skipped one of them; believe none.
        return None
    return _address(hops[-count])


def client_ip(request) -> str:
    """The visitor's address as the rate limits should count it (never empty)."""
    peer = _address(request.META.get("REMOTE_ADDR"))
    if _from_trusted_proxy(peer):
        return _forwarded_address(request) or peer
    # No usable peer address (a test client, a misconfigured socket): one shared bucket
    # rather than a crash or no limit at all.
    return peer or "unknown"
