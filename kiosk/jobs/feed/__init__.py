"""The jobs feed: its records (the schema both the hall and the centre read) and a file of them.

``records`` holds the pydantic models, ``reading`` the stream reader that checks a file record
by record. The central service imports this package (an allowed contract): nothing in it
touches Qt or a database.
"""

from kiosk.jobs.feed.reading import (
    BATCH,
    DEFAULT_MAX_MB,
    MAX_DEPTH,
    FeedError,
    FeedFile,
    Rejection,
)
from kiosk.jobs.feed.records import (
    FEED_VERSION,
    MAX_AMOUNT,
    MAX_RATE_IDR,
    MIN_WORKER_AGE,
    AgeRange,
    Feed,
    FeedHeader,
    P3miRecord,
    PostingRecord,
    RateRecord,
    Salary,
    WorkerCosts,
    feed_schema,
)

__all__ = [
    "BATCH",
    "DEFAULT_MAX_MB",
    "FEED_VERSION",
    "MAX_AMOUNT",
    "MAX_DEPTH",
    "MAX_RATE_IDR",
    "MIN_WORKER_AGE",
    "AgeRange",
    "Feed",
    "FeedError",
    "FeedFile",
    "FeedHeader",
    "P3miRecord",
    "PostingRecord",
    "RateRecord",
    "Rejection",
    "Salary",
    "WorkerCosts",
    "feed_schema",
]
