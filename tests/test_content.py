"""Strict loading: every malformed fixture gets one exact, located message."""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.content import load_content
from simulator.content.catalog import json_schema, validate_paths
from simulator.content.loader import build_content, builtin_files, load_file
from simulator.content.yamlload import MAX_BYTES, load_yaml_text
from simulator.errors import ContentError

BAD = Path(__file__).parent / "fixtures" / "bad"
GOOD = Path(__file__).parent / "fixtures" / "good"

EXPECTED = {
    "alias.yaml": "16:1: hated: YAML aliases (*name) are not allowed",
    "bad-id.yaml": "3:5: id: must be a lower-case id (letters, digits, '-', '_', starting with a letter)",
    "bad-kind.yaml": "2:7: kind: must be one of lexicon, persona, scenario, engine, scoring, exemplars, got 'person' (did you mean persona?)",
    "bad-section.yaml": "5:10: section: must cite a domain.md section, starting with '§' and a number (e.g. '§2.2'), got 'chapter one'",
    "broken-yaml.yaml": "16:6: invalid YAML: did not find expected ',' or ']'",
    "duplicate-key.yaml": "11:1: patience: duplicate key",
    "empty-pool.yaml": "19:22: replies.zh.calm.improved: list should have at least 1 item after validation, not 0",
    "empty.yaml": "1:1: file is empty",
    "merge-key.yaml": "14:14: thresholds: YAML merge keys (<<) are not allowed",
    "missing-field.yaml": "2:1: patience: missing required field",
    "missing-kind.yaml": "2:1: missing required field 'kind'",
    "negative-calms.yaml": "14:42: weights.forbidden_phrase: a negative behaviour cannot calm the customer (got -10.0)",
    "non-string-key.yaml": "14:24: weights: key 'yes' is not a string (quote it)",
    "not-a-mapping.yaml": "1:1: top level must be a mapping, got list",
    "not-utf8.yaml": " not valid UTF-8 (byte 26)",
    "out-of-range.yaml": "9:16: initial_anger: input should be less than or equal to 100, got 150",
    "scenario-bad-severity.yaml": "6:11: severity: must be one of 'general' or 'major', got 'catastrophic'",
    "scenario-unknown-behaviour.yaml": "15:27: needs[0].behaviours[1]: unknown behaviour 'grovelling'",
    "tab-indent.yaml": "24:1: invalid YAML: found character that cannot start any token",
    "thresholds-order.yaml": "13:26: thresholds.resolve_at: must be below escalate_at and walk_out_at",
    "too-deep.yaml": "3:27: name[0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0]: nested more than 20 levels deep",
    "unknown-behaviour.yaml": "14:33: weights.hugging: unknown behaviour or signal 'hugging'",
    "unknown-field.yaml": "12:1: mood: unknown field",
    "wrong-type.yaml": "10:11: patience: input should be a valid integer, got 'five'",
}


def load_with_builtins(path: Path) -> None:
    load_file(path)
    build_content(builtin_files() + [path])


def test_every_fixture_has_an_expectation():
    assert sorted(p.name for p in BAD.glob("*.yaml")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_malformed_file_gives_exact_located_message(name):
    path = BAD / name
    with pytest.raises(ContentError) as exc:
        load_with_builtins(path)
    assert str(exc.value) == f"{path}:{EXPECTED[name]}"
    assert "\n" not in str(exc.value)


def test_good_fixture_loads_alongside_builtins():
    content = build_content(builtin_files() + [GOOD / "calm-customer.yaml"])
    assert "calm-customer" in content.personas


def test_oversize_file_is_rejected_before_parsing(tmp_path):
    big = tmp_path / "big.yaml"
    big.write_bytes(b"kind: persona\n" + b"#" * MAX_BYTES)
    with pytest.raises(ContentError, match=r"big\.yaml: file is \d+ bytes, more than the 1048576 allowed"):
        load_file(big)


def test_missing_path_is_named(tmp_path):
    with pytest.raises(ContentError, match="no such file or folder"):
        validate_paths([str(tmp_path / "nope.yaml")])


def test_validate_reports_every_bad_file_not_just_the_first(tmp_path):
    for name in ("duplicate-key.yaml", "unknown-field.yaml"):
        (tmp_path / name).write_bytes((BAD / name).read_bytes())
    files, errors = validate_paths([str(tmp_path)])
    assert len(files) == 2
    assert sorted(Path(e.path).name for e in errors) == ["duplicate-key.yaml", "unknown-field.yaml"]


def test_trainer_content_replaces_a_builtin_with_the_same_id(tmp_path):
    src = (Path(builtin_files()[0]).parent.parent / "personas" / "friendly.yaml").read_text("utf-8")
    (tmp_path / "friendly.yaml").write_text(src.replace("initial_anger: 35", "initial_anger: 20"), "utf-8")
    content = load_content([tmp_path])
    assert content.personas["friendly"].initial_anger == 20
    assert content.sources[("persona", "friendly")].startswith(str(tmp_path))


def test_builtins_are_complete(content):
    assert set(content.personas) == {"friendly", "domineering", "analytical", "self-centered"}
    assert len(content.scenarios) >= 8 and "general-complaint" in content.scenarios
    assert len(content.lexicon.behaviours) >= 25
    for b in content.lexicon.behaviours:
        assert b.section.startswith("§")
        if b.phrases is not None:
            assert b.phrases.zh and b.phrases.en, b.id


def test_lexicon_covers_the_issue_list(content):
    ids = {b.id for b in content.lexicon.behaviours}
    required = {
        "willing_to_serve", "acknowledge_feelings", "ownership", "apology", "thank_complaint",
        "concrete_action", "time_commitment", "offer_options", "fact_question", "summarise",
        "follow_up", "compensation", "forbidden_phrase", "negative_language", "blame_customer",
        "deny_responsibility", "argue", "pass_the_buck", "hide_behind_policy", "vague",
        "rush_calm_down", "rudeness_sarcasm", "over_promise",
    }
    assert required <= ids


def test_aliases_are_rejected_even_inside_lists():
    with pytest.raises(ContentError, match="aliases"):
        load_yaml_text("a: &x [1, 2]\nb: [*x]\n", "t.yaml")


def test_schema_is_valid_json_schema_and_rejects_what_the_loader_rejects():
    jsonschema = pytest.importorskip("jsonschema")
    schema = json_schema("persona")
    jsonschema.Draft202012Validator.check_schema(schema)
    import yaml

    good = yaml.safe_load((GOOD / "calm-customer.yaml").read_text("utf-8"))
    jsonschema.validate(good, schema)
    bad = dict(good, mood="grumpy")
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema)
