"""The service's answers described for the OpenAPI schema (/api/schema/).

OpenAPI 3.0 cannot hold the specification's JSON Schemas as they are (`patternProperties`,
`contains`), so these are their shapes in its terms; the tests validate every answer against
the specification's own schemas (reconcile/schemas/).
"""

STRING = {"type": "string"}
TYPE = {
    "type": "object",
    "properties": {"id": STRING, "name": STRING, "description": STRING},
    "required": ["id", "name"],
}
MANIFEST = {
    "type": "object",
    "description": "The service manifest (Reconciliation API 0.2).",
    "properties": {
        "versions": {"type": "array", "items": STRING},
        "name": STRING,
        "identifierSpace": STRING,
        "schemaSpace": STRING,
        "documentation": STRING,
        "defaultTypes": {"type": "array", "items": TYPE},
        "view": {"type": "object"},
        "preview": {"type": "object"},
        "suggest": {"type": "object"},
        "extend": {"type": "object"},
        "batchSize": {"type": "integer"},
    },
    "required": ["versions", "name", "identifierSpace", "schemaSpace"],
}
CANDIDATE = {
    "type": "object",
    "properties": {
        "id": STRING,
        "name": STRING,
        "description": STRING,
        "type": {"type": "array", "items": TYPE},
        "score": {"type": "number", "minimum": 0, "maximum": 100},
        "features": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "id": STRING,
                    "value": {"oneOf": [{"type": "boolean"}, {"type": "number"}]},
                },
                "required": ["id", "value"],
            },
        },
        "match": {"type": "boolean"},
    },
    "required": ["id", "name", "score"],
}
RESULT_BATCH = {
    "type": "object",
    "description": "A reconciliation result batch: candidates by query key.",
    "additionalProperties": {
        "type": "object",
        "properties": {"result": {"type": "array", "items": CANDIDATE}},
        "required": ["result"],
    },
}
EXTEND_RESPONSE = {
    "type": "object",
    "description": "A data extension response: property values by record id and property id.",
    "properties": {
        "meta": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {"id": STRING, "name": STRING, "type": TYPE},
                "required": ["id", "name"],
            },
        },
        "rows": {
            "type": "object",
            "additionalProperties": {
                "type": "object",
                "additionalProperties": {"type": "array", "items": {"type": "object"}},
            },
        },
    },
    "required": ["meta", "rows"],
}
SUGGEST = {
    "type": "object",
    "properties": {
        "result": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "id": STRING,
                    "name": STRING,
                    "description": STRING,
                    "notable": {"type": "array", "items": TYPE},
                },
                "required": ["id", "name"],
            },
        }
    },
    "required": ["result"],
}
PROPOSAL = {
    "type": "object",
    "properties": {
        "type": STRING,
        "limit": {"type": "integer"},
        "properties": {"type": "array", "items": TYPE},
    },
    "required": ["properties"],
}
HTML = {"type": "string", "description": "A small HTML page."}
