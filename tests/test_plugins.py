"""A rule set installed as a plugin: a package with an entry point in ``dipparse.rulesets``.

The test builds a throwaway package in a temporary folder, installs it into the
running interpreter's environment with pip, uses it by name, and uninstalls it.
"""

from __future__ import annotations

import importlib
import subprocess
import sys
import textwrap
import uuid
from collections.abc import Callable, Iterator
from importlib import metadata
from pathlib import Path

import pytest

import dipparse
from dipparse import rules
from dipparse.cli import main


def _pip_available() -> bool:
    try:
        done = subprocess.run(
            [sys.executable, "-m", "pip", "--version"], capture_output=True, timeout=60
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return done.returncode == 0


pytestmark = pytest.mark.skipif(
    not _pip_available(), reason="pip is not available in this interpreter's environment"
)

RULES = textwrap.dedent(
    """\
    [[kinds]]
    name = "threat"
    cameo = "130"
    plover = "THREATEN"

    [[rules]]
    id = "plugin.threat"
    kind = "threat"
    tokens = "trigger:VG[threaten]"
    examples = ["Iran threatened to close the Strait of Hormuz."]
    """
)


def _pip(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pip", *args, "--disable-pip-version-check", "--no-input"],
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.fixture(scope="module")
def plugin(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """Install a plugin with two rule sets: (name of a folder one, name of a function one)."""
    tag = uuid.uuid4().hex[:8]
    module = f"dipparse_plugin_{tag}"
    dist = f"dipparse-plugin-{tag}"
    folder_name, function_name = f"threats-{tag}", f"threats-fn-{tag}"
    root = tmp_path_factory.mktemp("plugin")
    package = root / "src" / module
    (package / "rules").mkdir(parents=True)
    (package / "rules" / "ruleset.toml").write_text(
        f'[ruleset]\nname = "{folder_name}"\nversion = "1.0.0"\nextends = ["core-en"]\n',
        encoding="utf-8",
    )
    (package / "rules" / "threat.toml").write_text(RULES, encoding="utf-8")
    single = RULES.replace('"plugin.threat"', '"plugin.threat-fn"')
    (package / "single.toml").write_text(
        f'[ruleset]\nname = "{function_name}"\nextends = ["core-en"]\n\n{single}',
        encoding="utf-8",
    )
    (package / "__init__.py").write_text(
        textwrap.dedent(
            """\
            '''A dipparse rule-set plugin made by the test suite.'''
            from pathlib import Path

            RULES = Path(__file__).parent / "rules"


            def single_file():
                return Path(__file__).parent / "single.toml"
            """
        ),
        encoding="utf-8",
    )
    (root / "pyproject.toml").write_text(
        textwrap.dedent(
            f"""\
            [build-system]
            requires = ["hatchling"]
            build-backend = "hatchling.build"

            [project]
            name = "{dist}"
            version = "0.1.0"

            [project.entry-points."dipparse.rulesets"]
            "{folder_name}" = "{module}:RULES"
            "{function_name}" = "{module}:single_file"

            [tool.hatch.build.targets.wheel]
            packages = ["src/{module}"]
            """
        ),
        encoding="utf-8",
    )
    installed = _pip("install", "--no-deps", "--quiet", str(root))
    assert installed.returncode == 0, installed.stdout + installed.stderr
    importlib.invalidate_caches()
    try:
        yield folder_name, function_name
    finally:
        removed = _pip("uninstall", "--yes", dist)
        for name in (folder_name, function_name):
            rules._cache.pop(name, None)
        sys.modules.pop(module, None)
        importlib.invalidate_caches()
        assert removed.returncode == 0, removed.stdout + removed.stderr


def test_available_lists_the_plugin(plugin: tuple[str, str]) -> None:
    """Both entry points are rule sets that can be loaded by name."""
    assert set(plugin) <= set(dipparse.available())
    assert "core-en" in dipparse.available()


def test_parser_uses_a_plugin_folder(plugin: tuple[str, str]) -> None:
    """An entry point that is a rule-set folder: its rule fires beside core-en's."""
    folder_name, _ = plugin
    parser = dipparse.Parser(rulesets=["core-en", folder_name])
    assert [rs.name for rs in parser.rulesets] == ["core-en", folder_name]
    doc = parser.parse("Iran threatened to close the strait, and Oman offered to mediate.")
    assert [(e.type, e.rule) for e in doc.events] == [
        ("threat", "plugin.threat"),
        ("offer", "offer.verb"),
    ]


def test_parser_uses_a_plugin_function(plugin: tuple[str, str]) -> None:
    """An entry point that is a function returning a path to a TOML file."""
    _, function_name = plugin
    parser = dipparse.Parser(rulesets=["core-en", function_name])
    doc = parser.parse("Iran threatened to close the strait.")
    assert [(e.type, e.rule) for e in doc.events] == [("threat", "plugin.threat-fn")]


def test_rules_check_by_plugin_name(
    plugin: tuple[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    """``dipparse rules check NAME`` checks an installed plugin's examples."""
    folder_name, _ = plugin
    assert main(["rules", "check", folder_name]) == 0
    out = capsys.readouterr().out
    assert out.startswith(
        f"{folder_name}: rule set '{folder_name}' 1.0.0, extends core-en: 1 rules"
    )
    assert "1 of 1 examples and counterexamples passed" in out


def test_a_broken_entry_point_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    """An entry point whose object cannot be imported names itself in a RuleSetError."""
    from importlib import metadata

    point = metadata.EntryPoint(
        name="broken-plugin", value="no_such_module_xyz:rules", group=rules.ENTRY_POINT_GROUP
    )
    monkeypatch.setattr(rules, "_entry_points", lambda: {"broken-plugin": point})
    with pytest.raises(dipparse.RuleSetError) as info:
        dipparse.get_ruleset("broken-plugin")
    assert str(info.value) == (
        "entry point 'broken-plugin': the plugin's entry point 'no_such_module_xyz:rules' "
        "failed: ModuleNotFoundError: No module named 'no_such_module_xyz'"
    )


class _PluginCrash(BaseException):
    """Neither an Exception nor SystemExit: what a careless plugin might raise."""


@pytest.fixture
def fake_plugin(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> Iterator[Callable[[str], tuple[str, str]]]:
    """Write a module on a temporary path and register it as the only entry point.

    Returns a function of the module's source giving (entry-point name, module
    name); the entry point's object is the module's attribute ``rules``.
    """
    monkeypatch.syspath_prepend(str(tmp_path))
    made: list[str] = []

    def make(source: str) -> tuple[str, str]:
        module = f"dipparse_fake_plugin_{uuid.uuid4().hex[:8]}"
        (tmp_path / f"{module}.py").write_text(textwrap.dedent(source), encoding="utf-8")
        importlib.invalidate_caches()
        name = module.replace("_", "-")
        point = metadata.EntryPoint(
            name=name, value=f"{module}:rules", group=rules.ENTRY_POINT_GROUP
        )
        monkeypatch.setattr(rules, "_entry_points", lambda: {name: point})
        made.append(module)
        return name, module

    yield make
    for module in made:
        sys.modules.pop(module, None)
        rules._cache.pop(module.replace("_", "-"), None)


@pytest.mark.parametrize(
    ("source", "what"),
    [
        ("raise SystemExit(3)\n", "SystemExit: 3"),
        ("import sys\nsys.exit()\n", "SystemExit"),
        ("raise GeneratorExit('closed')\n", "GeneratorExit: closed"),
        (
            f"from {__name__} import _PluginCrash\nraise _PluginCrash('boom')\n",
            "_PluginCrash: boom",
        ),
        ("def rules(:\n    pass\n", "SyntaxError: "),
        ("import no_such_mod_abc\n", "ModuleNotFoundError: No module named 'no_such_mod_abc'"),
        ("x = 1\n", "AttributeError: "),
        ("def rules():\n    raise SystemExit('bye')\n", "SystemExit: bye"),
        ("def rules():\n    return lambda: 1 / 0\n", "ZeroDivisionError: division by zero"),
        ("rules = 42\n", None),
    ],
)
def test_any_failure_of_a_plugin_is_a_rule_set_error(
    fake_plugin: Callable[[str], tuple[str, str]], source: str, what: str | None
) -> None:
    """An import or call that raises anything but KeyboardInterrupt: a RuleSetError."""
    name, module = fake_plugin(source)
    with pytest.raises(dipparse.RuleSetError) as info:
        dipparse.get_ruleset(name)
    assert info.value.source == f"entry point {name!r}"
    if what is None:  # not a rule set: the existing message, no chained cause
        assert info.value.reason == (
            "plugin entry point gave int; expected a RuleSet, a path or a callable"
        )
        return
    prefix = f"the plugin's entry point '{module}:rules' failed: "
    assert info.value.reason.startswith(prefix + what), info.value.reason
    if what == "SystemExit":
        assert info.value.reason == prefix + "SystemExit"
    assert info.value.__cause__ is not None
    assert type(info.value.__cause__).__name__ == what.split(":")[0]
    # Nothing half-loaded is kept: the second attempt fails the same way.
    with pytest.raises(dipparse.RuleSetError) as again:
        dipparse.get_ruleset(name)
    assert str(again.value) == str(info.value)
    assert name not in rules._cache


def test_a_plugin_failure_does_not_stop_a_parser(
    fake_plugin: Callable[[str], tuple[str, str]],
) -> None:
    """``Parser([plugin])`` where the plugin's import exits: a RuleSetError, not an exit."""
    name, _ = fake_plugin("raise SystemExit(1)\n")
    with pytest.raises(dipparse.RuleSetError, match=f"entry point '{name}'.*SystemExit: 1"):
        dipparse.Parser(["core-en", name])


def test_keyboard_interrupt_in_a_plugin_goes_through(
    fake_plugin: Callable[[str], tuple[str, str]],
) -> None:
    """Ctrl-C while a plugin imports stops the program, as it should."""
    name, _ = fake_plugin("raise KeyboardInterrupt\n")
    with pytest.raises(KeyboardInterrupt):
        dipparse.get_ruleset(name)


def test_a_plugin_rule_set_error_keeps_its_place(
    fake_plugin: Callable[[str], tuple[str, str]], tmp_path: Path
) -> None:
    """A plugin whose TOML is broken: the RuleSetError names the file and line, unwrapped."""
    broken = tmp_path / "broken.toml"
    broken.write_text('[ruleset]\nname = "broken"\n\n[[rules]\n', encoding="utf-8")
    name, _ = fake_plugin(f"rules = {str(broken)!r}\n")
    with pytest.raises(dipparse.RuleSetError) as info:
        dipparse.get_ruleset(name)
    assert info.value.source == str(broken)
    assert "failed:" not in str(info.value)
