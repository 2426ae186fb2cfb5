"""Writes of the coalitions app, one module per sub-feature: coalitions (forming, joining,
leaving, points of unity and consent), solidarity, and posting (an action posted for a
coalition). Each write is atomic, and the emails it
causes are outbox rows in the same transaction.
"""
