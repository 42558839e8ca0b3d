"""Fixtures of the official client's test suite (cytomine-python-client 4.3.0), rebuilt from
docs/protocol.md §6.5, because the PyPI sdist ships its `tests/` without `conftest.py`.

`run_suite.py` copies this file into the sdist's `tests/` package, next to `data/attached_file.txt`.
Options: `--host`, `--public_key`, `--private_key`. Fixtures (session scope): `connect` (connect,
ping again, open an admin session) and `dataset` (the objects the tests build on, created in the
order of §6.2 and deleted in its teardown order; teardown results are ignored).
"""

import logging
import random
import string
from collections.abc import Iterator
from typing import Any

import pytest

from cytomine import Cytomine
from cytomine.models import (
    AbstractImage,
    AbstractSlice,
    Annotation,
    ImageInstance,
    Ontology,
    Project,
    Storage,
    Tag,
    Term,
    Track,
    UploadedFile,
    User,
)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--host", action="store", help="Cytomine host, e.g. http://127.0.0.1:8080")
    parser.addoption("--public_key", action="store", help="public key of an admin account")
    parser.addoption("--private_key", action="store", help="private key of that account")


def random_string(length: int = 10) -> str:
    """`length` random ASCII letters."""
    return "".join(random.choice(string.ascii_letters) for _ in range(length))


@pytest.fixture(scope="session")
def connect(request: pytest.FixtureRequest) -> Cytomine:
    option = request.config.getoption
    cytomine = Cytomine.connect(
        option("--host"), option("--public_key"), option("--private_key"), logging.DEBUG
    )
    cytomine.wait_to_accept_connection()
    cytomine.open_admin_session()
    return cytomine


def _uploaded_file(project: Any, storage: Any, user: Any) -> Any:
    return UploadedFile(
        originalFilename=random_string(),
        filename=random_string(),
        size=1,
        ext="tiff",
        contentType="tiff/ddd",
        id_projects=project.id,
        id_storage=storage.id,
        id_user=user.id,
    ).save()


@pytest.fixture(scope="session")
def dataset(connect: Cytomine) -> Iterator[dict[str, Any]]:
    data: dict[str, Any] = {}
    data["user"] = User(
        random_string(), random_string(), random_string(), "mail@cytomine.org", random_string()
    ).save()
    data["ontology"] = Ontology(random_string()).save()
    data["term1"] = Term(random_string(), data["ontology"].id, "#000000").save()
    data["term2"] = Term(random_string(), data["ontology"].id, "#000000").save()
    data["project"] = Project(random_string(), data["ontology"].id).save()
    data["storage"] = Storage(random_string(), data["user"].id).save()
    for key in ["uploaded_file", "uploaded_file2", "uploaded_file3"]:
        data[key] = _uploaded_file(data["project"], data["storage"], data["user"])
    for key, upload in [
        ("abstract_image", "uploaded_file"),
        ("abstract_image2", "uploaded_file2"),
        ("abstract_image3", "uploaded_file3"),
    ]:
        data[key] = AbstractImage(random_string(), data[upload].id, width=50, height=50).save()
    data["abstract_slice"] = AbstractSlice(
        id_image=data["abstract_image"].id,
        channel=0,
        z_stack=0,
        time=0,
        id_uploaded_file=data["uploaded_file"].id,
    ).save()
    data["image_instance"] = ImageInstance(data["abstract_image"].id, data["project"].id).save()
    data["image_instance2"] = ImageInstance(data["abstract_image2"].id, data["project"].id).save()
    data["track"] = Track(random_string(), data["image_instance2"].id, "#000000").save()
    data["annotation"] = Annotation(
        location="POLYGON ((0 0, 0 20, 20 20, 20 0, 0 0))",
        id_image=data["image_instance"].id,
        id_terms=[data["term2"].id],
    ).save()
    data["tag"] = Tag(random_string()).save()
    yield data
    teardown = [
        (ImageInstance, "image_instance"),
        (Annotation, "annotation"),
        (AbstractImage, "abstract_image"),
        (AbstractImage, "abstract_image2"),
        (Term, "term1"),
        (Term, "term2"),
        (Project, "project"),
        (Ontology, "ontology"),
        (User, "user"),
        (Tag, "tag"),
    ]
    for model, key in teardown:
        saved = data.get(key)
        if saved:
            model().delete(saved.id)
