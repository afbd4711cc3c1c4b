"""Generator options that the corpus cases do not cover by themselves."""

from __future__ import annotations

import importlib.metadata
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from asnfp import read_pool
from asnfp.cli import main

POOLS = Path(__file__).resolve().parents[1] / "corpus" / "pools"


def _run(tmp_path: Path, pool: Path, *options: str) -> Path:
    out = tmp_path / "out"
    out.mkdir(parents=True, exist_ok=True)
    assert main(["generate", str(pool), "-p", str(out), *options]) == 0
    return out


def _root(name: str) -> str:
    return re.sub(r"_(uncal|rate|rateints|cal|calints|x1d|x1dints)\.fits$", "", name)


@pytest.mark.parametrize(
    "pool", ["pool_002_image_miri", "pool_010_spec_nirspec_lv2bkg", "pool_018_all_exptypes"]
)
def test_save_orphans_lists_exactly_the_rows_no_association_took(
    tmp_path: Path, pool: str
) -> None:
    out = _run(tmp_path, POOLS / f"{pool}.csv", "--save-orphans", "left.csv")
    taken = {
        _root(member["expname"])
        for path in out.glob("*.json")
        for product in json.loads(path.read_text())["products"]
        for member in product["members"]
    }
    rows = read_pool(POOLS / f"{pool}.csv").get_column("filename").to_list()
    table = (out / "left.csv").read_text().splitlines()
    column = table[0].split("|").index("filename")
    orphans = [line.split("|")[column] for line in table[1:]]
    assert orphans == [row for row in rows if _root(row) not in taken]
    assert all(_root(row) in taken for row in rows if row not in orphans)


def test_bare_version_id_is_a_utc_time_stamp(tmp_path: Path) -> None:
    out = _run(tmp_path, POOLS / "pool_002_image_miri.csv", "--version-id")
    names = sorted(p.name for p in out.glob("*.json"))
    assert names and all(re.fullmatch(r"jw99009-o001_\d{8}t\d{6}_image[23]_\d{5}_asn\.json", n)
                         for n in names)
    stamp = json.loads((out / names[0]).read_text())["version_id"]
    assert re.fullmatch(r"\d{8}t\d{6}", stamp)


def test_dry_run_writes_nothing(tmp_path: Path) -> None:
    out = _run(tmp_path, POOLS / "pool_002_image_miri.csv", "--dry-run", "--save-orphans")
    assert list(out.iterdir()) == []


def test_other_delimiter_reads_the_same_pool(tmp_path: Path) -> None:
    source = POOLS / "pool_002_image_miri.csv"
    comma = tmp_path / "comma.csv"
    frame = read_pool(source)
    comma.write_text("\n".join([",".join(frame.columns),
                                *(",".join(f'"{v}"' for v in row) for row in frame.iter_rows())])
                     + "\n")
    first = _run(tmp_path / "a", source)
    second = _run(tmp_path / "b", comma, "-d", ",")

    def contents(folder: Path) -> dict[str, object]:
        found = {}
        for path in folder.glob("*.json"):
            data = json.loads(path.read_text())
            data.pop("asn_pool")
            data.pop("constraints")
            found[path.name] = data
        return found

    assert contents(first) == contents(second)


def test_yaml_format_writes_yaml_files(tmp_path: Path) -> None:
    yaml = pytest.importorskip("yaml")
    out = _run(tmp_path, POOLS / "pool_002_image_miri.csv", "--format", "yaml")
    files = sorted(out.glob("*.yaml"))
    assert len(files) == 9
    assert yaml.safe_load(files[0].read_text())["asn_type"] in ("image2", "image3")


def test_unknown_option_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["generate", "pool.csv", "--no-such-option"])
    assert stopped.value.code == 2
    assert "--no-such-option" in capsys.readouterr().err


def test_version_option(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["generate", "--version"])
    assert stopped.value.code == 0
    assert re.fullmatch(r"asnfp generate \d+\.\d+\.\d+\n", capsys.readouterr().out)


def test_verbose_prints_a_summary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _run(tmp_path, POOLS / "pool_002_image_miri.csv", "-v")
    assert "9 associations (image2 8, image3 1), 0 orphaned rows" in capsys.readouterr().out


def test_pool_format_ascii_is_the_default(tmp_path: Path) -> None:
    first = _run(tmp_path / "a", POOLS / "pool_002_image_miri.csv")
    second = _run(tmp_path / "b", POOLS / "pool_002_image_miri.csv", "--pool-format", "ascii")
    assert sorted(p.name for p in first.glob("*.json")) == sorted(
        p.name for p in second.glob("*.json")
    )


def test_unknown_pool_format_is_an_error(capsys: pytest.CaptureFixture[str]) -> None:
    pool = POOLS / "pool_002_image_miri.csv"
    assert main(["generate", str(pool), "--dry-run", "--pool-format", "fits"]) == 1
    assert "pool format" in capsys.readouterr().err


def test_python_api_mirrors_the_options() -> None:
    from asnfp import generate
    from asnfp.rules import select

    pool = POOLS / "pool_001_candidates.csv"
    everything = generate(pool)
    only = generate(pool, candidate_ids=["o001"])
    assert {a.asn_id for a in only} == {"o001"}
    assert {a.asn_id for a in generate(pool, discover=True)} == {"a3001"}
    images = generate(pool, rules=select(asn_types={"image3"}), all_candidates=True)
    assert {a.asn_type for a in images} == {"image3"}
    assert len(everything) > len(images)


def test_the_executable_runs_the_command_line_and_exits_with_its_status(tmp_path: Path) -> None:
    """``asnfp`` and ``python -m asnfp`` run ``command``: files written, status passed on."""
    scripts = importlib.metadata.entry_points(group="console_scripts", name="asnfp")
    assert [entry.value for entry in scripts] == ["asnfp.cli:command"]
    pool = str(POOLS / "pool_002_image_miri.csv")
    done = subprocess.run(
        [sys.executable, "-m", "asnfp", "generate", pool, "-p", str(tmp_path)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert any(tmp_path.glob("*_asn.json"))
    missing = subprocess.run(
        [sys.executable, "-m", "asnfp", "generate", str(tmp_path / "none.csv"), "-p",
         str(tmp_path)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert missing.returncode == 1
    assert "none.csv" in missing.stderr
