#!/usr/bin/env python3
"""Writes the cases of an oracle folder whose right answer is not the reference's because of
our deliberate deviations in building (reference_deviations.py, docs/conformance.md): each
valid case is built again by the reference with the deviations installed, and every case whose
command line, output paths or config files change is written out with the right answer.

Usage: conformance-deviations.py REFERENCE_DIR ORACLE_DIR OUT_JSON
"""
import copy
import json
import os
import shutil
import sys
import tempfile


def main(argv):
    ref_dir, oracle_dir, out_file = argv[0], argv[1], argv[2]
    sys.path.insert(0, ref_dir)
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import simplejson
    import reference_deviations
    from boutiques.localExec import LocalExecutor

    class DeviatingExecutor(LocalExecutor):
        pass

    reference_deviations.install(DeviatingExecutor)
    cases = json.load(open(os.path.join(oracle_dir, "cases.json")))
    work = tempfile.mkdtemp(prefix="vipb-deviations-")
    out = []
    for case in cases:
        if not case.get("valid") or case.get("override"):
            continue
        path = os.path.join(oracle_dir, "fixtures", case["descriptor"])
        cwd = os.getcwd()
        d = tempfile.mkdtemp(dir=work)
        os.chdir(d)
        try:
            ex = DeviatingExecutor(path, simplejson.dumps(case["invocation"]), {
                "forcePathType": True, "destroyTempScripts": True, "changeUser": True,
                "skipDataCollect": True, "requireComplete": False, "sandbox": False})
            outputs = {k: str(v) for k, v in ex.out_dict.items()}
            if case.get("cwd"):
                # Absolute output paths were resolved in the case's folder.
                outputs = {k: v.replace(os.getcwd(), case["cwd"], 1) if v.startswith(os.getcwd()) else v
                           for k, v in outputs.items()}
            configs = {}
            for o in ex.outputs:
                if "file-template" in o:
                    with open(ex.out_dict[o["id"]]) as f:
                        configs[o["id"]] = f.read()
            right = {"command-line": str(ex.cmd_line[0]), "output-files": outputs}
            if configs:
                right["config-files"] = configs
            recorded = {k: case[k] for k in ("command-line", "output-files", "config-files") if k in case}
            if right != recorded:
                keys = {}
                for i in ex.inputs:
                    if i.get("value-key"):
                        keys.setdefault(i["value-key"], []).append(i["id"])
                shared = any(len(ids) > 1 and any(i in case["invocation"] for i in ids) for ids in keys.values())
                entry = {"descriptor": case["descriptor"], "origin": case["origin"],
                         "invocation": case["invocation"],
                         "deviation": "shared-value-key" if shared else "values-not-rescanned"}
                entry.update(right)
                out.append(entry)
        finally:
            os.chdir(cwd)
            shutil.rmtree(d, ignore_errors=True)
    shutil.rmtree(work, ignore_errors=True)
    with open(out_file, "w") as f:
        json.dump(out, f, indent=1, ensure_ascii=False)
        f.write("\n")
    print("%d of %d cases answer differently on purpose" % (len(out), len(cases)))


if __name__ == "__main__":
    main(sys.argv[1:])
