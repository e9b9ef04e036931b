"""Reads templates with PyYAML, the YAML 1.1 reader cfn-lint uses, and compares data.

Each line of standard input names three files: the original template, the YAML that
Formwork wrote, the JSON that Formwork wrote. The original and the YAML are read with
PyYAML (short-form tags turned into CloudFormation's long form); the JSON with Python's
json module. All three must give the same data. Prints one line per mismatch and a
summary; exits 1 when anything differs.
"""

import datetime
import json
import sys

import yaml


class CfnLoader(yaml.SafeLoader):
    pass


def construct_tag(loader, suffix, node):
    if isinstance(node, yaml.ScalarNode):
        value = loader.construct_scalar(node)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)
    if suffix == "Ref":
        return {"Ref": value}
    if suffix == "Condition":
        return {"Condition": value}
    if suffix == "GetAtt" and isinstance(value, str):
        resource, _, attribute = value.partition(".")
        return {"Fn::GetAtt": [resource, attribute]}
    known = {
        "GetAtt", "Sub", "Join", "Select", "Split", "If", "Equals", "And", "Or", "Not",
        "FindInMap", "Base64", "Cidr", "GetAZs", "ImportValue", "Transform", "Length",
        "ToJsonString", "Contains", "EachMemberEquals", "EachMemberIn", "RefAll",
        "ValueOf", "ValueOfAll",
    }
    if suffix in known:
        return {"Fn::" + suffix: value}
    # Tags CloudFormation does not define (rain's !Rain::Embed ...) as Formwork's JSON
    # writes them.
    return {suffix: value}


CfnLoader.add_multi_constructor("!", construct_tag)


def normalize(value):
    """Dates are strings to CloudFormation, and GetAtt's dotted form is a list."""
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            v = normalize(v)
            if k == "Fn::GetAtt" and isinstance(v, str) and "." in v:
                resource, _, attribute = v.partition(".")
                v = [resource, attribute]
            out[str(k) if not isinstance(k, str) else k] = v
        return out
    if isinstance(value, list):
        return [normalize(v) for v in value]
    return value


def first_difference(a, b, path="$"):
    if type(a) is not type(b) and not (
        isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool)
    ):
        return f"{path}: {a!r} != {b!r}"
    if isinstance(a, dict):
        if list(a.keys()) != list(b.keys()):
            return f"{path}: keys {list(a.keys())} != {list(b.keys())}"
        for k in a:
            d = first_difference(a[k], b[k], f"{path}.{k}")
            if d:
                return d
        return None
    if isinstance(a, list):
        if len(a) != len(b):
            return f"{path}: {len(a)} items != {len(b)} items"
        for i, (x, y) in enumerate(zip(a, b)):
            d = first_difference(x, y, f"{path}[{i}]")
            if d:
                return d
        return None
    return None if a == b else f"{path}: {a!r} != {b!r}"


def main():
    checked = failed = 0
    for line in sys.stdin:
        original, exported_yaml, exported_json = line.rstrip("\n").split("\t")
        checked += 1
        try:
            with open(original, encoding="utf-8") as f:
                if original.endswith(".json"):
                    want = normalize(json.load(f))
                else:
                    want = normalize(yaml.load(f, Loader=CfnLoader))
            with open(exported_yaml, encoding="utf-8") as f:
                got_yaml = normalize(yaml.load(f, Loader=CfnLoader))
            with open(exported_json, encoding="utf-8") as f:
                got_json = normalize(json.load(f))
        except Exception as e:  # a reader refusing the file is a finding too
            failed += 1
            print(f"{original}: {type(e).__name__}: {e}".replace("\n", " "))
            continue
        for form, got in (("YAML", got_yaml), ("JSON", got_json)):
            d = first_difference(want, got)
            if d:
                failed += 1
                print(f"{original}: exported {form} differs at {d}")
                break
    print(f"independent reader: {checked - failed}/{checked} templates read back the same")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
