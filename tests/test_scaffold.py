"""new: a commented file that validates, with a schema modeline; new → validate → lint."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from simulator.authoring.scaffold import MODELINE, documented_fields, field_doc, scaffold
from simulator.cli import cli
from simulator.content import models as m
from simulator.content.loader import load_file
from simulator.errors import InputError

CJK = re.compile(r"[\u4e00-\u9fff]")


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, list(args))


@pytest.mark.parametrize(("kind", "extra"), [("scenario", []), ("persona", []),
                                             ("scenario", ["--from", "data-loss"]),
                                             ("persona", ["--from", "analytical"])])
def test_new_validate_lint_round_trip(tmp_path: Path, kind: str, extra: list[str]) -> None:
    res = run("new", kind, "my-thing", "--dir", str(tmp_path), "--lang", "en", *extra)
    assert res.exit_code == 0, res.output
    path = tmp_path / "my-thing.yaml"
    assert f"Created {path}" in res.output
    assert run("validate", str(path), "--lang", "en").exit_code == 0
    lint = run("lint", str(path), "--lang", "en", "--json")
    assert lint.exit_code == 0, lint.output
    codes = {f["code"] for f in json.loads(lint.output) if f["severity"] != "info"}
    # A new scenario has no exemplars yet: the only thing lint asks for.
    assert codes == ({"no-exemplars"} if kind == "scenario" else set())


def test_modeline_points_at_the_written_schema(tmp_path: Path) -> None:
    made = scaffold_in(tmp_path, "scenario", "x")
    first = made.text.splitlines()[0]
    assert first.startswith(MODELINE)
    ref = first[len(MODELINE):]
    assert ref == "schema/scenario.schema.json"
    schema = json.loads((tmp_path / ref).read_text("utf-8"))
    # The file is valid against the schema editors will use.
    jsonschema.validate(yaml.safe_load(made.text), schema)
    assert sorted(p.name for p in (tmp_path / "schema").iterdir()) == sorted(
        f"{k}.schema.json" for k in ("persona", "scenario", "lexicon", "engine", "scoring", "exemplars"))


def test_modeline_is_relative_to_the_file(tmp_path: Path) -> None:
    deep = tmp_path / "content" / "scenarios"
    made = scaffold_in(deep, "scenario", "y")
    assert made.text.splitlines()[0] == MODELINE + "schema/scenario.schema.json"
    assert (deep / "schema" / "scenario.schema.json").is_file()


def scaffold_in(out: Path, kind: str, name: str, lang: str = "en", **kw):  # type: ignore[no-untyped-def]
    from simulator.content import load_content

    return scaffold(load_content(), kind, name, out_dir=out, lang=lang, **kw)


@pytest.mark.parametrize("kind", ["scenario", "persona"])
def test_copy_is_exact_but_for_the_id_and_name(tmp_path: Path, content, kind: str) -> None:  # type: ignore[no-untyped-def]
    from simulator.authoring.scaffold import placeholder_name

    source = {"scenario": "renewal-fee", "persona": "self-centered"}[kind]
    made = scaffold_in(tmp_path, kind, "copy", source=source)
    _, model = load_file(made.path)
    original = content.scenarios[source] if kind == "scenario" else content.personas[source]
    # The display name is a placeholder, so `list` does not show two of the original's.
    label = "title" if kind == "scenario" else "name"
    assert model == original.model_copy(update={"id": "copy", label: placeholder_name("copy")})


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("kind", ["scenario", "persona"])
def test_every_field_is_commented_in_the_chosen_language(tmp_path: Path, kind: str, lang: str) -> None:
    made = scaffold_in(tmp_path, kind, "c", lang=lang)
    lines = made.text.splitlines()
    comments = [ln.strip()[2:] for ln in lines if ln.strip().startswith("# ") and not ln.startswith(MODELINE)]
    model = m.MODELS[kind]
    for name in model.model_fields:
        doc = field_doc(model, name, lang)
        assert any(c.startswith(doc[:20]) for c in comments), name
        idx = next(i for i, ln in enumerate(lines) if re.match(rf"^{name}:", ln))
        assert lines[idx - 1].lstrip().startswith("#"), f"{name} has no comment above it"
    if lang == "en":  # no mixed languages: English comments have no Chinese in them
        assert not [c for c in comments if CJK.search(c)]


def test_refuses_to_overwrite_and_bad_names(tmp_path: Path) -> None:
    assert run("new", "scenario", "dup", "--dir", str(tmp_path)).exit_code == 0
    again = run("new", "scenario", "dup", "--dir", str(tmp_path), "--lang", "en")
    assert again.exit_code == 2 and "already exists" in again.output
    assert run("new", "scenario", "dup", "--dir", str(tmp_path), "--force").exit_code == 0
    bad = run("new", "scenario", "Bad Name", "--dir", str(tmp_path), "--lang", "en")
    assert bad.exit_code == 2 and "not a valid id" in bad.output
    unknown = run("new", "persona", "p", "--from", "nobody", "--dir", str(tmp_path))
    assert unknown.exit_code == 2 and "unknown persona 'nobody'" in unknown.output
    with pytest.raises(InputError):
        scaffold_in(tmp_path, "lexicon", "x")


def test_new_persona_plays(tmp_path: Path) -> None:
    assert run("new", "persona", "calm-one", "--dir", str(tmp_path)).exit_code == 0
    res = run("demo", "--persona", "calm-one", "--content", str(tmp_path), "--lang", "en")
    assert res.exit_code == 0, res.output


def test_documented_fields_have_both_languages() -> None:
    for cls, name in documented_fields():
        for lang in ("zh", "en"):
            assert field_doc(cls, name, lang).strip(), (cls.__name__, name, lang)


def test_new_with_a_built_in_name_says_it_will_replace_it(tmp_path):
    res = run("new", "scenario", "billing-error", "--dir", str(tmp_path), "--lang", "en")
    assert res.exit_code == 0 and (tmp_path / "billing-error.yaml").exists()
    assert "a built-in scenario is also called 'billing-error'" in res.output
    res = run("new", "scenario", "late-refund", "--dir", str(tmp_path), "--lang", "en")
    assert res.exit_code == 0 and "built-in" not in res.output
