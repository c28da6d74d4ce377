"""The OpenAPI schema endpoint: built once per process and format, answered with an ETag.

Generating the schema takes about 250 ms of CPU; rebuilt for every request, anonymous clients
within their rate could keep every worker busy. It changes only with the code, and a deploy
restarts the workers.
"""

import hashlib
import threading

from django.http import HttpResponse
from django.utils.cache import get_conditional_response
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SCHEMA_KWARGS, SpectacularAPIView

# renderer class -> (body, ETag); filled on first use in each process.
_BUILT: dict = {}
# drf-spectacular loads its extensions lazily and is not safe to run in two threads at once:
# a threaded worker's first requests would build the schema together, and one of them fail.
_BUILDING = threading.Lock()


class SchemaView(SpectacularAPIView):
    @extend_schema(**SCHEMA_KWARGS)  # as the parent's: left out of the schema itself
    def get(self, request, *args, **kwargs):
        renderer = request.accepted_renderer
        # Accept parameters (`; indent=7`), `lang` and `version` are not honoured: each value
        # would be another build. The schema does not depend on the user (served public).
        media_type, key = renderer.media_type, type(renderer)
        with _BUILDING:
            if key not in _BUILT:
                generator = self.generator_class(urlconf=self.urlconf, patterns=self.patterns)
                data = generator.get_schema(request=request, public=self.serve_public)
                body = renderer.render(data, media_type, self.get_renderer_context())
                _BUILT[key] = (body, f'"{hashlib.sha256(body).hexdigest()[:32]}"')
        body, etag = _BUILT[key]
        content_type = (
            f"{media_type}; charset={renderer.charset}" if renderer.charset else media_type
        )
        response = get_conditional_response(request, etag=etag) or HttpResponse(
            body, content_type=content_type
        )
        response["ETag"] = etag
        response["Cache-Control"] = "public, max-age=300"
        if response.status_code == 200:
            filename = self._get_filename(request, None)
            response["Content-Disposition"] = f'inline; filename="{filename}"'
        return response
