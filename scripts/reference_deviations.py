"""The reference implementation with our deliberate deviations (docs/conformance.md), for the
oracle scripts: `install(LocalExecutor)` patches the reference's executor class so that

1. an inserted value is never scanned for value-keys again (the reference replaces keys inside
   values inserted before, so one value can bring another one, unquoted, onto the command
   line), and
2. an absent input does not remove a value-key that another input sharing it (a member of the
   same mutually-exclusive group) fills (the reference drops the given member's argument).

Everything else is the reference's own code, step for step. Text being filled is a `Marked`
string: a str that knows, per character, whether it came from a value.
"""
import os


class Marked(str):
    def __new__(cls, text, sealed=None):
        s = str.__new__(cls, text)
        s.sealed = list(sealed) if sealed is not None else [False] * len(text)
        return s


def _marks(t):
    return t.sealed if isinstance(t, Marked) else [False] * len(t)


def _find_key(t, key, start=0):
    m = _marks(t)
    i = str.find(t, key, start)
    while i >= 0 and any(m[i:i + len(key)]):
        i = str.find(t, key, i + 1)
    return i


def _find_spaced(t, key, start=0):
    m = _marks(t)
    i = _find_key(t, key, start + 1)
    while i >= 1 and (t[i - 1] != " " or (key == "" and m[i - 1])):
        i = _find_key(t, key, i + 1)
    return i - 1 if i >= 1 else -1


def _replace(t, key, value, spaced=False):
    m = _marks(t)
    plain = str(t)
    if key == "" and not spaced:
        out, om = [], []
        for p in range(len(plain) + 1):
            if not (0 < p < len(plain) and m[p - 1] and m[p]):
                out.append(value)
                om += [True] * len(value)
            if p < len(plain):
                out.append(plain[p])
                om.append(m[p])
        return Marked("".join(out), om)
    find = _find_spaced if spaced else _find_key
    n = len(key) + (1 if spaced else 0)
    out, om, frm = [], [], 0
    at = find(t, key, 0)
    while at >= 0:
        out.append(plain[frm:at])
        om += m[frm:at]
        out.append(value)
        om += [True] * len(value)
        frm = at + n
        at = find(t, key, frm)
    out.append(plain[frm:])
    om += m[frm:]
    return Marked("".join(out), om)


def _abspath(t, cwd):
    """os.path.abspath, each character keeping its origin (components kept or dropped whole)."""
    if not str(t).startswith("/"):
        prefix = cwd if cwd.endswith("/") else cwd + "/"
        t = Marked(prefix + str(t), [False] * len(prefix) + _marks(t))
    path, m = str(t), _marks(t)
    if path == "":
        return Marked(".")
    initial = 1 if path.startswith("/") else 0
    if initial == 1 and path.startswith("//") and not path.startswith("///"):
        initial = 2
    parts, start = [], 0
    for i in range(len(path) + 1):
        if i < len(path) and path[i] != "/":
            continue
        comp, cm = path[start:i], m[start:i]
        start = i + 1
        if comp in ("", "."):
            continue
        if comp != ".." or (initial == 0 and not parts) or (parts and parts[-1][0] == ".."):
            parts.append((comp, cm))
        elif parts:
            parts.pop()
    text, marks = "/" * initial, [False] * initial
    for k, (comp, cm) in enumerate(parts):
        if k:
            text += "/"
            marks.append(False)
        text += comp
        marks += cm
    return Marked(text, marks) if text else Marked(".")


def install(executor_class):
    def _replaceKeysInTemplate(self, template, use_flags=False, unfound_keys="remove",
                               stripped_extensions=[], is_output=False, escape_special_chars=True):
        from shlex import quote as escape_string

        in_out_dict = dict(self.in_dict)
        in_out_dict.update(self.out_dict)
        input_keys = [(x["id"], x.get("value-key")) for x in self.inputs]
        for param_id in [x["id"] for x in self.inputs + self.outputs]:
            escape = (escape_special_chars and (self.safeGet(param_id, "type") == "String"
                                                or self.safeGet(param_id, "type") == "File")
                      or param_id in self.out_dict.keys())
            clk = self.safeGet(param_id, "value-key")
            if clk is None:
                continue
            if param_id in list(in_out_dict.keys()):
                val = in_out_dict[param_id]
                if type(val) is list:
                    list_sep = self.safeGet(param_id, "list-separator")
                    if list_sep is None:
                        list_sep = " "
                    val = list_sep.join([escape_string(str(x)) if escape else str(x) for x in val])
                elif escape:
                    val = escape_string(val)
                flag = self.safeGet(param_id, "command-line-flag")
                if use_flags and flag is not None:
                    sep = self.safeGet(param_id, "command-line-flag-separator")
                    if sep is None:
                        sep = " "
                    if self.safeGet(param_id, "type") == "Flag":
                        val = "" if val is False else flag
                    else:
                        val = flag + sep + str(val)
                if self.safeGet(param_id, "type") in ("File", "String"):
                    for extension in stripped_extensions:
                        val = val.replace(extension, "")
                    if self.safeGet(param_id, "type") == "File" and _find_key(template, clk) > 0 and is_output:
                        val = os.path.basename(val)
                if val is not None and val != "":
                    template = _replace(template, clk, str(val))
                else:
                    # str(val) is "" here unless val is None, which in_dict never holds.
                    template = _replace(template, clk, "", spaced=True)
            elif any(i == param_id for i, _ in input_keys) and any(
                    other != param_id and key == clk and other in self.in_dict for other, key in input_keys):
                # Deviation 2: another input with this value-key is given; it fills the key.
                continue
            else:
                if unfound_keys == "remove":
                    if _find_spaced(template, clk) >= 0:
                        template = _replace(template, clk, "", spaced=True)
                    else:
                        template = _replace(template, clk, "")
                elif unfound_keys == "clear":
                    if _find_key(template, clk) >= 0:
                        return ""
        return template

    def _generateOutputFileNames(self):
        if not hasattr(self, "out_dict"):
            self.out_dict = {}
        for outputId, isPathTemplate in [(x["id"], "path-template" in x) for x in self.outputs]:
            if isPathTemplate:
                if outputId in list(self.out_dict.keys()):
                    outputFileName = self.out_dict[outputId]
                else:
                    outputFileName = self.safeGet(outputId, "path-template")
            elif not isPathTemplate:
                for templateObj in self.safeGet(outputId, "conditional-path-template"):
                    templateKey = list(templateObj.keys())[0]
                    condition = self._getCondPathTemplateExp(templateKey)
                    if condition == "default":
                        outputFileName = templateObj["default"]
                        break
                    elif eval(condition):
                        outputFileName = templateObj[templateKey]
                        break
            se = self.safeGet(outputId, "path-template-stripped-extensions") or []
            outputFileName = self._rkit(outputFileName, use_flags=False, unfound_keys="keep",
                                        stripped_extensions=se, is_output=True, escape_special_chars=False)
            if self.safeGet(outputId, "uses-absolute-path"):
                outputFileName = _abspath(outputFileName, os.getcwd())
            self.out_dict[outputId] = outputFileName

    executor_class._replaceKeysInTemplate = _replaceKeysInTemplate
    executor_class._generateOutputFileNames = _generateOutputFileNames


def may_apply(desc, data):
    """Whether a deviation can change this case: inputs share a value-key, or a value holds a
    value-key, or begins or ends with part of one (which the template's text could complete)."""
    items = [x for x in desc.get("inputs", []) + desc.get("output-files", []) if isinstance(x, dict)]
    keys = [x["value-key"] for x in items if isinstance(x.get("value-key"), str)]
    input_keys = [x.get("value-key") for x in desc.get("inputs", []) if isinstance(x, dict) and x.get("value-key")]
    if len(set(input_keys)) < len(input_keys) or "" in keys:
        return True
    texts = []
    for v in data.values():
        texts += [str(x) for x in v] if isinstance(v, list) else [str(v)]
    for t in texts:
        for k in keys:
            if k in t or any(t.endswith(k[:n]) or t.startswith(k[-n:]) for n in range(1, len(k))):
                return True
    return False
