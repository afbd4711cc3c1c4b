"""Reruns: complete pools are skipped, changed or incomplete ones redone, ``force`` redoes all."""

from __future__ import annotations

from pathlib import Path

import msgspec
import pytest
from distributed import Client

from asnfp.many import GenerateOptions, Summary, generate_many
from asnfp.many._manifest import Manifest, manifest_path
from many._helpers import POOLS, SMALL, copy_pools, folder_files

pytestmark = pytest.mark.xdist_group("many")


def _statuses(summary: Summary) -> dict[str, str]:
    return {row.pool: row.status for row in summary.rows}


def _mtimes(folder: Path) -> dict[str, int]:
    return {p.name: p.stat().st_mtime_ns for p in folder.iterdir()}


def test_rerun_skips_complete_pools_and_keeps_their_counts(
    client: Client, tmp_path: Path
) -> None:
    pools = copy_pools(SMALL, tmp_path / "pools")
    out = tmp_path / "out"
    first = generate_many([pools], out, client=client)
    assert set(_statuses(first).values()) == {"complete"}
    before = {name: _mtimes(out / name) for name in SMALL}
    again = generate_many([pools], out, client=client)
    assert set(_statuses(again).values()) == {"skipped"}
    assert again.workers == 0  # no task was made
    assert {name: _mtimes(out / name) for name in SMALL} == before
    for old, new in zip(first.rows, again.rows, strict=True):
        assert (new.associations, new.by_type, new.orphans) == (
            old.associations, old.by_type, old.orphans
        )
    assert again.totals.skipped == len(SMALL) and again.totals.associations > 0


def test_force_regenerates_complete_pools(client: Client, tmp_path: Path) -> None:
    pools = copy_pools(SMALL[:2], tmp_path / "pools")
    out = tmp_path / "out"
    generate_many([pools], out, client=client)
    forced = generate_many([pools], out, client=client, force=True)
    assert set(_statuses(forced).values()) == {"complete"}


def test_rerun_regenerates_what_changed(client: Client, tmp_path: Path) -> None:
    pools = copy_pools(SMALL, tmp_path / "pools")
    out = tmp_path / "out"
    first = generate_many([pools], out, client=client)
    tso, tahaz, wild = SMALL
    expected = folder_files(out / tso)
    # A missing output file, a pool with new content, a stray file: only the first two rerun.
    victim = sorted((out / tso).iterdir())[0]
    victim.unlink()
    (pools / f"{tahaz}.csv").write_bytes((POOLS / f"{wild}.csv").read_bytes())
    (out / wild / "stray.txt").write_text("not listed in the manifest")
    again = generate_many([pools], out, client=client)
    assert _statuses(again) == {tso: "complete", tahaz: "complete", wild: "skipped"}
    assert folder_files(out / tso) == expected
    assert folder_files(out / tahaz) != folder_files(out / wild)  # asn_pool names differ
    assert again.rows[1].associations == first.rows[2].associations


def test_changed_options_regenerate_and_remove_stale_files(
    client: Client, tmp_path: Path
) -> None:
    pools = copy_pools(SMALL[:1], tmp_path / "pools")
    out = tmp_path / "out"
    generate_many([pools], out, client=client, options=GenerateOptions(version_id="v1"))
    old = set(folder_files(out / SMALL[0]))
    summary = generate_many([pools], out, client=client,
                            options=GenerateOptions(version_id="v2"))
    assert summary.rows[0].status == "complete"
    new = set(folder_files(out / SMALL[0]))
    assert new and not new & old
    assert all("_v2_" in name for name in new)


def test_manifest_lists_the_written_files(client: Client, tmp_path: Path) -> None:
    pools = copy_pools(SMALL[:1], tmp_path / "pools")
    out = tmp_path / "out"
    summary = generate_many([pools], out, client=client,
                            options=GenerateOptions(save_orphans="orphans.csv"))
    manifest = msgspec.json.decode(manifest_path(out, SMALL[0]).read_bytes(), type=Manifest)
    files = folder_files(out / SMALL[0])
    assert {entry.name: entry.size for entry in manifest.files} == {
        name: len(data) for name, data in files.items()
    }
    assert "orphans.csv" in files
    assert manifest.row == summary.rows[0]


def test_failed_pool_is_retried_on_rerun(client: Client, tmp_path: Path) -> None:
    pools = copy_pools(SMALL[:1], tmp_path / "pools")
    bad = pools / "bad_pool.csv"
    bad.write_text("filename|program\nf.fits|1\n")
    out = tmp_path / "out"
    first = generate_many([pools], out, client=client)
    assert _statuses(first) == {"bad_pool": "failed", SMALL[0]: "complete"}
    assert not (out / "bad_pool").exists()
    again = generate_many([pools], out, client=client)
    assert _statuses(again) == {"bad_pool": "failed", SMALL[0]: "skipped"}
