"""No traceback on any input: a hostile corpus through `zi-bot lke score` and `lke validate`.

Every generated file goes to both commands, each run in its own process (forked from one
interpreter that has imported `bot.cli.main` once, so 120 runs take seconds, not minutes): the
exit code may be anything, but stderr holds at most one line and never a traceback.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.core.helpers import bundled_raw, write_yaml

REPO = Path(__file__).resolve().parents[2]

# Runs `main([command, FILE])` for every FILE in a forked child whose stdout and stderr go to
# FILE.<command>.out / .err; an exception escaping main() ends the child as the interpreter would
# (a traceback on stderr); a normal end skips interpreter teardown (os._exit). The exit
# code goes to FILE.<command>.rc.
DRIVER = """
import os, sys
from bot.cli.main import main
from zi_core.lke import load_lke
load_lke()  # the bundled LKE, parsed once and inherited by every child
command, folder = sys.argv[1], sys.argv[2]
for name in sorted(os.listdir(folder)):
    if name.endswith(('.out', '.err', '.rc')):
        continue
    path = os.path.join(folder, name)
    target = os.path.join(folder, f'{name}.{command}')
    pid = os.fork()
    if pid == 0:
        for fd, ext in ((1, '.out'), (2, '.err')):
            os.dup2(os.open(target + ext, os.O_WRONLY | os.O_CREAT | os.O_TRUNC), fd)
        code = main(['lke', command, path])
        sys.stdout.flush(), sys.stderr.flush()
        os._exit(code)
    _, status = os.waitpid(pid, 0)
    with open(target + '.rc', 'w') as rc:
        rc.write(str(os.waitstatus_to_exitcode(status)))
"""

MIN_FILES = 50


def _json_corpus() -> dict[str, bytes]:
    """JSON documents built to break the parser, the numbers and the types."""
    digits_4301, digits_5000 = "9" * 4301, "7" * 5000
    texts = {
        "nested_arrays.json": "[" * 100_000 + "]" * 100_000,
        "nested_objects.json": '{"a":' * 100_000 + "1" + "}" * 100_000,
        "nested_in_answer.json": '{"answers": {"R.1.i.a": ' + "[" * 50_000 + "]" * 50_000
                                 + "}}",
        "int_4301_digits.json": '{"answers": {"R.3.iii.a": ' + digits_4301 + "}}",
        "int_5000_digits_fact.json": '{"prerequisites": {"lhkpn": ' + digits_5000 + "}}",
        "int_5000_digits_input.json": '{"answers": {"R.1.i.a": {"agen": ' + digits_5000
                                      + ', "perubahan": 1}}}',
        "negative_5000_digits.json": '{"hasil": {"ipak": -' + digits_5000 + "}}",
        "decimal_5000_digits.json": '{"hasil": {"ipak": 0.' + digits_5000 + "}}",
        "float_1e400.json": '{"hasil": {"ipkp": 1e400}}',
        "exponent_huge.json": '{"answers": {"R.3.iii.a": 1e999999999}}',
        "exponent_tiny.json": '{"answers": {"R.3.iii.a": 1e-999999999}}',
        "nan.json": '{"hasil": {"ipak": NaN}}',
        "infinity_fact.json": '{"prerequisites": {"lhkpn": Infinity}}',
        "minus_infinity.json": '{"answers": {"R.3.iii.a": -Infinity}}',
        "nan_input.json": '{"answers": {"R.1.i.a": {"agen": NaN, "perubahan": 1}}}',
        "empty.json": "",
        "whitespace.json": " \n\t ",
        "bom_valid.json": "\ufeff" + json.dumps({"answers": {"P.1.i.a": "Ya"}}),
        "bom_only.json": "\ufeff",
        "top_array.json": "[1, 2, 3]",
        "top_string.json": '"answers"',
        "top_number.json": "42",
        "top_null.json": "null",
        "truncated.json": '{"answers": {"P.1.i.a": "Y',
        "lone_surrogate_key.json": '{"answers": {"\\ud800": "Ya"}}',
        "lone_surrogate_value.json": '{"answers": {"P.1.i.a": "\\udfff"}}',
        "nul_value.json": '{"answers": {"P.1.i.a": "Ya\\u0000"}}',
        "huge_string.json": json.dumps({"answers": {"P.1.i.a": "Y" * 5_000_000}}),
        "huge_key.json": json.dumps({"answers": {"K" * 2_000_000: "Ya"}}),
        "duplicate_keys.json": '{"answers": {"P.1.i.a": "Ya", "P.1.i.a": []}}',
    }
    wrong = {
        "answers_list.json": {"answers": ["P.1.i.a"]},
        "answer_bool.json": {"answers": {"P.1.i.a": True}},
        "answer_null.json": {"answers": {"P.1.i.a": None}},
        "answer_dict_for_choice.json": {"answers": {"P.1.i.a": {"a": 1}}},
        "answer_list_for_percent.json": {"answers": {"R.3.iii.a": [0.5]}},
        "percent_negative.json": {"answers": {"R.3.iii.a": -0.5}},
        "percent_over.json": {"answers": {"R.3.iii.a": 7}},
        "input_negative.json": {"answers": {"R.1.i.a": {"agen": -1, "perubahan": 1}}},
        "input_text.json": {"answers": {"R.1.i.a": {"agen": "sepuluh", "perubahan": 1}}},
        "input_missing.json": {"answers": {"R.1.i.a": {}}},
        "hasil_over.json": {"hasil": {"ipak": 5, "ipkp": 9, "kinerja": "Z"}},
        "hasil_negative.json": {"hasil": {"ipak": -1, "ipkp": -0.01}},
        "hasil_types.json": {"hasil": {"ipak": {"x": 1}, "ipkp": [1], "kinerja": 3}},
        "facts_types.json": {"prerequisites": {"opini_bpk": 1, "spip_level": "3",
                                               "core_service": "true", "lhkpn": "banyak"}},
        "facts_over.json": {"prerequisites": {"spip_level": 99, "lhkasn": 100.01,
                                              "tindak_lanjut": -5}},
        "facts_dates.json": {"prerequisites": {"pencanangan": "2026-02-30",
                                               "tanggal_evaluasi": 20260101}},
        "facts_date_dict.json": {"prerequisites": {"pencanangan": {"y": 2026}}},
        "facts_bool_level.json": {"prerequisites": {"spip_level": True}},
        "unknown_section.json": {"jawaban": {}},
        "all_null.json": {"answers": None, "hasil": None, "prerequisites": None},
    }
    corpus = {name: text.encode("utf-8", "surrogatepass") for name, text in texts.items()}
    corpus.update({name: json.dumps(doc).encode() for name, doc in wrong.items()})
    rng = random.Random(14)
    corpus.update({f"junk_{n}.bin": rng.randbytes(rng.randint(1, 4096)) for n in range(4)})
    corpus["nul_bytes.json"] = b'{"answers": {"P.1.i.a": "Ya"}}\x00\x00'
    corpus["latin1.json"] = '{"answers": {"P.1.i.a": "\xe9"}}'.encode("latin-1")
    return corpus


def _yaml_corpus(folder: Path) -> None:
    """LKE files: deep nesting, huge and non-finite weights, and wrong types at many places."""
    texts = {
        "nested_flow.yaml": "version: " + "[" * 20_000 + "]" * 20_000,
        "nested_mapping.yaml": "version: " + "{a: " * 20_000 + "1" + "}" * 20_000,
        "nested_block.yaml": "a:\n" + "".join("  " * i + "-\n" for i in range(1, 3000)),
        "tag_python.yaml": "version: !!python/object/apply:os.system ['true']\n",
        "tag_binary.yaml": "version: !!binary aGVsbG8=\n",
        "aliases.yaml": "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
            f"{chr(98 + n)}: &{chr(98 + n)} [*{chr(97 + n)}, *{chr(97 + n)}, *{chr(97 + n)}]\n"
            for n in range(20)),
        "top_list.yaml": "- 1\n- 2\n",
        "tab_indent.yaml": "version:\n\t- 1\n",
    }
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    bundled = (REPO / "zi_core" / "lke" / "data" / "lke-2021.yaml").read_text(encoding="utf-8")
    for name, weight in (("weight_5000_digits.yaml", "9" * 5000),
                         ("weight_neg_5000_digits.yaml", "-" + "9" * 5000),
                         ("weight_exponent.yaml", "1e999999999"),
                         ("weight_nan.yaml", ".nan"), ("weight_inf.yaml", ".inf"),
                         ("weight_negative.yaml", "-60.0"), ("weight_text.yaml", "banyak"),
                         ("weight_date.yaml", "2021-01-01")):
        (folder / name).write_text(bundled.replace("weight: 60.0", f"weight: {weight}", 1),
                                   encoding="utf-8")
    rng = random.Random(15)
    junk = [None, [], {}, "x", -1, 10**30, True, 1.5, [[]], {"a": None}]
    for n in range(6):
        write_yaml(folder / f"mutated_{n}.yaml", _mutate(bundled_raw(), rng, junk))


def _mutate(raw, rng, junk):
    """The bundled LKE with a few values deep inside replaced by junk."""
    for _ in range(3):
        node = raw
        while True:
            keys = list(node) if isinstance(node, dict) else list(range(len(node)))
            if not keys:
                break
            key = rng.choice(keys)
            child = node[key]
            if not isinstance(child, dict | list) or not child or rng.random() < 0.2:
                node[key] = rng.choice(junk)
                break
            node = child
    return raw


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    for name, content in _json_corpus().items():
        (folder / name).write_bytes(content)
    _yaml_corpus(folder)
    return folder


def _inputs(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.suffix not in (".out", ".err", ".rc")
                  and not p.name.endswith((".score", ".validate")))


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the driver forks one process per run")
@pytest.mark.parametrize("command", ["score", "validate"])
def test_hostile_corpus_never_prints_a_traceback(hostile, command):
    names = _inputs(hostile)
    assert len(names) >= MIN_FILES
    subprocess.run([sys.executable, "-c", DRIVER, command, str(hostile)], cwd=REPO,
                   env={**os.environ, "PYTHONPATH": str(REPO)}, timeout=600, check=True)
    broken = {}
    for name in names:
        base = hostile / f"{name}.{command}"
        err = Path(f"{base}.err").read_text(encoding="utf-8", errors="replace")
        code = int(Path(f"{base}.rc").read_text())
        if "Traceback" in err or err.count("\n") > 1 or (code != 0 and not err.strip()):
            broken[name] = (code, err[-300:])
        elif code != 0:
            assert err.startswith("zi-bot: "), (name, err)
    assert broken == {}


def test_the_corpus_holds_what_the_issue_names(hostile):
    names = set(_inputs(hostile))
    assert {"nested_arrays.json", "int_4301_digits.json", "weight_5000_digits.yaml",
            "nested_block.yaml", "nan.json", "bom_valid.json", "empty.json"} <= names
    assert yaml.safe_load((hostile / "weight_nan.yaml").read_text())["pengungkit"]
