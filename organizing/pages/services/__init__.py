"""Writes of the site's own pages: the article's examples (`seeding`) and sample data
(`sample_data`), both run by management commands."""
