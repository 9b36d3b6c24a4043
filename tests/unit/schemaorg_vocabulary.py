"""The schema.org vocabulary, read from schema-dts's ``schema.d.ts`` (npm ``schema-dts``).

schema-dts is Google's TypeScript rendering of the whole schema.org vocabulary,
generated from schema.org's own release file: every type as an interface with
its properties and their ranges, every enumeration as a union of its members.
This reads the little of that form the tests need, and writes the subset the
structured data uses (``schemaorg_subset.json`` beside this file), so the tests
check the JSON-LD against the vocabulary without the package installed:

    .venv/bin/python tests/unit/schemaorg_vocabulary.py node_modules/schema-dts/dist/schema.d.ts

(``test_jsonld.py`` lists what to keep, and checks the subset file against the
package whenever node_modules has it.)
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

SUBSET_FILE = Path(__file__).with_name("schemaorg_subset.json")
PREFIX = "https://schema.org/"

# "interface ThingBase extends Partial<IdReference> {": Thing has no base of its own.
_BASE = re.compile(r"^interface (\w+)Base extends (.+) \{$")
_LEAF = re.compile(r"^export interface (\w+)Leaf extends ([\w, ]+) \{$")
_PROPERTY = re.compile(r'^\s+"(\w+)"\?: SchemaValue<(.+), "\1">;$')
_UNION = re.compile(r"^export type (\w+) = (.+);$")
_MEMBER = re.compile(r'^"https://schema\.org/(\w+)"$')


@dataclass
class Vocabulary:
    own: dict[str, dict[str, list[str]]] = field(default_factory=dict)  # XBase: properties
    extends: dict[str, list[str]] = field(default_factory=dict)  # XBase: the bases it extends
    leaf_base: dict[str, list[str]] = field(default_factory=dict)  # type X: its bases
    union: dict[str, list[str]] = field(default_factory=dict)  # X = its members

    def properties(self, type_name: str) -> dict[str, list[str]]:
        """Every property of ``type_name``, its own and inherited, with its ranges."""
        found: dict[str, list[str]] = {}
        pending = list(self.leaf_base.get(type_name, []))
        seen: set[str] = set()
        while pending:
            base = pending.pop()
            if base in seen:
                continue
            seen.add(base)
            for name, ranges in self.own.get(base, {}).items():
                found.setdefault(name, ranges)
            pending += self.extends.get(base, [])
        return found

    def members(self, enumeration: str) -> list[str]:
        """The members of an enumeration (the schema.org names in its union)."""
        names = (_MEMBER.match(part) for part in self.union.get(enumeration, []))
        return sorted(match.group(1) for match in names if match)

    def subtypes(self, type_name: str) -> set[str]:
        """Every type below ``type_name`` (through the unions ``X = XLeaf | Sub | …``)."""
        found: set[str] = set()
        pending = [type_name]
        while pending:
            for part in self.union.get(pending.pop(), []):
                if re.fullmatch(r"\w+", part) and not part.endswith("Leaf") and part not in found:
                    found.add(part)
                    pending.append(part)
        return found


def read_vocabulary(text: str) -> Vocabulary:
    vocabulary = Vocabulary()
    current: str | None = None
    for line in text.splitlines():
        if base := _BASE.match(line):
            current = base.group(1) + "Base"
            vocabulary.own[current] = {}
            vocabulary.extends[current] = _names(base.group(2))
        elif leaf := _LEAF.match(line):
            current = None
            vocabulary.leaf_base[leaf.group(1)] = _names(leaf.group(2))
        elif current and (prop := _PROPERTY.match(line)):
            ranges = [r.strip() for r in prop.group(2).split("|")]
            vocabulary.own[current][prop.group(1)] = [r for r in ranges if r != "IdReference"]
        elif union := _UNION.match(line):
            vocabulary.union[union.group(1)] = [p.strip() for p in union.group(2).split("|")]
        elif line.startswith("}"):
            current = None
    return vocabulary


def _names(text: str) -> list[str]:
    return [name.strip() for name in text.split(",") if re.fullmatch(r"\s*\w+\s*", name)]


# The type the data's root must be: Google reads a store's policies on its Organization.
ROOTS = ("Organization",)


def subset(
    vocabulary: Vocabulary, used: Mapping[str, Iterable[str]], enumerations: Iterable[str]
) -> dict:
    """What the tests need: for each used type, the used properties with their ranges
    (or None for a property the type does not have), each enumeration's members, and
    each range type's (and root's) subtypes among the used types."""
    types = {
        name: {p: vocabulary.properties(name).get(p) for p in sorted(props)}
        for name, props in sorted(used.items())
    }
    ranges = {r for props in types.values() for rs in props.values() for r in rs or []}
    ranges.update(ROOTS)
    return {
        "source": "schema-dts 2.1.0 (npm), dist/schema.d.ts: the schema.org vocabulary",
        "types": types,
        "enumerations": {e: vocabulary.members(e) for e in sorted(enumerations)},
        "subtypes": {
            r: sorted(vocabulary.subtypes(r) & set(used))
            for r in sorted(ranges)
            if vocabulary.subtypes(r) & set(used)
        },
    }


if __name__ == "__main__":
    from test_jsonld import USED_ENUMERATIONS, used_terms

    found = read_vocabulary(Path(sys.argv[1]).read_text(encoding="utf-8"))
    data = subset(found, used_terms(), USED_ENUMERATIONS)
    SUBSET_FILE.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    print(SUBSET_FILE)
