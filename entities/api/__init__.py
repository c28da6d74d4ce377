"""REST API of people, organisations, operations and roles."""
