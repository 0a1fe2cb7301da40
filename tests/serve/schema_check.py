#!/usr/bin/env python3
"""schema_check.py -- does a JSON answer match a schema of docs/openapi.json?

    python3 schema_check.py docs/openapi.json SCHEMA_NAME answer.json

A small checker for the subset of OpenAPI 3.0 schemas the document uses:
$ref, allOf, oneOf, type, nullable, required, properties, items, enum,
minimum/maximum. Prints what does not match and exits 1; exits 0 when the
answer matches.
"""
import json
import sys

TYPES = {"object": dict, "array": list, "string": str, "boolean": bool}


def check(spec, schema, value, path, errs):
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[1]
        return check(spec, spec["components"]["schemas"][name], value, path, errs)
    if value is None:
        if not schema.get("nullable") and "type" in schema:
            errs.append(f"{path}: null is not allowed")
        return
    for sub in schema.get("allOf", []):
        check(spec, sub, value, path, errs)
    if "oneOf" in schema:
        if not any(not_errs(spec, s, value) for s in schema["oneOf"]):
            errs.append(f"{path}: matches none of oneOf")
    t = schema.get("type")
    if t == "integer":
        ok = isinstance(value, int) and not isinstance(value, bool)
    elif t == "number":
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
    elif t:
        ok = isinstance(value, TYPES[t])
    else:
        ok = True
    if not ok:
        errs.append(f"{path}: {value!r:.60} is not {t}")
        return
    if "enum" in schema and value not in schema["enum"]:
        errs.append(f"{path}: {value!r} not in {schema['enum']}")
    if "minimum" in schema and value < schema["minimum"]:
        errs.append(f"{path}: {value} < {schema['minimum']}")
    if "maximum" in schema and value > schema["maximum"]:
        errs.append(f"{path}: {value} > {schema['maximum']}")
    if isinstance(value, dict):
        for k in schema.get("required", []):
            if k not in value:
                errs.append(f"{path}: no '{k}'")
        for k, sub in schema.get("properties", {}).items():
            if k in value:
                check(spec, sub, value[k], f"{path}.{k}", errs)
    if isinstance(value, list) and "items" in schema:
        for i, v in enumerate(value):
            check(spec, schema["items"], v, f"{path}[{i}]", errs)


def not_errs(spec, schema, value):
    e = []
    check(spec, schema, value, "", e)
    return not e


def main():
    spec = json.load(open(sys.argv[1], encoding="utf-8"))
    value = json.load(open(sys.argv[3], encoding="utf-8"))
    errs = []
    check(spec, {"$ref": "#/components/schemas/" + sys.argv[2]}, value, sys.argv[2], errs)
    for e in errs[:10]:
        print("schema_check:", e, file=sys.stderr)
    sys.exit(1 if errs else 0)


if __name__ == "__main__":
    main()
