"""One process per Keras backend for the snippet checks: it imports Keras once, then forks a
child for each snippet, so a run does not pay Keras' import again (5–7 s of CPU on the
tensorflow and torch backends; importing is most of a short snippet's time).

The child is a fresh copy of the process as it stood after ``import keras``: nothing of one
snippet reaches the next (seeds, dtype policies, Keras' layer-name counters all start where a
new ``python FILE`` would have them after its imports). It runs the file as ``__main__``
(``runpy``) in the run's empty folder, with stdout and stderr in files of its own.

Used by hooks/snippet_runner.py (``execute_all(..., share_imports=True)``) for the Keras runs on
the backends the pages do not show. The pages' runs, and every ``--write``, stay real
``python FILE`` processes: what is stored and what a reader downloads is always checked the way
a reader runs it, and a run through this server is compared with that stored output.

Protocol, one JSON object a line: the server prints ``{"ready": true}`` once Keras is
imported; then for each request ``{"script", "workdir", "stdout", "stderr", "time_limit"}`` it
answers ``{"returncode", "cpu", "killed"}`` when the child is done (killed at the time limit
with its process group: ``killed`` true, ``returncode`` null).
"""

from __future__ import annotations

import json
import os
import signal
import sys
import time


def run_child(request: dict) -> None:
    """In the child: run the script as a reader's ``python FILE`` would, then exit."""
    os.setsid()  # its own process group: the server kills it with anything it started
    os.chdir(request["workdir"])
    for fd, path in ((1, request["stdout"]), (2, request["stderr"])):
        target = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.dup2(target, fd)
        os.close(target)
    # the server points sys.stdout at stderr (its stdout is the protocol's pipe); the child
    # prints to fd 1 again, now its own file
    sys.stdout, sys.stderr = sys.__stdout__, sys.__stderr__
    sys.stdin = open(os.devnull)
    sys.argv = [request["script"]]
    sys.path[0] = os.path.dirname(request["script"])  # as `python FILE` sets it
    code = 0
    try:
        import runpy

        runpy.run_path(request["script"], run_name="__main__")
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        if not isinstance(exc.code, int) and exc.code is not None:
            print(exc.code, file=sys.stderr)
    except BaseException:  # noqa: BLE001 - reported as python reports it
        import traceback

        traceback.print_exc()
        code = 1
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    finally:
        os._exit(code)


def serve() -> None:
    import keras  # noqa: F401 - the import every child shares (backend: KERAS_BACKEND)

    answer = sys.stdout
    sys.stdout = sys.stderr  # nothing but answers on the protocol's pipe
    print(json.dumps({"ready": True}), file=answer, flush=True)
    for line in sys.stdin:
        request = json.loads(line)
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:
            run_child(request)
        deadline = time.monotonic() + request["time_limit"]
        killed = False
        while True:
            done, status, usage = os.wait4(pid, os.WNOHANG)
            if done:
                break
            if time.monotonic() > deadline and not killed:
                killed = True
                try:
                    os.killpg(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            time.sleep(0.02)
        code = os.waitstatus_to_exitcode(status)
        reply = {
            "returncode": None if killed and code != 0 else code,
            "cpu": usage.ru_utime + usage.ru_stime,
            "killed": killed,
        }
        print(json.dumps(reply), file=answer, flush=True)


if __name__ == "__main__":
    serve()
