"""The service manifest: what the service offers and where, as absolute URLs of this site."""

from reconcile.catalogue import TYPES
from reconcile.requests import BATCH_SIZE

PREVIEW_SIZE = {"width": 400, "height": 200}


def manifest(base: str) -> dict:
    """The manifest for a service whose endpoint is `base` (".../api/reconcile", no slash)."""
    root = base.removesuffix("/api/reconcile")
    return {
        "versions": ["0.2"],
        "name": "Newsroom research database",
        "identifierSpace": f"{base}/entities/",
        "schemaSpace": f"{root}/api/schema/",
        "documentation": f"{root}/api/docs/",
        "defaultTypes": [t.as_json() for t in TYPES.values()],
        "view": {"url": f"{base}/entities/{{{{id}}}}"},
        "preview": {"url": f"{base}/preview/{{{{id}}}}", **PREVIEW_SIZE},
        "suggest": {
            kind: {"service_url": base, "service_path": f"/suggest/{kind}"}
            for kind in ("entity", "type", "property")
        },
        "extend": {
            "propose_properties": {"service_url": base, "service_path": "/properties"},
            "property_settings": [
                {
                    "name": "limit",
                    "label": "Limit",
                    "type": "number",
                    "default": 0,
                    "help_text": "The most values to fetch for each record (0: all of them).",
                }
            ],
        },
        "batchSize": BATCH_SIZE,
    }
