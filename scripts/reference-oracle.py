#!/usr/bin/env python3
"""Writes an oracle folder (the format of shared/conformance/boutiques) from the reference
implementation, for differential tests: each corpus descriptor and invocation is mutated in one
place, and the reference's verdict, command line, output paths and config files are recorded.

Usage: reference-oracle.py REFERENCE_DIR FIXTURES_ORACLE OUT_DIR [--seed N] [--per-case K]
  REFERENCE_DIR   folder holding the reference's Python package (boutiques-ref)
  FIXTURES_ORACLE an oracle folder whose fixtures/ and cases.json are the corpus
  OUT_DIR         where to write fixtures/, validation.json and cases.json

Runs the reference in-process (one Python process for thousands of cases). Where the reference
raises anything but its own validation errors, the entry is marked "override": "reference-crash".
Where one of our deliberate deviations in building (reference_deviations.py) changes the
answer, the entry holds the right answer and "override": "reference-bug".
"""
import copy
import json
import os
import random
import shutil
import sys
import tempfile
from collections import OrderedDict


def main(argv):
    ref_dir, corpus_dir, out_dir = argv[0], argv[1], argv[2]
    seed = int(argv[argv.index("--seed") + 1]) if "--seed" in argv else 1
    per_case = int(argv[argv.index("--per-case") + 1]) if "--per-case" in argv else 2
    mutant_cases = float(argv[argv.index("--mutant-cases") + 1]) if "--mutant-cases" in argv else 0.5
    per_desc = int(argv[argv.index("--per-descriptor") + 1]) if "--per-descriptor" in argv else 12
    sys.path.insert(0, ref_dir)
    import simplejson
    from boutiques.validator import validate_descriptor, DescriptorValidationError
    from boutiques.invocationSchemaHandler import generateInvocationSchema, validateSchema
    from boutiques.localExec import LocalExecutor, addDefaultValues
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import reference_deviations

    class DeviatingExecutor(LocalExecutor):
        pass

    reference_deviations.install(DeviatingExecutor)

    rnd = random.Random(seed)
    corpus = json.load(open(os.path.join(corpus_dir, "cases.json")))
    validation = json.load(open(os.path.join(corpus_dir, "validation.json")))
    os.makedirs(os.path.join(out_dir, "fixtures"), exist_ok=True)
    work = tempfile.mkdtemp(prefix="vipb-oracle-")

    def load(path):
        with open(path) as f:
            return simplejson.loads(f.read(), object_pairs_hook=OrderedDict)

    def judge_descriptor(desc):
        try:
            validate_descriptor(copy.deepcopy(desc))
            return True, None, None
        except DescriptorValidationError as e:
            return False, str(e), None
        except BaseException as e:  # the reference crashed
            return False, repr(e), "reference-crash"

    def build(executor_class, desc_path, invocation):
        """The command line, output paths and config files, in the current folder."""
        ex = executor_class(desc_path, simplejson.dumps(invocation), {
            "forcePathType": True, "destroyTempScripts": True, "changeUser": True,
            "skipDataCollect": True, "requireComplete": False, "sandbox": False})
        result = {"valid": True, "cwd": os.getcwd(), "command-line": str(ex.cmd_line[0]),
                  "output-files": {k: str(v) for k, v in ex.out_dict.items()}}
        configs = {}
        for o in ex.outputs:
            if "file-template" in o:
                with open(ex.out_dict[o["id"]]) as f:
                    configs[o["id"]] = f.read()
        if configs:
            result["config-files"] = configs
        return result

    def run_case(desc_path, invocation):
        """What bosh exec simulate -i does, in-process."""
        cwd = os.getcwd()
        d = tempfile.mkdtemp(dir=work)
        os.chdir(d)
        try:
            desc = load(desc_path)
            validate_descriptor(copy.deepcopy(desc))
            schema = desc.get("invocation-schema") or generateInvocationSchema(copy.deepcopy(desc))
            data = addDefaultValues(desc, copy.deepcopy(invocation))
            validateSchema(schema, data)
            bug = beyond_reference(desc, schema, data)
            if bug:
                return {"valid": False, "error": bug, "override": "reference-bug"}
            result = build(LocalExecutor, desc_path, invocation)
            if reference_deviations.may_apply(desc, data):
                right = build(DeviatingExecutor, desc_path, invocation)
                if right != result:
                    right["override"] = "reference-bug"
                    return right
            return result
        except SystemExit as e:
            return {"valid": False, "error": "exit %s" % e}
        except Exception as e:
            name = type(e).__name__
            if name in ("InvocationValidationError", "DescriptorValidationError", "ValidationError"):
                return {"valid": False, "error": str(e)[:2000]}
            return {"valid": False, "error": repr(e)[:2000], "override": "reference-crash"}
        finally:
            os.chdir(cwd)
            shutil.rmtree(d, ignore_errors=True)

    import signal

    def examples(path, rnd, n):
        """Random invocations from the reference's own generator (it can loop; bounded by alarm)."""
        out = []
        for k in range(n):
            random.seed(rnd.randint(0, 10**9))
            signal.signal(signal.SIGALRM, lambda *a: (_ for _ in ()).throw(TimeoutError()))
            signal.alarm(2)
            try:
                ex = LocalExecutor(path, None, {"forcePathType": True, "destroyTempScripts": True,
                                                "changeUser": True, "skipDataCollect": True,
                                                "requireComplete": k % 2 == 1, "sandbox": False})
                ex.in_dict = addDefaultValues(ex.desc_dict, {})
                ex._randomFillInDict()
                out.append(json.loads(json.dumps(ex.in_dict)))
            except BaseException:
                pass
            finally:
                signal.alarm(0)
        return out

    out_validation, out_cases = [], []
    # Descriptor mutations.
    for entry in validation:
        if entry.get("kind") == "json":
            continue
        src = os.path.join(corpus_dir, "fixtures", entry["descriptor"])
        try:
            desc = load(src)
        except Exception:
            continue
        for k in range(per_desc):
            mutant, kind = mutate_descriptor(desc, rnd)
            if mutant is None:
                continue
            name = "mutants/%s.%d.%s.json" % (entry["descriptor"].replace("/", "__")[:-5], k, kind)
            path = os.path.join(out_dir, "fixtures", name)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w") as f:
                f.write(simplejson.dumps(mutant, indent=2))
            valid, errors, override = judge_descriptor(load(path))
            e = {"descriptor": name, "valid": valid, "origin": "mutation:file:%s:%s" % (entry["descriptor"], kind)}
            if errors:
                e["errors"] = errors[:2000]
                e["kind"] = "DescriptorValidationError"
            if override:
                e["override"] = override
            out_validation.append(e)
            if valid and rnd.random() < mutant_cases:
                for inv in examples(path, rnd, 2):
                    for variant in (inv, mutate_invocation(mutant, inv, rnd)[0]):
                        r = run_case(path, variant)
                        c = OrderedDict([("descriptor", name), ("invocation", variant),
                                         ("origin", "mutation:%s:example" % name)])
                        c.update(r)
                        out_cases.append(c)
    # Invocation mutations, on the corpus descriptors (copied as they are).
    for case in corpus:
        desc_rel = case["descriptor"]
        dst = os.path.join(out_dir, "fixtures", desc_rel)
        if not os.path.exists(dst):
            os.makedirs(os.path.dirname(dst), exist_ok=True)
            shutil.copy(os.path.join(corpus_dir, "fixtures", desc_rel), dst)
        desc = load(dst)
        for k in range(per_case):
            inv, kind = mutate_invocation(desc, case["invocation"], rnd)
            r = run_case(dst, inv)
            e = OrderedDict([("descriptor", desc_rel), ("invocation", inv),
                             ("origin", "mutation:%s:%s" % (case["origin"], kind))])
            e.update(r)
            out_cases.append(e)
    with open(os.path.join(out_dir, "validation.json"), "w") as f:
        json.dump(out_validation, f, indent=1)
    with open(os.path.join(out_dir, "cases.json"), "w") as f:
        json.dump(out_cases, f, indent=1)
    shutil.rmtree(work, ignore_errors=True)
    print("%d descriptors, %d cases (%d valid, %d crashes)" % (
        len(out_validation), len(out_cases), sum(1 for c in out_cases if c["valid"]),
        sum(1 for c in out_cases if c.get("override"))))


def beyond_reference(desc, schema, data):
    """What the reference forgets to check (see shared/reference/boutiques.md); None when fine."""
    import jsonschema
    if not data:
        try:
            jsonschema.validate(data, schema)
        except jsonschema.ValidationError as e:
            return "empty invocation: %s" % e.message
    inputs = {i["id"]: i for i in desc.get("inputs", [])}

    def active(k):
        return k in data and data[k] is not None and data[k] is not False

    for g in desc.get("groups") or []:
        if g.get("all-or-none"):
            n = sum(1 for m in g["members"] if active(m))
            if 0 < n < len(g["members"]):
                return "all-or-none group %s partly set" % g["id"]
    for k, v in data.items():
        i = inputs.get(k)
        if i is None:
            continue
        values = v if isinstance(v, list) else [v]
        if i.get("integer") and i.get("value-choices"):
            for x in values:
                if not isinstance(x, bool) and isinstance(x, (int, float)) and x not in i["value-choices"]:
                    return "%s: %r not a choice" % (k, x)
        if not active(k):
            continue
        for x in values:
            if isinstance(x, bool) or not isinstance(x, (str, int, float)):
                continue
            key = x if isinstance(x, str) else repr(x)
            for r in (i.get("value-requires") or {}).get(key, []):
                if not active(r):
                    return "%s=%r requires %s" % (k, x, r)
            for d in (i.get("value-disables") or {}).get(key, []):
                if active(d):
                    return "%s=%r disables %s" % (k, x, d)
    return None


VALUES = ["", "x", "a b", "it's", "$(echo hi)", ";", "f.nii.gz", "/abs/p.txt", "../up", 0, 1, -1, 2.5, 1e-07,
          1e16, -0.0, 10, 100, True, False, None, [], ["a"], [1, 2], [1.5, "b"], {"k": 1}]


def mutate_invocation(desc, invocation, rnd):
    inv = copy.deepcopy(invocation)
    inputs = desc.get("inputs", [])
    ids = [i["id"] for i in inputs]
    kind = rnd.choice(["remove", "add", "retype", "bound", "list", "flag", "extra", "group", "requires", "default-null",
                       "keys"])
    if kind == "remove" and inv:
        del inv[rnd.choice(list(inv.keys()))]
    elif kind == "add" and ids:
        i = rnd.choice(inputs)
        inv[i["id"]] = sample_for(i, rnd)
    elif kind == "retype" and inv:
        inv[rnd.choice(list(inv.keys()))] = rnd.choice(VALUES)
    elif kind == "bound":
        nums = [i for i in inputs if i["type"] == "Number"]
        if nums:
            i = rnd.choice(nums)
            b = i.get("minimum", i.get("maximum", 0))
            inv[i["id"]] = rnd.choice([b, b - 1, b + 1, b + 0.5, b - 0.5, float(b)])
    elif kind == "list":
        lists = [i for i in inputs if i.get("list")]
        if lists:
            i = rnd.choice(lists)
            n = rnd.choice([0, 1, 2, 3, 6, 11])
            inv[i["id"]] = [single_for(i, rnd) for _ in range(n)]
    elif kind == "flag":
        flags = [i for i in inputs if i["type"] == "Flag"]
        if flags:
            inv[rnd.choice(flags)["id"]] = rnd.choice([True, False])
    elif kind == "extra":
        inv["not_an_input_" + str(rnd.randint(0, 9))] = "x"
    elif kind == "group":
        groups = desc.get("groups") or []
        if groups:
            g = rnd.choice(groups)
            for m in g["members"]:
                i = next((x for x in inputs if x["id"] == m), None)
                if i is not None and rnd.random() < 0.7:
                    inv[m] = sample_for(i, rnd)
                elif m in inv and rnd.random() < 0.5:
                    del inv[m]
    elif kind == "requires":
        withdeps = [i for i in inputs if i.get("requires-inputs") or i.get("disables-inputs")
                    or i.get("value-requires") or i.get("value-disables")]
        if withdeps:
            i = rnd.choice(withdeps)
            inv[i["id"]] = sample_for(i, rnd)
            for other in (i.get("requires-inputs") or []) + (i.get("disables-inputs") or []):
                o = next((x for x in inputs if x["id"] == other), None)
                if o is not None and rnd.random() < 0.5:
                    inv[other] = sample_for(o, rnd)
    elif kind == "keys":
        # A value made of other value-keys and shell metacharacters (deviation 1).
        strs = [i for i in inputs if i["type"] in ("String", "File") and not i.get("value-choices")]
        keys = [x.get("value-key") for x in inputs + desc.get("output-files", []) if x.get("value-key")]
        if strs and keys:
            i = rnd.choice(strs)
            v = "".join(rnd.choice(keys + [";", "$(id)", "'", " ", "x"]) for _ in range(rnd.randint(1, 4)))
            inv[i["id"]] = [v] if i.get("list") else v
    elif kind == "default-null":
        withdefault = [i for i in inputs if "default-value" in i]
        if withdefault:
            i = rnd.choice(withdefault)
            inv[i["id"]] = rnd.choice([None, sample_for(i, rnd)])
    return inv, kind


def single_for(i, rnd):
    if i.get("value-choices") and rnd.random() < 0.8:
        return rnd.choice(i["value-choices"])
    t = i["type"]
    if t == "Number":
        if i.get("integer"):
            return rnd.randint(-5, 20)
        return rnd.choice([0.5, 1.0, 2, 1e-07, 1e16, -0.0, 3.25])
    if t == "Flag":
        return rnd.choice([True, False])
    if t == "File":
        return rnd.choice(["in.nii.gz", "dir/a b.txt", "/data/x.mnc", "f", "it's.csv"])
    return rnd.choice(["val", "a b", "x;y", "", "[KEY]", "it's", "10", "-3", "1.5"])


def sample_for(i, rnd):
    if i.get("list"):
        lo = int(i.get("min-list-entries") or 1)
        return [single_for(i, rnd) for _ in range(rnd.randint(lo, lo + 2))]
    return single_for(i, rnd)


def mutate_descriptor(desc, rnd):
    d = copy.deepcopy(desc)
    inputs = d.get("inputs", [])
    outputs = d.get("output-files", [])
    groups = d.get("groups", [])
    kind = rnd.choice(["drop-key", "input-key", "output-key", "group-key", "dup-id", "flag-optional",
                       "value-key", "type", "minmax", "choices", "requires", "container", "cond-output",
                       "list-bounds", "group-members", "tests", "custom-gpu", "requires-group", "value-options",
                       "cond-complex", "stripped-ext", "separators", "default-values", "env-vars",
                       "file-template"])
    try:
        if kind == "drop-key":
            k = rnd.choice([k for k in d.keys()])
            del d[k]
        elif kind == "input-key" and inputs:
            i = rnd.choice(inputs)
            k = rnd.choice(list(i.keys()))
            if rnd.random() < 0.5:
                del i[k]
            else:
                i[k] = rnd.choice(VALUES)
        elif kind == "output-key" and outputs:
            o = rnd.choice(outputs)
            k = rnd.choice(list(o.keys()) + ["optional", "uses-absolute-path", "list"])
            if k in o and rnd.random() < 0.5:
                del o[k]
            else:
                o[k] = rnd.choice([True, False, "x", 1])
        elif kind == "group-key" and groups:
            g = rnd.choice(groups)
            k = rnd.choice(["mutually-exclusive", "one-is-required", "all-or-none"])
            if k in g and rnd.random() < 0.3:
                del g[k]
            else:
                g[k] = rnd.choice([True, False])
        elif kind == "dup-id" and len(inputs) > 1:
            a, b = rnd.sample(inputs, 2)
            b["id"] = a["id"]
        elif kind == "flag-optional":
            flags = [i for i in inputs if i["type"] == "Flag"]
            if flags:
                f = rnd.choice(flags)
                f["optional"] = False if rnd.random() < 0.5 else f.pop("optional", None) is None
        elif kind == "value-key" and len(inputs) > 1:
            a, b = rnd.sample(inputs, 2)
            if "value-key" in a:
                b["value-key"] = a["value-key"]
        elif kind == "type" and inputs:
            i = rnd.choice(inputs)
            i["type"] = rnd.choice(["String", "File", "Flag", "Number", "Other"])
        elif kind == "minmax":
            nums = [i for i in inputs if i["type"] == "Number"]
            if nums:
                i = rnd.choice(nums)
                i["minimum"] = rnd.choice([0, 5, -1.5])
                i["maximum"] = rnd.choice([0, 3, 10.5])
                if rnd.random() < 0.4:
                    i["exclusive-minimum"] = True
        elif kind == "choices":
            strs = [i for i in inputs if i["type"] in ("String", "Number")]
            if strs:
                i = rnd.choice(strs)
                i["value-choices"] = rnd.choice([[], ["a", "b"], [1, 2], ["a", "a"], [1, "x"]])
                if rnd.random() < 0.4:
                    i["default-value"] = rnd.choice(["a", 3, ["a"]])
        elif kind == "requires" and len(inputs) > 1:
            a, b = rnd.sample(inputs, 2)
            key = rnd.choice(["requires-inputs", "disables-inputs"])
            a[key] = [b["id"]] if rnd.random() < 0.8 else ["nope"]
        elif kind == "container":
            d["container-image"] = rnd.choice([
                {"type": "rootfs", "url": "http://x"},
                {"type": "docker", "image": "docker://a/b", "index": "shub://"},
                {"type": "docker", "image": "a/b", "container-opts": ["--gpus", "all"]},
                {"type": "singularity", "image": "a/b", "container-opts": ["--nv"]}])
        elif kind == "cond-output" and outputs:
            o = rnd.choice(outputs)
            o.pop("path-template", None)
            ids = [i["id"] for i in inputs]
            cond = rnd.choice(["%s" % rnd.choice(ids), "%s > 2" % rnd.choice(ids), "(%s)" % rnd.choice(ids),
                               "%s and %s" % (rnd.choice(ids), rnd.choice(ids)), "nope == 1", "x >"])
            o["conditional-path-template"] = [{cond: "a.txt"}] + ([{"default": "b.txt"}] if rnd.random() < 0.7 else [])
            if rnd.random() < 0.3:
                o.pop("optional", None)
        elif kind == "list-bounds":
            lists = [i for i in inputs if i.get("list")]
            if lists:
                i = rnd.choice(lists)
                i["min-list-entries"] = rnd.choice([0, 1, 2, -1, 2.5])
                i["max-list-entries"] = rnd.choice([0, 1, 3, 2.5])
        elif kind == "group-members" and groups:
            g = rnd.choice(groups)
            g["members"] = g["members"] + [rnd.choice([i["id"] for i in inputs] + ["ghost"])]
        elif kind == "tests":
            d["tests"] = [{"name": "t", "invocation": {}, "assertions": {"exit-code": 0,
                           "output-files": [{"id": rnd.choice([o["id"] for o in outputs] + ["ghost"])}]}}]
        elif kind == "requires-group" and groups and inputs:
            i = rnd.choice(inputs)
            i["requires-inputs"] = [rnd.choice(groups)["id"]] + ([rnd.choice(inputs)["id"]] if rnd.random() < 0.3 else [])
            i["optional"] = True
        elif kind == "value-options":
            strs = [i for i in inputs if i["type"] == "String"]
            if strs and len(inputs) > 1:
                i = rnd.choice(strs)
                i["value-choices"] = ["x", "y"]
                i.pop("default-value", None)
                other = rnd.choice([o["id"] for o in inputs if o is not i])
                shape = rnd.choice(["lists", "string", "number", "missing", "dup"])
                if shape == "lists":
                    i["value-requires"] = {"x": [other], "y": []}
                    i["value-disables"] = {"x": [], "y": [other]}
                elif shape == "string":
                    i["value-requires"] = {"x": other, "y": ""}
                elif shape == "number":
                    i["value-disables"] = {"x": 1, "y": []}
                elif shape == "missing":
                    i["value-requires"] = {"x": [other]}
                    i["value-disables"] = {"x": [other], "y": []}
                else:
                    i["value-requires"] = {"x": [other], "y": [other]}
                    i["value-disables"] = {"x": [other], "y": []}
        elif kind == "cond-complex" and outputs and inputs:
            o = rnd.choice(outputs)
            o.pop("path-template", None)
            o["optional"] = rnd.choice([True, False])
            nums = [i["id"] for i in inputs if i["type"] == "Number"] or [inputs[0]["id"]]
            strs = [i["id"] for i in inputs if i["type"] in ("String", "File")] or [inputs[0]["id"]]
            flags = [i["id"] for i in inputs if i["type"] == "Flag"] or [inputs[0]["id"]]
            cond = rnd.choice(["%s >= 2" % rnd.choice(nums), "%s==\"x\"" % rnd.choice(strs), "(%s) or (%s < 1.5)" % (
                rnd.choice(flags), rnd.choice(nums)), "%s != \"a b\"" % rnd.choice(strs), "%s>10.00" % rnd.choice(nums),
                "%s and %s" % (rnd.choice(flags), rnd.choice(flags)), "not %s" % rnd.choice(flags),
                "%s == %s" % (rnd.choice(nums), rnd.choice(nums)), "%s" % o["id"]])
            o["conditional-path-template"] = [{cond: "[%s]_c.txt" % "X"}, {"default": "d.txt"}]
            o["conditional-path-template"][0] = {cond: "c-" + rnd.choice(["a", "[Q]"]) + ".txt"}
        elif kind == "stripped-ext" and outputs:
            o = rnd.choice([x for x in outputs if "path-template" in x] or outputs)
            keys = [i.get("value-key") for i in inputs if i.get("value-key")]
            if keys and "path-template" in o:
                k = rnd.choice(keys)
                o["path-template"] = rnd.choice([k + "_out.nii.gz", "dir/" + k + ".log", k, "x" + k + k])
                o["path-template-stripped-extensions"] = rnd.sample([".nii.gz", ".nii", ".gz", ".txt", "a", ""], 2)
        elif kind == "separators" and inputs:
            i = rnd.choice(inputs)
            if i["type"] != "Flag":
                i["command-line-flag"] = rnd.choice(["-x", "--long", ""])
                i["command-line-flag-separator"] = rnd.choice(["=", "", " ", "::"])
                if i.get("list"):
                    i["list-separator"] = rnd.choice([",", "", " ; ", "'"])
        elif kind == "default-values" and inputs:
            i = rnd.choice(inputs)
            i["default-value"] = rnd.choice(VALUES)
            i["optional"] = True
        elif kind == "env-vars" and inputs:
            keys = [i.get("value-key") for i in inputs if i.get("value-key")]
            if keys:
                d["environment-variables"] = [{"name": "V1", "value": rnd.choice(keys)},
                                              {"name": "V2", "value": "pre" + rnd.choice(keys)}]
        elif kind == "file-template" and outputs:
            o = rnd.choice(outputs)
            keys = [i.get("value-key") for i in inputs if i.get("value-key")]
            if keys:
                o.pop("list", None)
                o["file-template"] = ["a=" + rnd.choice(keys), "b=" + rnd.choice(keys) + " " + rnd.choice(keys), "plain"]
        elif kind == "custom-gpu":
            d["custom"] = {"vip:gpu": rnd.choice([{"count": 1}, {"count": 2, "policy": "preferred"}, True])}
    except (IndexError, KeyError, ValueError):
        return None, kind
    return d, kind


if __name__ == "__main__":
    main(sys.argv[1:])
