"""The user guide's workflows, driven with the official Python client against a Cytomine server.

    python tests/python/user_guide.py --host http://127.0.0.1:8080 --public_key PUB --private_key PRIV

Prints one line per step and exits non-zero at the first failed check (`--keep-going` runs every
step and reports all failures). Run by `tests/python_interop.rs` against the emulator.
"""

import sys

import guide_annotations as annotations
import guide_catalog as catalog
import guide_images as images
from interop_runner import run

STEPS = [
    ("connect", catalog.connect),
    ("ontology and terms", catalog.ontology_and_terms),
    ("project create/fetch/update", catalog.project_crud),
    ("project lists", catalog.project_lists),
    ("upload image", images.upload),
    ("images of project", images.images_of_project),
    ("image download", images.download),
    ("thumbnail dump", images.thumbnail),
    ("annotation with terms", annotations.annotate),
    ("annotation filters", annotations.filter_annotations),
    ("annotation bulk save", annotations.bulk_save),
    ("large annotation listing", annotations.large_listing),
    ("users", annotations.users),
    ("delete by id", annotations.deletes),
]

if __name__ == "__main__":
    sys.exit(run(STEPS, sys.argv[1:]))
