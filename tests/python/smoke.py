"""A short check of a running server with the official client: connect, then list projects.

    python tests/python/smoke.py --host http://127.0.0.1:8080 --public_key PUB --private_key PRIV
"""

import sys

from cytomine.models import ProjectCollection

import guide_catalog as catalog
from interop_runner import Guide, run, saved


def list_projects(guide: Guide) -> str:
    """`GET project.json` must answer a collection."""
    projects = saved(ProjectCollection().fetch(), "GET project.json")
    assert all(isinstance(p.id, int) for p in projects), "project.json lists an item without a numeric id"
    return f"{len(projects)} project(s) listed"


STEPS = [("connect", catalog.connect), ("list projects", list_projects)]

if __name__ == "__main__":
    sys.exit(run(STEPS, sys.argv[1:]))
