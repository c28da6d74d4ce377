"""REST API of the research views: timelines, records and the co-occurrence network."""
