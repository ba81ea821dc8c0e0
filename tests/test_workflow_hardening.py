"""The CI workflow builds a pull request's untrusted content without anything worth stealing.

A pull request can change content and templates, which the build reads; so the job that builds and
tests it must hold no token that can write, must not leave its token in the checkout, and must run
on `pull_request` (a fork's code with the fork's rights), never `pull_request_target`. The one job
that writes to the pull request runs none of its code.
"""

from __future__ import annotations

import yaml

from .conftest import REPO

WORKFLOW = yaml.safe_load((REPO / ".github/workflows/site.yml").read_text(encoding="utf-8"))


def _runs(job: dict) -> str:
    return "\n".join(step.get("run", "") for step in job["steps"])


def test_the_workflow_never_runs_a_pull_requests_code_with_the_base_repositorys_rights():
    triggers = WORKFLOW[True]  # YAML 1.1 reads the key `on` as true
    assert "pull_request_target" not in triggers and "workflow_run" not in triggers
    assert WORKFLOW["permissions"] == {"contents": "read"}


def test_jobs_that_run_the_pull_requests_code_can_only_read():
    building = {name: job for name, job in WORKFLOW["jobs"].items() if "site_build.py" in _runs(job) or "pytest" in _runs(job)}
    assert building, "no job builds the site"
    for name, job in building.items():
        assert job.get("permissions") == {"contents": "read"}, name
        checkouts = [step for step in job["steps"] if str(step.get("uses", "")).startswith("actions/checkout")]
        assert checkouts and all(step["with"]["persist-credentials"] is False for step in checkouts), name


def test_the_job_that_writes_to_the_pull_request_runs_none_of_its_code():
    writing = {name: job for name, job in WORKFLOW["jobs"].items() if "write" in (job.get("permissions") or {}).values()}
    commenting = writing.pop("comment")
    assert not any(str(step.get("uses", "")).startswith("actions/checkout") for step in commenting["steps"])
    assert "python" not in _runs(commenting) and "npm" not in _runs(commenting)
    # Publishing runs only from main, after the checks, with no checkout of its own.
    deploy = writing.pop("deploy")
    assert deploy["if"] == "github.ref == 'refs/heads/main'" and deploy["needs"] == "check"
    assert not any(str(step.get("uses", "")).startswith("actions/checkout") for step in deploy["steps"])
    assert writing == {}
