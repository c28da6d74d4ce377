"""The served process: every view loaded at start, spaCy not among them."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_web_process_loads_its_views_without_the_nlp_pipeline():
    # spaCy and numpy add some 50,000 objects that every full garbage collection would scan.
    probe = (
        "import gc, sys; import newsroom.wsgi; "
        "print('spacy' in sys.modules, 'numpy' in sys.modules, gc.get_freeze_count() > 0)"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "newsroom.settings"}
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    assert done.stdout.split() == ["False", "False", "True"]
