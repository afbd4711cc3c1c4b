"""``asnfp.models``: associations opened as the pipeline opens them, checked against jwst."""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import asnfp
from asnfp.errors import AssociationInvalidError
from asnfp.io import dump, load
from asnfp.models import MissingMembersError, open_container, open_library
from tools.helpers import run

MEMBERS = ["a_cal.fits", "b_cal.fits", "bg_cal.fits:background"]


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Three small ImageModel files and their association, made with ``asnfp from-list``."""
    datamodels = pytest.importorskip("stdatamodels.jwst.datamodels")
    pytest.importorskip("jwst.datamodels")
    import numpy as np

    folder = tmp_path_factory.mktemp("models")
    for i, item in enumerate(MEMBERS, start=1):
        name = item.partition(":")[0]
        with datamodels.ImageModel(np.full((3, 4), float(i), dtype=np.float32)) as model:
            model.meta.filename = name
            observation = model.meta.observation
            observation.program_number = "01234"
            observation.observation_number = "001"
            observation.visit_number = "001"
            observation.visit_group = "01"
            observation.sequence_id = "1"
            observation.activity_id = "01"
            observation.exposure_number = str(i)
            model.save(folder / name)
    status = asnfp.cli.main(["from-list", "-o", str(folder / "jw01234-a3001_image3_00001_asn.json"),
                             "--product-name", "mosaic", "--pool-name", "jw01234_pool.csv",
                             *MEMBERS])
    assert status == 0
    yield folder


def _asn(folder: Path) -> Path:
    return folder / "jw01234-a3001_image3_00001_asn.json"


def _model_facts(model: Any) -> tuple[Any, ...]:
    return (type(model).__name__, model.meta.filename, model.meta.asn.exptype,
            model.meta.asn.table_name, model.meta.asn.pool_name, model.data.tolist())


def _container_facts(container: Any) -> tuple[Any, ...]:
    return (container.asn_table, container.asn_table_name, container.asn_pool_name,
            container.asn_exptypes, container.asn_file_path,
            [_model_facts(model) for model in container])


@pytest.mark.parametrize("exptypes", [None, ["science"], ["BACKGROUND"]])
@pytest.mark.parametrize("relative", [True, False])
def test_open_container_equals_datamodels_open(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, relative: bool,
    exptypes: list[str] | None,
) -> None:
    from stdatamodels.jwst import datamodels

    # From another folder, so that members resolve against the association's folder.
    monkeypatch.chdir(tmp_path)
    path = Path(os.path.relpath(_asn(folder), tmp_path)) if relative else _asn(folder)
    options = {} if exptypes is None else {"asn_exptypes": exptypes}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        want = datamodels.open(str(path), **options)
    got = open_container(str(path), exptypes=exptypes)
    assert _container_facts(got) == _container_facts(want)
    assert len(got) == (3 if exptypes is None else 2 if exptypes == ["science"] else 1)


@pytest.mark.parametrize("exptypes", [None, ["science"]])
def test_open_library_equals_model_library(
    folder: Path, exptypes: list[str] | None
) -> None:
    from jwst.datamodels import ModelLibrary

    path = _asn(folder)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        want = ModelLibrary(path, asn_exptypes=exptypes)
    got = open_library(path, exptypes=exptypes)
    assert type(got) is ModelLibrary
    assert got.asn == want.asn
    assert got.asn_dir == want.asn_dir
    assert len(got) == len(want)
    borrowed = {}
    for name, library in (("got", got), ("want", want)):
        with library:
            facts = []
            for index in range(len(library)):
                model = library.borrow(index)
                facts.append((*_model_facts(model), model.meta.group_id))
                library.shelve(model, index, modify=False)
        borrowed[name] = facts
    assert borrowed["got"] == borrowed["want"]


def test_base_dir_and_association_values(folder: Path, tmp_path: Path) -> None:
    """An association moved away from its members, or held in memory, opens the same models."""
    moved = tmp_path / _asn(folder).name
    shutil.copyfile(_asn(folder), moved)
    reference = open_container(_asn(folder))
    from_elsewhere = open_container(moved, base_dir=folder)
    assert [_model_facts(m) for m in from_elsewhere] == [_model_facts(m) for m in reference]
    assert from_elsewhere.asn_table == reference.asn_table
    assert from_elsewhere.asn_file_path == str(moved)

    asn = load(_asn(folder)).unwrap()
    from_value = open_container(asn, base_dir=folder)
    # A value has no file: its table is named as asnfp would write it.
    table_name = dump(asn)[0]
    assert from_value.asn_table_name == table_name
    assert [_model_facts(m) for m in from_value] == [
        (*_model_facts(m)[:3], table_name, *_model_facts(m)[4:]) for m in reference]
    assert from_value.asn_file_path is None

    library = open_library(moved, base_dir=folder)
    assert library.asn_dir == str(folder)
    assert library.asn == open_library(_asn(folder)).asn
    with library:
        model = library.borrow(2)
        assert model.meta.asn.exptype == "background"
        library.shelve(model, 2, modify=False)


def test_missing_members_are_listed(folder: Path, tmp_path: Path) -> None:
    moved = tmp_path / "x_asn.json"
    shutil.copyfile(_asn(folder), moved)
    for opener in (open_container, open_library):
        with pytest.raises(MissingMembersError) as caught:
            opener(moved)
        assert caught.value.missing == ("a_cal.fits", "b_cal.fits", "bg_cal.fits")
        assert str(moved) in str(caught.value)
        assert "a_cal.fits, b_cal.fits, bg_cal.fits" in str(caught.value)
    with pytest.raises(MissingMembersError) as caught:
        open_container(moved, exptypes=["background"])
    assert caught.value.missing == ("bg_cal.fits",)


def test_bad_files_raise_asnfp_errors(tmp_path: Path) -> None:
    pytest.importorskip("jwst.datamodels")
    bad = tmp_path / "bad_asn.json"
    for text in ('{"products": [', '{"asn_type": "image3"}', '{"products": []}'):
        bad.write_text(text)
        for opener in (open_container, open_library):
            with pytest.raises(AssociationInvalidError, match=r"bad_asn\.json"):
                opener(bad)
    with pytest.raises(AssociationInvalidError, match="cannot read"):
        open_container(tmp_path / "missing_asn.json")


def test_without_jwst_the_extra_is_named(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setitem(sys.modules, "jwst.datamodels", None)
    for opener in (open_container, open_library):
        with pytest.raises(ImportError, match=r"asnfp\[models\]"):
            opener(tmp_path / "x_asn.json")


def test_importing_asnfp_needs_no_jwst() -> None:
    code = (
        "import sys, asnfp, asnfp.models, asnfp.tools.commands, asnfp.cli\n"
        "asnfp.cli.build_parser()\n"
        "assert not [m for m in sys.modules if m.split('.')[0] in ('jwst', 'stdatamodels')]\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_only_models_imports_jwst_and_only_inside_functions() -> None:
    root = Path(asnfp.__file__).parent
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text())
        top_level = {id(node) for node in tree.body}
        for node in ast.walk(tree):
            names = (
                [alias.name for alias in node.names] if isinstance(node, ast.Import)
                else [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            )
            for name in names:
                if name.split(".")[0] not in ("jwst", "stdatamodels"):
                    continue
                assert path.name == "models.py", (path, name)
                assert id(node) not in top_level, (path, name)
                assert not name.startswith("jwst.associations"), (path, name)


def test_from_list_command_output_opens(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "validate", "--members", "--strict", str(_asn(folder)))
    assert status == 0, out
