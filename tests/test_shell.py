"""fc as a user types it: the README in bash and zsh, the CI workflow as GitHub runs it, the hook.

`fc` is also a built-in of bash and zsh that wins over any program on PATH, so these tests start
real shells the way the README says (interactive, with the one line it asks to add to the rc
file), run the README's own commands, and check that each reached fc, not the built-in. The
example workflow's `run:` steps are run as GitHub runs them, and the pre-commit hook through real
pre-commit. All of them use an fc installed by the README's first set-up command, in a copy of
this repository.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from helpers import EXAMPLES, ROOT

README = ROOT / "README.md"
WORKFLOW = ROOT / "examples" / "agreement-repo" / ".github" / "workflows" / "validate.yml"
CALLS_FC = re.compile(r"(?:^|[\s/;&|(])(?:fc|fc-cli)(?:\s|$)|python3? -m fc_cli")
RC = "<<fc-test rc="


def fenced_shell_blocks(markdown: str) -> list[list[str]]:
    """The README's ```sh blocks, each as its command lines (no comments, no blank lines)."""
    blocks = re.findall(r"^```(?:sh|bash|shell)\n(.*?)^```", markdown, flags=re.M | re.S)
    return [[line for line in block.splitlines() if line.strip() and not line.lstrip().startswith("#")]
            for block in blocks]


def one_time_line(shell: str) -> str:
    """What the README's table says to run once in *shell* so that `fc` reaches fc."""
    row = re.search(rf"^\| {shell} \| `([^`]+)` \|", README.read_text(encoding="utf-8"), flags=re.M)
    assert row is not None, f"the README says nothing about {shell}"
    return row.group(1)


def _copy_of_the_repository(target: Path) -> Path:
    ignored = shutil.ignore_patterns(".git", ".venv", "venv", "out", "__pycache__", ".pytest_cache",
                                     ".hypothesis", "*.egg-info", "build", "dist")
    shutil.copytree(ROOT, target, ignore=ignored)
    return target


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of this repository where the README's first set-up command has run, as typed."""
    copy = _copy_of_the_repository(tmp_path_factory.mktemp("user") / "fc")
    setup = next(line for block in fenced_shell_blocks(README.read_text(encoding="utf-8"))
                 for line in block if "pip install ." in line)
    result = subprocess.run(["bash", "--noprofile", "--norc", "-c", setup], cwd=copy, capture_output=True,
                            text=True, timeout=600, env=_clean_env())
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.endswith("out/samverkansavtal-familjecentralen-vivalla.docx\n")
    assert (copy / "out" / "samverkansavtal-familjecentralen-vivalla.docx").is_file()
    return copy


def _clean_env(**extra: str) -> dict[str, str]:
    """The environment of a user who has not activated anything yet."""
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH", "COLUMNS")}
    bin_dir = str(Path(sys.executable).parent)
    env["PATH"] = os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep) if p != bin_dir)
    env.update(extra)
    return env


# ---- the README in bash and zsh --------------------------------------------------------------


def _readme_session(installed: Path, home: Path, repository: Path) -> str:
    """A shell script of the README's fc commands in order, each followed by its exit code."""
    filled = (EXAMPLES / "vivalla" / "centre.yaml").read_text(encoding="utf-8")
    filled = filled.replace("Familjecentralen Vivalla", "Familjecentralen Brickebacken")
    (home / "ifylld.yaml").write_text(filled, encoding="utf-8")
    lines = ["source " + str(installed / ".venv" / "bin" / "activate"), f"cd {repository}",
             "type fc", f"echo '{RC}'$?"]
    rendered = False
    for block in fenced_shell_blocks(README.read_text(encoding="utf-8")):
        if not any(CALLS_FC.search(line) for line in block) or any("pip install" in line for line in block):
            continue
        if not rendered and any(" render " in line for line in block):
            # step 2 of the README, "Fill it in", is done by hand: here by a filled-in file
            rendered = True
            lines += [f"cp {home / 'ifylld.yaml'} orebro/brickebacken/centre.yaml", f"echo '{RC}'$?"]
        for line in block:
            lines += [line, f"echo '{RC}'$?"]
    return "\n".join(lines) + "\n"


def _run_session(shell: str, installed: Path, tmp_path: Path, *, set_up: bool = True) -> list[tuple[str, int]]:
    home = tmp_path / "home"
    home.mkdir(parents=True)
    repository = tmp_path / "avtal"
    repository.mkdir()
    subprocess.run(["git", "init", "-q", str(repository)], check=True)
    env = _clean_env(HOME=str(home), ZDOTDIR=str(home), FCEDIT="false", EDITOR="false", TERM="dumb")
    rc_file = home / (".bashrc" if shell == "bash" else ".zshrc")
    rc_file.write_text("", encoding="utf-8")
    if set_up:  # the README's one line, run as it says
        subprocess.run([shell, "-c", one_time_line(shell)], env=env, check=True)
    script = home / "session.sh"
    script.write_text(_readme_session(installed, home, repository), encoding="utf-8")
    result = subprocess.run([shell, "-i", str(script)], cwd=home, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, timeout=600, stdin=subprocess.DEVNULL)
    outputs = (result.stdout + "\n").split(RC)
    steps = []
    for output, rest in zip(outputs, outputs[1:], strict=False):
        code, _, _ = rest.partition("\n")
        steps.append((output.strip(), int(code)))
    return steps


def _commands(installed: Path, tmp_path: Path) -> list[str]:
    script = _readme_session(installed, tmp_path, tmp_path)
    return [line for line in script.splitlines()[2:] if not line.startswith("echo '<<")]


@pytest.mark.parametrize("shell", ["bash", "zsh"])
def test_every_readme_command_reaches_fc_in_the_shell(shell: str, installed: Path, tmp_path: Path) -> None:
    steps = _run_session(shell, installed, tmp_path / "s")
    commands = _commands(installed, tmp_path)
    assert len(steps) == len(commands), steps
    results = dict(zip(commands, steps, strict=False))
    fc_type, _ = results["type fc"]
    assert fc_type.endswith(f"{installed}/.venv/bin/fc"), fc_type  # a program, not the built-in
    calls = {command: step for command, step in results.items() if CALLS_FC.search(command)}
    assert len(calls) >= 7
    expected = {
        "fc new-centre": (0, "orebro/brickebacken/centre.yaml"),
        "fc validate orebro/brickebacken": (1, "1 fil kontrollerad: "),
        "fc render agreement          #": (0, "samverkansavtal-familjecentralen-brickebacken.docx"),
        "fc render all                #": (0, "verksamhetsberattelse-familjecentralen-brickebacken.docx"),
        "fc render all --draft": (0, "avsiktsforklaring-familjecentralen-brickebacken.docx"),
        "fc render agreement --format md": (0, "samverkansavtal-familjecentralen-brickebacken.md"),
        "fc render agreement --format pdf": (0, "samverkansavtal-familjecentralen-brickebacken.pdf"),
    }
    for start, (code, text) in expected.items():
        command = next(c for c in calls if c.startswith(start))
        output, rc = calls[command]
        assert rc == code and text in output, (shell, command, rc, output)
    for command, (output, rc) in calls.items():
        # every other command reached fc: fc's own answer (an example's files or git tags may not
        # exist in this repository, which fc reports as wrong usage), never the shell's `fc: …`
        assert rc in (0, 1, 2), (shell, command, rc, output)
        assert output and not re.search(r"(^|: )fc: ", output, re.M), (shell, command, output)
    for command in calls:
        if command.startswith("fc status"):
            assert calls[command][1] == 0, (shell, command, calls[command])
    folder = tmp_path / "s" / "avtal" / "orebro" / "brickebacken"
    assert (folder / "samverkansavtal-familjecentralen-brickebacken.pdf").read_bytes()[:5] == b"%PDF-"


@pytest.mark.parametrize("shell", ["bash", "zsh"])
def test_without_the_set_up_line_the_shell_runs_its_own_fc(shell: str, installed: Path, tmp_path: Path) -> None:
    # the trap the README warns about, and that the test above would notice
    steps = _run_session(shell, installed, tmp_path / "s", set_up=False)
    commands = _commands(installed, tmp_path)
    results = dict(zip(commands, steps, strict=False))
    fc_type, _ = results["type fc"]
    assert "builtin" in fc_type
    output, _ = results["fc validate orebro/brickebacken"]
    assert "fil kontrollerad" not in output
    assert not (tmp_path / "s" / "avtal" / "orebro" / "brickebacken" / "centre.yaml").exists()


# ---- the example workflow, as GitHub runs it ---------------------------------------------------------


def _workflow() -> dict:
    return YAML(typ="safe").load(WORKFLOW.read_text(encoding="utf-8"))


def _run_workflow(installed: Path, repository: Path, tmp_path: Path) -> tuple[int, str, str]:
    """Each `run:` step in *repository* as GitHub's default shell runs it; stops at the first failure."""
    workflow = _workflow()
    summary = tmp_path / "summary.md"
    env = _clean_env(**workflow.get("env", {}))
    env["FC_PACKAGE"] = str(installed)  # fc from this checkout instead of the organisation's copy
    env["GITHUB_STEP_SUMMARY"] = str(summary)
    env["PATH"] = os.pathsep.join([str(installed / ".venv" / "bin"), env["PATH"]])  # setup-python's python
    out = ""
    failed = 0
    for index, step in enumerate(workflow["jobs"]["validate"]["steps"]):
        if "run" not in step or (failed and step.get("if") != "always()"):
            continue
        script = tmp_path / f"step-{index}.sh"
        script.write_text(step["run"], encoding="utf-8")
        result = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
                                cwd=repository, env={**env, **step.get("env", {})}, capture_output=True,
                                text=True, timeout=600)
        out += result.stdout
        failed = failed or result.returncode
    return failed, out, summary.read_text(encoding="utf-8") if summary.exists() else ""


def _repository(path: Path, centres: dict[str, str]) -> Path:
    for folder, text in centres.items():
        (path / folder).mkdir(parents=True)
        (path / folder / "centre.yaml").write_text(text, encoding="utf-8")
    subprocess.run(["git", "init", "-q", str(path)], check=True)
    return path


def _broken_centre() -> str:
    text = (EXAMPLES / "vivalla" / "centre.yaml").read_text(encoding="utf-8")
    return text.replace("organisation_number: 212000-1850", "organisation_number: 212000-1851", 1)


def test_the_workflow_fails_a_pull_request_with_a_broken_centre(installed: Path, tmp_path: Path) -> None:
    assert "212000-1850" in (EXAMPLES / "vivalla" / "centre.yaml").read_text(encoding="utf-8")
    repository = _repository(tmp_path / "repo", {"orebro/vivalla": _broken_centre()})
    code, out, summary = _run_workflow(installed, repository, tmp_path)
    assert code == 1
    assert re.search(r"^::error file=orebro/vivalla/centre\.yaml,line=\d+,col=\d+::principals\[\d\]"
                     r"\.organisation_number: '212000-1851' är inget giltigt organisationsnummer", out, re.M), out
    assert out.rstrip().endswith("1 fil kontrollerad: 1 fel, 0 varningar")
    # every finding in the job summary, past GitHub's ten annotations a step
    assert summary.startswith("## fc validate\n\n1 fil kontrollerad: 1 fel, 0 varningar\n\n| Fil | Rad |")
    assert "| orebro/vivalla/centre.yaml |" in summary and "| fel |" in summary
    # and the centres' deadlines, though validation failed (if: always())
    assert "### Familjecentralerna den " in summary and "1 centrum (1 FC, 0 FCLV), 1 ogiltig fil" in summary


def test_the_workflow_passes_a_valid_repository(installed: Path, tmp_path: Path) -> None:
    centres = {f"{region}/{name}": (EXAMPLES / name / "centre.yaml").read_text(encoding="utf-8")
               for region, name in [("orebro", "vivalla"), ("jamtland", "lugnvik"), ("varmland", "rud")]}
    code, out, summary = _run_workflow(installed, _repository(tmp_path / "repo", centres), tmp_path)
    # a warning does not fail the workflow: examples/rud's pack has no framework title and date yet
    assert (code, out.splitlines()[-1]) == (0, "3 filer kontrollerade: 0 fel, 1 varning")
    validation, _, status = summary.partition("### Familjecentralerna den ")
    assert validation.startswith("## fc validate\n\n3 filer kontrollerade: 0 fel, 1 varning\n")
    assert "regional-agreement" in validation
    assert "3 centrum (2 FC, 1 FCLV), 0 ogiltiga filer" in status


def test_the_workflow_uses_no_shadowed_name_and_pinned_current_actions() -> None:
    steps = _workflow()["jobs"]["validate"]["steps"]
    for step in steps:
        for line in step.get("run", "").splitlines():
            assert not re.match(r"\s*fc\s", line), line  # bash's built-in would answer
        if "uses" in step:
            action, _, ref = step["uses"].partition("@")
            assert re.fullmatch(r"[0-9a-f]{40}", ref), step["uses"]  # pinned to a commit
    versions = re.findall(r"uses: (actions/[\w-]+)@[0-9a-f]{40} # v(\d+)", WORKFLOW.read_text(encoding="utf-8"))
    # the Node 24 majors (the Node 20 ones are being retired)
    assert dict((name, int(major)) for name, major in versions) == {"actions/checkout": 6, "actions/setup-python": 6}


# ---- the pre-commit hook, through real pre-commit -----------------------------------------------------


@pytest.fixture(scope="module")
def hook_repository(installed: Path) -> Path:
    """The installed copy as a git repository, for `pre-commit try-repo` (it clones a repository)."""
    git = ["git", "-c", "user.name=fc", "-c", "user.email=fc@example.invalid"]
    if not (installed / ".git").exists():
        subprocess.run([*git, "init", "-q"], cwd=installed, check=True)
        subprocess.run([*git, "add", "-A"], cwd=installed, check=True)  # .gitignore keeps .venv out
        subprocess.run([*git, "commit", "-qm", "fc"], cwd=installed, check=True)
    return installed


def _pre_commit(hook_repository: Path, repository: Path, home: Path) -> subprocess.CompletedProcess[str]:
    subprocess.run(["git", "add", "-A"], cwd=repository, check=True)
    env = _clean_env(PRE_COMMIT_HOME=str(home), PRE_COMMIT_COLOR="never")
    return subprocess.run([sys.executable, "-m", "pre_commit", "try-repo", str(hook_repository), "fc-validate",
                           "--all-files"], cwd=repository, env=env, capture_output=True, text=True, timeout=600)


def test_the_pre_commit_hook_stops_a_broken_centre_and_passes_a_valid_one(
    hook_repository: Path, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    home = tmp_path_factory.mktemp("pre-commit-home")
    broken = _repository(tmp_path / "broken", {"orebro/vivalla": _broken_centre()})
    (broken / "README.md").write_text("inte en centrumfil: kroken hoppar över den\n", encoding="utf-8")
    result = _pre_commit(hook_repository, broken, home)
    assert result.returncode == 1, result.stdout + result.stderr
    assert re.search(r"^fc validate\.+Failed$", result.stdout, re.M), result.stdout
    assert re.search(r"^orebro/vivalla/centre\.yaml:\d+:\d+: error: principals\[\d\]\.organisation_number: "
                     r"'212000-1851' är inget giltigt organisationsnummer", result.stdout, re.M), result.stdout
    valid = _repository(tmp_path / "valid",
                        {"orebro/vivalla": (EXAMPLES / "vivalla" / "centre.yaml").read_text(encoding="utf-8")})
    result = _pre_commit(hook_repository, valid, home)
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"^fc validate\.+Passed$", result.stdout, re.M), result.stdout


def test_the_hook_uses_the_name_no_shell_shadows() -> None:
    hooks = YAML(typ="safe").load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert [(h["id"], h["entry"], h["language"]) for h in hooks] == [("fc-validate", "fc-cli validate", "python")]
