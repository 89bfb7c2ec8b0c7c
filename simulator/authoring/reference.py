"""The field reference of every content file kind, generated so it cannot drift.

Structure (fields, types, required, defaults, limits, allowed values) comes from
the JSON Schema of the content models; what each field does comes from
``authoring.field.*`` in the locale files, the same words ``new`` writes as
comments. Regenerate ``docs/reference.md`` with::

    python -m simulator.authoring.reference > docs/reference.md

``tests/test_reference.py`` fails when the committed file differs from the output.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from simulator.content import models as m
from simulator.content.catalog import SCHEMA_KINDS, json_schema
from simulator.i18n import t

# Models written inline as one cell ("text", "lines", "phrases") rather than field by field.
INLINE = {"Text": "text", "SectionText": "text", "Lines": "lines", "Phrases": "phrases"}
INTRO = {
    "en": (
        "Every field of every content file, generated from the JSON Schema by "
        "`python -m simulator.authoring.reference`; do not edit by hand. "
        "`complaint-sim new scenario|persona NAME` writes a commented example, and "
        "`complaint-sim schema --out DIR` the schema files editors use."
    ),
    "zh": (
        "各类内容文件的全部字段，由 `python -m simulator.authoring.reference` 根据 JSON Schema 生成，"
        "请勿手工修改。`complaint-sim new scenario|persona NAME` 会生成带注释的示例文件，"
        "`complaint-sim schema --out DIR` 会写出编辑器使用的 schema 文件。"
    ),
}
HEADINGS = {
    "en": ("Field", "Type", "Required", "Default", "Allowed", "What it does"),
    "zh": ("字段", "类型", "必填", "默认值", "取值", "作用"),
}
WORDS = {
    "en": {"title": "Content file reference", "yes": "yes", "no": "", "text": "text (zh, en)",
           "lines": "lines (zh, en lists)", "phrases": "phrases (zh, en lists)", "list": "list of",
           "map": "map of id →", "chars": "characters", "items": "items", "one_of": "one of", "inline":
           "**text** is `{zh: …, en: …}`; **lines** and **phrases** are `{zh: […], en: […]}`. "
           "A path like `needs[].id` is a field of each item of a list; `{zh,en}` means each of those keys."},
    "zh": {"title": "内容文件字段参考", "yes": "是", "no": "", "text": "文字（zh、en）",
           "lines": "多行（zh、en 列表）", "phrases": "短语（zh、en 列表）", "list": "列表：",
           "map": "映射：id →", "chars": "个字符", "items": "项", "one_of": "可选", "inline":
           "**文字** 写作 `{zh: …, en: …}`；**多行** 和 **短语** 写作 `{zh: […], en: […]}`。"
           "`needs[].id` 这样的路径表示列表中每一项的字段；`{zh,en}` 表示其中每一个键。"},
}


def reference(lang: str = "en") -> str:
    """The Markdown reference of every content kind."""
    w = WORDS[lang]
    out = [f"# {w['title']}", "", INTRO[lang], "", w["inline"], ""]
    for kind in SCHEMA_KINDS:
        schema = json_schema(kind)
        cls = m.MODELS[kind]
        out += [f"## `kind: {kind}`", ""]
        rows: list[tuple[str, ...]] = []
        _rows(schema, schema, cls.__name__, "", True, rows, lang)
        out.append("| " + " | ".join(HEADINGS[lang]) + " |")
        out.append("|" + "---|" * len(HEADINGS[lang]))
        out += ["| " + " | ".join(r) + " |" for r in rows]
        out.append("")
    return "\n".join(out)


def _deref(root: dict[str, Any], node: dict[str, Any]) -> tuple[str | None, dict[str, Any]]:
    ref = node.get("$ref")
    if ref is None:
        return None, node
    name = ref.rsplit("/", 1)[-1]
    return name, root["$defs"][name]


def _rows(root: dict[str, Any], node: dict[str, Any], model: str, prefix: str, parent_required: bool,
          rows: list[tuple[str, ...]], lang: str) -> None:
    props: dict[str, Any] = node.get("properties", {})
    required = set(node.get("required", []))
    names = list(props)
    refs = [_deref(root, props[n])[0] for n in names]
    # Keys that all hold the same structure (replies.zh / replies.en; calm … furious) are one row.
    if len(names) > 1 and refs[0] is not None and refs[0] not in INLINE and len(set(refs)) == 1:
        path = f"{prefix}{{{','.join(names)}}}"
        doc = " ".join(_doc(model, n, lang) for n in names)
        rows.append((f"`{path}`", "object", _yes(True, lang), "", "", _cell(doc)))
        _, target = _deref(root, props[names[0]])
        _rows(root, target, refs[0], path + ".", True, rows, lang)
        return
    for name in names:
        prop = props[name]
        path = f"{prefix}{name}"
        ref, target = _deref(root, prop)
        req = _yes(name in required, lang)
        default = _default(prop)
        doc = _doc(model, name, lang)
        if ref in INLINE:
            rows.append((f"`{path}`", WORDS[lang][INLINE[ref]], req, default, "", _cell(doc)))
            continue
        if ref is not None:
            rows.append((f"`{path}`", "object", req, default, "", _cell(doc)))
            _rows(root, target, ref, path + ".", name in required, rows, lang)
            continue
        optional = next((p for p in prop.get("anyOf", []) if "$ref" in p), None)
        if optional is not None and _deref(root, optional)[0] not in INLINE:
            sub_ref, sub = _deref(root, optional)
            rows.append((f"`{path}`", _type(root, prop, lang), req, default, "", _cell(doc)))
            _rows(root, sub, sub_ref or "", path + ".", False, rows, lang)
            continue
        if prop.get("type") == "array" and "$ref" in prop.get("items", {}):
            item_ref, item = _deref(root, prop["items"])
            rows.append((f"`{path}`", f"{WORDS[lang]['list']} object", req, default, _limits(prop, lang),
                         _cell(doc)))
            _rows(root, item, item_ref or "", path + "[].", True, rows, lang)
            continue
        rows.append((f"`{path}`", _type(root, prop, lang), req, default, _limits(prop, lang), _cell(doc)))


def _doc(model: str, name: str, lang: str) -> str:
    return t(f"authoring.field.{model}.{name}", lang)


def _yes(flag: bool, lang: str) -> str:
    return WORDS[lang]["yes"] if flag else WORDS[lang]["no"]


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _type(root: dict[str, Any], prop: dict[str, Any], lang: str) -> str:
    w = WORDS[lang]
    if "anyOf" in prop or "oneOf" in prop:
        return " or ".join(_type(root, p, lang) for p in prop.get("anyOf") or prop.get("oneOf") or [])
    if "const" in prop:
        return f"`{prop['const']}`"
    if "enum" in prop:
        return "string"
    ref, target = _deref(root, prop)
    if ref is not None:
        return WORDS[lang].get(INLINE.get(ref, ""), "object")
    kind = prop.get("type", "")
    if kind == "array":
        return f"{w['list']} {_type(root, prop.get('items', {}), lang)}"
    if kind == "object":
        inner = next(iter(prop.get("patternProperties", {}).values()), prop.get("additionalProperties", {}))
        return f"{w['map']} {_type(root, inner, lang) if isinstance(inner, dict) else 'value'}"
    if kind == "string" and prop.get("pattern") == r"^[a-z][a-z0-9_-]{0,47}$":
        return "id"
    return kind or "value"


def _default(prop: dict[str, Any]) -> str:
    if "default" not in prop:
        return ""
    value = prop["default"]
    if value is None:
        return "`null`"
    if value in ([], {}):
        return "`[]`" if value == [] else "`{}`"
    return f"`{value}`"


def _limits(prop: dict[str, Any], lang: str) -> str:
    parts = []
    if "enum" in prop:
        parts.append(f"{WORDS[lang]['one_of']} " + ", ".join(f"`{v}`" for v in prop["enum"]))
    if "anyOf" in prop:
        for p in prop["anyOf"]:
            if "enum" in p:
                parts.append(f"{WORDS[lang]['one_of']} " + ", ".join(f"`{v}`" for v in p["enum"]))
    lo = prop.get("minimum", prop.get("exclusiveMinimum"))
    hi = prop.get("maximum", prop.get("exclusiveMaximum"))
    if lo is not None or hi is not None:
        left = "(" if "exclusiveMinimum" in prop else "["
        right = ")" if "exclusiveMaximum" in prop else "]"
        parts.append(f"{left}{_num(lo)}, {_num(hi)}{right}")
    parts += _size(prop, "minLength", "maxLength", WORDS[lang]["chars"])
    parts += _size(prop, "minItems", "maxItems", WORDS[lang]["items"])
    patterns = [prop.get("pattern"), *(p.get("pattern") for p in prop.get("oneOf", []))]
    parts += [f"`{pattern}`" for pattern in patterns if pattern and pattern != r"^[a-z][a-z0-9_-]{0,47}$"]
    return "; ".join(parts)


def _size(prop: dict[str, Any], lo_key: str, hi_key: str, unit: str) -> list[str]:
    lo, hi = prop.get(lo_key), prop.get(hi_key)
    if lo is None and hi is None:
        return []
    if hi is None:
        return [f"≥{lo} {unit}"]
    return [f"{lo or 0}–{hi} {unit}"]


def _num(x: Any) -> str:
    if x is None:
        return "…"
    return str(int(x)) if float(x).is_integer() else str(x)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Print the content file reference as Markdown.")
    parser.add_argument("--lang", choices=["en", "zh"], default="en")
    args = parser.parse_args(argv)
    sys.stdout.write(reference(args.lang) + "\n")


if __name__ == "__main__":  # pragma: no cover
    main()
