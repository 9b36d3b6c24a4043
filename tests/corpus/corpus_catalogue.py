"""The whole corpus: every variant of both stores, and its size in words for the report."""

from __future__ import annotations

import dataclasses
from collections import Counter
from dataclasses import dataclass
from functools import cache

from corpus_edits import STORE_DIRS, Edit, Variant
from corpus_model import declared_paths, model_spots, policy_files
from corpus_pages import config_variants, page_variants
from corpus_policy import field_variants, file_variants, placeholder_variants


def baseline_variants() -> list[Variant]:
    """Each store as it is: it must check and build, or no variant of it means anything."""
    return [
        Variant(store, "mkdocs.yml", "(store)", "unchanged", "baseline", Edit("", how="none"),
                harmful=False)
        for store in STORE_DIRS
    ]  # fmt: skip


@cache
def all_variants() -> tuple[Variant, ...]:
    variants = [
        *baseline_variants(),
        *field_variants(),
        *placeholder_variants(),
        *file_variants(),
        *page_variants(),
        *config_variants(),
    ]
    ids = Counter(v.id for v in variants)
    repeated = [i for i, n in ids.items() if n > 1]
    if repeated:
        raise AssertionError(f"variant ids must be unique: {repeated}")
    # One run of the real command per family of defect classes.
    sampled: set[str] = set()
    marked = []
    for variant in variants:
        marked.append(dataclasses.replace(variant, cli=variant.family not in sampled))
        sampled.add(variant.family)
    return tuple(marked)


@dataclass(frozen=True)
class Summary:
    variants: int
    defect_classes: int
    field_paths: int  # model paths (shipping:methods.*.label) some variant changes
    written_paths: int  # model paths the two stores write
    declared_paths: int  # model paths the model declares
    key_paths: int  # distinct (store, file, key path) the variants change
    harmless: int
    cli_runs: int
    by_family: dict[str, int]

    def line(self) -> str:
        return (
            f"corpus: {self.variants} variants, {self.defect_classes} defect classes, "
            f"{self.field_paths} field paths (of {self.written_paths} the stores write; the "
            f"model declares {self.declared_paths}), {self.key_paths} key paths in files, "
            f"{self.harmless} harmless, {self.cli_runs} CLI runs"
        )


def corpus_summary() -> Summary:
    variants = all_variants()
    written = set()
    for store in STORE_DIRS:
        written |= {
            ":".join(spot.declaration)
            for spot in model_spots(policy_files(STORE_DIRS[store] / "policy"))
        }
    return Summary(
        variants=len(variants),
        defect_classes=len({v.defect.split(":")[0] for v in variants}),
        field_paths=len({v.model_path for v in variants if v.model_path}),
        written_paths=len(written),
        declared_paths=len(declared_paths()),
        key_paths=len({(v.store, v.file, v.target) for v in variants if v.model_path}),
        harmless=sum(not v.harmful for v in variants),
        cli_runs=sum(v.cli for v in variants),
        by_family=dict(Counter(v.family for v in variants)),
    )
