"""Every environment variable newsroom/settings.py reads is in the README's configuration
table (as datasette's tests/test_docs.py does for its settings)."""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SETTINGS = ROOT / "newsroom" / "settings.py"
README = ROOT / "README.md"
ENV_HELPERS = {"env_bool", "env_list", "env_int"}


def _is_os_environ(node) -> bool:
    return (
        isinstance(node, ast.Attribute)
        and node.attr == "environ"
        and isinstance(node.value, ast.Name)
        and node.value.id == "os"
    )


def variables_read() -> set[str]:
    """Names read through os.environ.get(), os.environ[...] or the env_* helpers."""
    names = set()
    for node in ast.walk(ast.parse(SETTINGS.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and node.args:
            func = node.func
            helper = isinstance(func, ast.Name) and func.id in ENV_HELPERS
            getter = isinstance(func, ast.Attribute) and func.attr == "get"
            if helper or (getter and _is_os_environ(func.value)):
                key = node.args[0]
            else:
                continue
        elif isinstance(node, ast.Subscript) and _is_os_environ(node.value):
            key = node.slice
        else:
            continue
        if isinstance(key, ast.Constant):
            names.add(key.value)
    return names


def variables_documented() -> set[str]:
    """The names in the first column of the README's "Configuration" table."""
    text = README.read_text(encoding="utf-8")
    section = text.split("## Configuration (environment variables)", 1)[1].split("\n## ", 1)[0]
    names = set()
    for line in section.splitlines():
        if line.startswith("| `"):
            names |= set(re.findall(r"`([A-Z][A-Z0-9_]*)`", line.split("|")[1]))
    return names


def test_settings_read_some_variables():
    assert {"DJANGO_SECRET_KEY", "DATABASE_URL", "REDIS_URL"} <= variables_read()


def test_every_variable_the_settings_read_is_in_the_readme_table():
    assert variables_read() - variables_documented() == set()
