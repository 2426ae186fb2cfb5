"""Disposable ("burner") email domains, refused at sign-up and when an address is added.

The list comes from the `disposable-email-domains` package (PyPI; MIT licence; the list of
the disposable-email-domains project, about ten thousand domains, updated with each release).
A domain is refused with every subdomain of it: `x.mailinator.com` like `mailinator.com`.
"""

from disposable_email_domains import blocklist


def domain_is_disposable(domain: str) -> bool:
    labels = domain.strip().rstrip(".").lower().split(".")
    return any(".".join(labels[start:]) in blocklist for start in range(len(labels) - 1))


def email_is_disposable(email: str) -> bool:
    _local, _at, domain = email.rpartition("@")
    return bool(domain) and domain_is_disposable(domain)
