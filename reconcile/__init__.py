"""The W3C Reconciliation Service API (version 0.2) over people, organisations and operations,
for OpenRefine and other data tools: matching, suggest, preview and data extension."""
