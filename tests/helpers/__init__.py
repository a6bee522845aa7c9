"""Helpers the tests share: real Arabic fixtures, round trips, stores, the app on fixtures."""
