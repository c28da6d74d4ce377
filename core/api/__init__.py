"""The REST plumbing every app's API builds on: errors, filters, pagination, permissions,
renderers, the schema, throttles and the base viewset."""
